// Starts the province hub (createHub) on port 0 on a fresh database of a throwaway PostgreSQL
// cluster, with an admin and a manager account, and a few calls the tests make again and again.
import pino from 'pino';
import type pg from 'pg';
import { createHub } from '../../hub/app.ts';
import type { Hub } from '../../hub/app.ts';
import { createPool, migrate } from '../../hub/db.ts';
import type { PgCluster } from './postgres.ts';

export const HUB_PASSWORD = 'mat-khau-tinh-thu';

export interface TestHub {
  url: string;
  port: number;
  pool: pg.Pool;
  databaseUrl: string;
  hub: Hub;
  adminToken: string;
  managerToken: string;
  api<T = unknown>(path: string, options?: { method?: string; body?: unknown; token?: string | null }): Promise<{ status: number; body: { ok: boolean; data: T; code?: string; message?: string } }>;
  createSite(code: string, name?: string): Promise<string>;
  enrol(token: string): Promise<string>;
  stop(): Promise<void>;
  /** Starts again on the same port and database (after stop). */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startHub(cluster: PgCluster, options: { port?: number; distDir?: string } = {}): Promise<TestHub> {
  const databaseUrl = await cluster.createDatabase('hub');
  const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });
  const pool = createPool(databaseUrl);
  await migrate(pool, logger);
  let hub = createHub({ pool, logger, distDir: options.distDir });
  await hub.users.create({ username: 'admin', displayName: 'Quản trị tỉnh', role: 'admin', password: HUB_PASSWORD });
  await hub.users.create({ username: 'quanly', displayName: 'Quản lý tỉnh', role: 'manager', password: HUB_PASSWORD });
  let port = await hub.listen(options.port ?? 0, '127.0.0.1');
  let running = true;
  const t: TestHub = {
    get url() { return `http://127.0.0.1:${port}`; },
    get port() { return port; },
    pool, databaseUrl,
    get hub() { return hub; },
    adminToken: '', managerToken: '',
    async api(path, o = {}) {
      const token = o.token === undefined ? t.adminToken : o.token;
      const res = await fetch(`${t.url}${path}`, {
        method: o.method ?? (o.body === undefined ? 'GET' : 'POST'),
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
      });
      return { status: res.status, body: await res.json() };
    },
    async createSite(code, name = `Trung tâm ${code}`) {
      const r = await t.api<{ enrolmentToken: string }>('/api/hub/sites', { body: { code, name } });
      if (!r.body.ok) throw new Error(`create site ${code}: ${r.body.code}`);
      return r.body.data.enrolmentToken;
    },
    async enrol(token) {
      const r = await t.api<{ credential: string }>('/api/hub/enrol', { body: { token }, token: null });
      if (!r.body.ok) throw new Error(`enrol: ${r.body.code}`);
      return r.body.data.credential;
    },
    async stop() {
      if (!running) return;
      running = false;
      await hub.close();
    },
    async start() {
      if (running) return;
      hub = createHub({ pool, logger, distDir: options.distDir });
      port = await hub.listen(port, '127.0.0.1');
      running = true;
    },
    async close() {
      await t.stop();
      await pool.end();
    },
  };
  const login = async (username: string) => {
    const r = await t.api<{ token: string }>('/api/hub/login', { body: { username, password: HUB_PASSWORD }, token: null });
    if (!r.body.ok) throw new Error(`hub login ${username}: ${r.body.code}`);
    return r.body.data.token;
  };
  t.adminToken = await login('admin');
  t.managerToken = await login('quanly');
  return t;
}
