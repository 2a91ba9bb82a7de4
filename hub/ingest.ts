// What sites send: service records (one version at a time, idempotent by site and key, the highest
// revision kept, the daily rollup brought up to date in the same transaction) and the live floor
// summary (latest wins by the site's own clock). The site is the one the credential names; nothing
// in the body can say otherwise.
import type pg from 'pg';
import type { FloorSummary, RecordEnvelope } from '@core/hub-protocol.ts';
import { refreshGroups } from './rollup.ts';
import type { RollupGroup } from './rollup.ts';

/** Local ISO time (+07:00) as sent, or a day's start when it does not parse. */
function instant(iso: string, day: string): string {
  return Number.isFinite(Date.parse(iso)) ? iso : `${day}T00:00:00+07:00`;
}

export type IngestOutcome = 'stored' | 'updated' | 'kept';

export async function ingestRecord(pool: pg.Pool, site: string, e: RecordEnvelope): Promise<IngestOutcome> {
  const r = e.record;
  const rated = r.rating !== null;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // The group the record counted in until now (a revision may move it: another officer, service…).
    const was = await client.query<{ day: string; department_code: string; service_code: string; officer: string }>(
      `SELECT day, department_code, service_code, coalesce(officer_id, '') AS officer FROM records WHERE site_code = $1 AND key = $2 FOR UPDATE`,
      [site, e.key]);
    // A replay of the same or an older revision changes nothing and still answers 2xx.
    const res = await client.query<{ inserted: boolean }>(`INSERT INTO records AS t (site_code, key, revision, day, issued_at, department_code, service_code, officer_id, officer_name,
       counter, outcome, transfers, waiting_seconds, service_seconds, target_wait_seconds, rated, score, dossier_codes, body,
       department_name, service_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
     ON CONFLICT (site_code, key) DO UPDATE SET
       revision = EXCLUDED.revision, day = EXCLUDED.day, issued_at = EXCLUDED.issued_at, department_code = EXCLUDED.department_code,
       service_code = EXCLUDED.service_code, department_name = EXCLUDED.department_name, service_name = EXCLUDED.service_name, officer_id = EXCLUDED.officer_id, officer_name = EXCLUDED.officer_name,
       counter = EXCLUDED.counter, outcome = EXCLUDED.outcome, transfers = EXCLUDED.transfers,
       waiting_seconds = EXCLUDED.waiting_seconds, service_seconds = EXCLUDED.service_seconds,
       target_wait_seconds = EXCLUDED.target_wait_seconds, rated = EXCLUDED.rated, score = EXCLUDED.score,
       dossier_codes = EXCLUDED.dossier_codes, body = EXCLUDED.body, received_at = now()
     WHERE t.revision < EXCLUDED.revision
     RETURNING (xmax = 0) AS inserted`,
    [site, e.key, e.revision, e.day, instant(r.issuedAt, e.day), r.departmentCode, r.serviceCode, r.officerId, r.officerName,
      r.counter, r.outcome, r.transfers.length, r.waitingSeconds, r.serviceSeconds, e.targetWaitSec, rated,
      rated ? r.rating!.score : null, r.dossierCodes, JSON.stringify(r), r.departmentName, r.serviceName]);
    const row = res.rows[0];
    if (row) {
      const old = was.rows[0];
      const before: RollupGroup | null = old ? { site, day: old.day, department: old.department_code, service: old.service_code, officer: old.officer } : null;
      await refreshGroups(client, { site, day: e.day, department: r.departmentCode, service: r.serviceCode, officer: r.officerId ?? '' }, before);
    }
    await client.query('COMMIT');
    return !row ? 'kept' : row.inserted ? 'stored' : 'updated';
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

export async function ingestFloor(pool: pg.Pool, site: string, s: FloorSummary): Promise<boolean> {
  const res = await pool.query(
    `INSERT INTO floor AS f (site_code, at, summary) VALUES ($1, $2, $3)
     ON CONFLICT (site_code) DO UPDATE SET at = EXCLUDED.at, summary = EXCLUDED.summary, received_at = now()
     WHERE f.at <= EXCLUDED.at`, [site, s.at, JSON.stringify(s)]);
  return (res.rowCount ?? 0) > 0;
}
