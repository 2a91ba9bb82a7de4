// Sites of the province: created by a hub admin with a one-time enrolment token, enrolled by the
// site (token → its own credential), revoked by the admin. The credential is `<code>.<secret>`; the
// hub keeps a hash of the secret only, so a stolen database does not let anyone speak for a site.
import { timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { siteOfCredential } from '@core/hub-protocol.ts';
import type { EnrolResponse } from '@core/hub-protocol.ts';
import { hashToken, randomToken } from '../server/auth/secrets.ts';
import { Refusal } from './http.ts';

export const ENROLMENT_VALID_MS = 7 * 24 * 3_600_000;

export interface SiteRow {
  code: string;
  name: string;
  enrolled: boolean;
  revoked: boolean;
  createdAt: string;
  lastContactAt: string | null;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export class Sites {
  /** Credentials recently checked: ingestion asks for every record, the database need not answer each time. */
  private readonly known = new Map<string, { hash: string; checkedAt: number }>();
  private readonly contactNoted = new Map<string, number>();

  constructor(private readonly pool: pg.Pool, private readonly now: () => number) {}

  async list(): Promise<SiteRow[]> {
    const r = await this.pool.query<{ code: string; name: string; enrolled: boolean; revoked: boolean; created_at: Date; last_contact_at: Date | null }>(
      `SELECT code, name, credential_hash IS NOT NULL AS enrolled, revoked_at IS NOT NULL AS revoked, created_at, last_contact_at
       FROM sites ORDER BY name, code`);
    return r.rows.map((s) => ({
      code: s.code, name: s.name, enrolled: s.enrolled, revoked: s.revoked,
      createdAt: s.created_at.toISOString(), lastContactAt: s.last_contact_at?.toISOString() ?? null,
    }));
  }

  /** A new site and its enrolment token (shown once). */
  async create(code: string, name: string): Promise<{ code: string; enrolmentToken: string }> {
    const token = randomToken(24);
    const r = await this.pool.query(
      `INSERT INTO sites (code, name, enrolment_hash, enrolment_expires_at) VALUES ($1, $2, $3, to_timestamp($4 / 1000.0))
       ON CONFLICT (code) DO NOTHING`, [code, name, hashToken(token), this.now() + ENROLMENT_VALID_MS]);
    if (r.rowCount === 0) throw new Refusal('SITE_EXISTS', { code });
    return { code, enrolmentToken: token };
  }

  /** A fresh enrolment token for an existing site (a reinstalled server, a revoked one coming back). */
  async reissue(code: string): Promise<{ code: string; enrolmentToken: string }> {
    const token = randomToken(24);
    const r = await this.pool.query(
      'UPDATE sites SET enrolment_hash = $2, enrolment_expires_at = to_timestamp($3 / 1000.0) WHERE code = $1',
      [code, hashToken(token), this.now() + ENROLMENT_VALID_MS]);
    if (r.rowCount === 0) throw new Refusal('NO_SITE', { code });
    return { code, enrolmentToken: token };
  }

  /** One use only: the token is cleared in the same statement that issues the credential. */
  async enrol(token: string): Promise<EnrolResponse> {
    const secret = randomToken(32);
    const r = await this.pool.query<{ code: string; name: string }>(
      `UPDATE sites SET credential_hash = $2, enrolled_at = now(), revoked_at = NULL, enrolment_hash = NULL, enrolment_expires_at = NULL
       WHERE enrolment_hash = $1 AND enrolment_expires_at > to_timestamp($3 / 1000.0) RETURNING code, name`,
      [hashToken(token), hashToken(secret), this.now()]);
    const row = r.rows[0];
    if (!row) throw new Refusal('BAD_TOKEN');
    this.known.delete(row.code);
    return { site: row.code, name: row.name, credential: `${row.code}.${secret}` };
  }

  async revoke(code: string): Promise<void> {
    const r = await this.pool.query('UPDATE sites SET revoked_at = now(), credential_hash = NULL WHERE code = $1', [code]);
    if (r.rowCount === 0) throw new Refusal('NO_SITE', { code });
    this.known.delete(code);
  }

  /**
   * The site a credential belongs to, or a refusal. The identity is the credential's: its code part
   * names the site, and its secret must hash to that site's stored hash.
   */
  async authenticate(credential: string | null): Promise<string> {
    if (!credential) throw new Refusal('NO_CREDENTIAL');
    const code = siteOfCredential(credential);
    if (!code) throw new Refusal('BAD_CREDENTIAL');
    const hash = hashToken(credential.slice(code.length + 1));
    const cached = this.known.get(code);
    // A revocation on this hub clears the cache at once; the short life covers a second hub process.
    if (!cached || this.now() - cached.checkedAt > 5_000) {
      const r = await this.pool.query<{ credential_hash: string | null }>('SELECT credential_hash FROM sites WHERE code = $1 AND revoked_at IS NULL', [code]);
      const stored = r.rows[0]?.credential_hash;
      if (!stored) {
        this.known.delete(code);
        throw new Refusal('BAD_CREDENTIAL');
      }
      this.known.set(code, { hash: stored, checkedAt: this.now() });
    }
    if (!same(this.known.get(code)!.hash, hash)) throw new Refusal('BAD_CREDENTIAL');
    this.noteContact(code);
    return code;
  }

  /** Last contact, written at most every few seconds per site. */
  private noteContact(code: string): void {
    const at = this.now();
    if (at - (this.contactNoted.get(code) ?? 0) < 2_000) return;
    this.contactNoted.set(code, at);
    this.pool.query('UPDATE sites SET last_contact_at = to_timestamp($2 / 1000.0) WHERE code = $1', [code, at]).catch(() => {});
  }
}
