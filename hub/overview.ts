// The province's live view: every site with its latest floor summary, its link state and last contact.
import type pg from 'pg';
import type { FloorSummary } from '@core/hub-protocol.ts';

/** A site silent for longer than this is shown as unreachable (its pusher sends every few seconds). */
export const LINK_STALE_MS = 60_000;

export interface SiteLive {
  code: string;
  name: string;
  enrolled: boolean;
  revoked: boolean;
  link: 'up' | 'down' | 'never';
  lastContactAt: number | null;
  floor: FloorSummary | null;
  floorReceivedAt: number | null;
}

export async function siteOverview(pool: pg.Pool, now: number): Promise<{ now: number; sites: SiteLive[] }> {
  const r = await pool.query<{ code: string; name: string; enrolled: boolean; revoked: boolean; last_contact_at: Date | null; summary: FloorSummary | null; received_at: Date | null }>(
    `SELECT s.code, s.name, s.credential_hash IS NOT NULL AS enrolled, s.revoked_at IS NOT NULL AS revoked, s.last_contact_at,
            f.summary, f.received_at
     FROM sites s LEFT JOIN floor f ON f.site_code = s.code ORDER BY s.name, s.code`);
  return {
    now,
    sites: r.rows.map((s) => {
      const last = s.last_contact_at?.getTime() ?? null;
      return {
        code: s.code, name: s.name, enrolled: s.enrolled, revoked: s.revoked,
        link: last === null ? 'never' : now - last <= LINK_STALE_MS ? 'up' : 'down',
        lastContactAt: last, floor: s.summary, floorReceivedAt: s.received_at?.getTime() ?? null,
      };
    }),
  };
}
