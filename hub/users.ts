// Hub users (province admins and managers), separate from every site's accounts: their own table,
// their own sessions. Passwords are hashed with the site's scrypt helper; sessions are random tokens
// kept as hashes, valid for a working day and a half.
import type { Request } from 'express';
import type pg from 'pg';
import { hashPassword, hashToken, randomToken, verifyPassword } from '../server/auth/secrets.ts';
import { Refusal, bearerOf } from './http.ts';

export type HubRole = 'admin' | 'manager';
export interface HubUser { id: number; username: string; displayName: string; role: HubRole }

const SESSION_MS = 36 * 3_600_000;
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export class HubUsers {
  constructor(private readonly pool: pg.Pool, private readonly now: () => number) {}

  async count(): Promise<number> {
    const r = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM hub_users');
    return r.rows[0]!.n;
  }

  async create(u: { username: string; displayName: string; role: HubRole; password: string }): Promise<void> {
    await this.pool.query('INSERT INTO hub_users (username, display_name, role, password_hash) VALUES ($1, $2, $3, $4)',
      [u.username, u.displayName, u.role, await hashPassword(u.password)]);
  }

  async login(username: string, password: string): Promise<{ token: string; user: HubUser }> {
    const r = await this.pool.query<{ id: number; username: string; display_name: string; role: HubRole; password_hash: string }>(
      'SELECT id, username, display_name, role, password_hash FROM hub_users WHERE username = $1', [username]);
    const row = r.rows[0];
    // The same work whether the user exists or not: no timing hint of which usernames exist.
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) throw new Refusal('BAD_LOGIN');
    const token = randomToken();
    await this.pool.query('INSERT INTO hub_sessions (token_hash, user_id, expires_at) VALUES ($1, $2, to_timestamp($3 / 1000.0))',
      [hashToken(token), row.id, this.now() + SESSION_MS]);
    return { token, user: { id: row.id, username: row.username, displayName: row.display_name, role: row.role } };
  }

  async logout(token: string): Promise<void> {
    await this.pool.query('DELETE FROM hub_sessions WHERE token_hash = $1', [hashToken(token)]);
  }

  /** The signed-in user of a request (Bearer session token), with one of the roles, or a refusal. */
  async require(req: Request, roles: HubRole[]): Promise<HubUser> {
    const token = bearerOf(req);
    if (!token) throw new Refusal('NOT_SIGNED_IN');
    const r = await this.pool.query<{ id: number; username: string; display_name: string; role: HubRole }>(
      `SELECT u.id, u.username, u.display_name, u.role FROM hub_sessions s JOIN hub_users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > to_timestamp($2 / 1000.0)`, [hashToken(token), this.now()]);
    const row = r.rows[0];
    if (!row) throw new Refusal('NOT_SIGNED_IN');
    if (!roles.includes(row.role)) throw new Refusal('FORBIDDEN');
    return { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
  }
}
