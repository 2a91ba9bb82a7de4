// A site killed with kill -9 while delivering its backlog of bookings to the hub: the site runs as a
// real child process (server/main.ts on the real lowdb store), behind a proxy that first holds the
// hub away (a link down while citizens book and cancel) and then lets bookings through slowly. After
// the restart every booking is at the hub once per key with its latest revision and state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from '../helpers/postgres.ts';
import type { PgCluster } from '../helpers/postgres.ts';
import { startHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { killHard, startMain } from '../helpers/main-process.ts';
import { cccd, phone } from '../booking/helpers.ts';

const ADMIN_PASSWORD = 'mat-khau-quan-tri-xa';
const COUNT = 40;
let cluster: PgCluster;
let hub: TestHub;
let proxy: Server;
let proxyUrl = '';
/** held: answer 503 (the hub unreachable); slow: pass each request on after a pause. */
let mode: 'held' | 'slow' = 'held';
let passed = 0;
let dataDir = '';
const children: ChildProcess[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
  hub = await startHub(cluster);
  proxy = createServer((req, res) => {
    if (mode === 'held' && req.url !== '/api/hub/enrol') { res.writeHead(503).end(); return; }
    setTimeout(() => {
      const up = request(`${hub.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        if (req.url === '/api/hub/bookings') passed += 1;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      up.on('error', () => res.writeHead(502).end());
      req.pipe(up);
    }, req.url === '/api/hub/bookings' ? 40 : 0);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  dataDir = await mkdtemp(join(tmpdir(), 'luot-hub-book-crash-'));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  proxy?.closeAllConnections();
  await new Promise((r) => proxy?.close(r));
  await hub?.close();
  await cluster?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

type Body = { ok: boolean; code?: string; data: Record<string, unknown> };
async function call(url: string, body?: unknown, token?: string): Promise<Body> {
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as Body;
}

/** The site's bookings outbox as a fresh process reads it: every key with its latest revision. */
async function siteLog(): Promise<Map<string, number>> {
  const dir = join(dataDir, 'hub-outbox');
  const out = new Map<string, number>();
  for (const file of (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.bookings.log'))) {
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) {
      if (!line.startsWith('{')) continue;
      const v = JSON.parse(line) as { k?: string; r: number };
      if (v.k) out.set(v.k, v.r);
    }
  }
  return out;
}
async function hubBookings(): Promise<Map<string, { revision: number; status: string }>> {
  const r = await hub.pool.query<{ key: string; revision: number; status: string }>("SELECT key, revision, status FROM bookings WHERE site_code = 'xa-suoi'");
  return new Map(r.rows.map((x) => [x.key, { revision: x.revision, status: x.status }]));
}

describe('a site killed while delivering its bookings', { timeout: 180_000 }, () => {
  it('delivers every booking once per key with its latest revision after kill -9 and restart', async () => {
    const first = await startMain(dataDir, children, { env: { ADMIN_PASSWORD }, timeoutMs: 60_000 });
    const adminToken = String((await call(`${first.url}/api/auth/login`, { username: 'admin', password: ADMIN_PASSWORD })).data.token);
    const enrolled = await call(`${first.url}/api/hub-link/enrol`, { url: proxyUrl, token: await hub.createSite('xa-suoi', 'UBND xã Suối') }, adminToken);
    expect(enrolled.ok).toBe(true);

    // The link is down: citizens book on the site's page, some cancel.
    const service = ((await call(`${first.url}/api/book/services`)).data.services as { code: string }[])[0]!.code;
    const day = ((await call(`${first.url}/api/book/days?service=${service}`)).data.days as { day: string; free: number }[]).find((d) => d.free >= COUNT)!.day;
    const free = ((await call(`${first.url}/api/book/slots?service=${service}&day=${day}`)).data.slots as { time: string; free: number }[]).filter((s) => s.free > 0);
    const made = new Map<string, string>(); // code → phone
    for (let i = 1; i <= COUNT; i++) {
      const r = await call(`${first.url}/api/book`, { serviceCode: service, day, time: free[i % free.length]!.time, phone: phone(i), cccd: cccd(i) });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      made.set(String(r.data.code), phone(i));
    }
    const cancelled = [...made].filter((_, i) => i % 4 === 0);
    for (const [code, p] of cancelled) expect((await call(`${first.url}/api/book/cancel`, { code, phone: p })).ok).toBe(true);
    await expect.poll(async () => (await siteLog()).size, { timeout: 10_000 }).toBe(COUNT);
    await expect.poll(async () => [...(await siteLog()).values()].filter((r) => r === 2).length, { timeout: 10_000 }).toBe(cancelled.length);
    const expected = await siteLog();

    // The link returns, thin: kill the site while the backlog is going through.
    mode = 'slow';
    await expect.poll(() => passed, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(5);
    await killHard(first.child);
    const atKill = (await hubBookings()).size;
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(COUNT);

    const second = await startMain(dataDir, children, { env: { ADMIN_PASSWORD }, timeoutMs: 60_000 });
    await expect.poll(async () => [...(await hubBookings())].map(([k, v]) => [k, v.revision]).sort(), { timeout: 60_000, interval: 250 })
      .toEqual([...expected].sort());
    expect(await siteLog()).toEqual(expected);
    const rows = await hubBookings();
    for (const [code, p] of made) {
      const found = await call(`${second.url}/api/book/find`, { code, phone: p });
      expect(rows.get(code)?.status).toBe(found.data.status);
    }
    expect([...rows.values()].filter((r) => r.status === 'cancelled')).toHaveLength(cancelled.length);
    await killHard(second.child);
  });
});
