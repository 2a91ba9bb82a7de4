// A site killed with kill -9 in the middle of delivering its backlog to the hub: the site runs as a
// real child process (node server/main.ts on the real lowdb store), behind a proxy that first holds
// the hub away (a link down) and then lets records through slowly (a thin link; the backlog is more
// than one batch of the outbox, and the kill lands between two batches). After the restart
// every record of the site is at the hub exactly once per key with its latest revision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
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
import { connect, must } from '../helpers/server.ts';
import { patient } from '../helpers/patience.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const ADMIN_PASSWORD = 'mat-khau-quan-tri-xa';
const RECORDS = 260;
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
        if (req.url?.startsWith('/api/hub/records')) passed += 1;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      up.on('error', () => res.writeHead(502).end());
      req.pipe(up);
    // A thin link: a batch of records takes a while to cross, so the kill lands between two.
    }, req.url?.startsWith('/api/hub/records') ? 600 : 0);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  dataDir = await mkdtemp(join(tmpdir(), 'luot-hub-crash-'));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  proxy?.closeAllConnections();
  await new Promise((r) => proxy?.close(r));
  await hub?.close();
  await cluster?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function startSite(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEMO_ALWAYS_OPEN: '1', LOG_LEVEL: 'warn', ADMIN_PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`site did not start:\n${out}`)), patient(60_000));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1]!.replace('localhost', '127.0.0.1') }); }
    });
    child.stderr!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.once('exit', (code) => reject(new Error(`site exited (${code}):\n${out}`)));
  });
}

const login = async (url: string, username: string, password: string) => {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return ((await res.json()) as { data: { token: string } }).data.token;
};

/** The site's hub outbox as a fresh process reads it: every key with its latest revision. */
async function siteRecords(): Promise<Map<string, number>> {
  const dir = join(dataDir, 'hub-outbox');
  const out = new Map<string, number>();
  for (const file of await readdir(dir).catch(() => [])) {
    if (file.endsWith('.bookings.log')) continue; // the bookings' own outbox
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) {
      if (!line.startsWith('{')) continue;
      const v = JSON.parse(line) as { k?: string; r: number };
      if (v.k) out.set(v.k, v.r);
    }
  }
  return out;
}
async function hubRecords(): Promise<Map<string, number>> {
  const r = await hub.pool.query<{ key: string; revision: number }>("SELECT key, revision FROM records WHERE site_code = 'xa-nui'");
  return new Map(r.rows.map((x) => [x.key, x.revision]));
}

describe('a site killed mid-delivery', { timeout: 180_000 }, () => {
  it('delivers everything exactly once per key with its latest revision after kill -9 and restart', async () => {
    const first = await startSite();
    const adminToken = await login(first.url, 'admin', ADMIN_PASSWORD);
    const enrolled = await fetch(`${first.url}/api/hub-link/enrol`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ url: proxyUrl, token: await hub.createSite('xa-nui', 'UBND xã vùng núi') }),
    });
    expect((await enrolled.json()).ok).toBe(true);

    // The link is down: a backlog of ended tickets builds up at the site.
    const note = await readFile(join(dataDir, 'first-start.txt'), 'utf8');
    const kioskToken = /kiosk\t[^\t]+\t\S+#device=(\S+)/.exec(note)![1]!;
    const config = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8'));
    const service: string = config.counters.find((c: { number: number }) => c.number === 1).services[0].serviceCode;
    const kiosk = await connect(first.url, { deviceToken: kioskToken });
    const admin = await connect(first.url, { sessionToken: adminToken });
    const issued: string[] = [];
    // More than one batch of the site's outbox (200 versions).
    for (let i = 0; i < RECORDS; i++) {
      const { ticket } = await must(kiosk, 'ticket:issue', { serviceCode: service, requestId: `crash-hub-${i}-req` });
      issued.push(ticket.id);
      await must(admin, 'ticket:cancel', { ticketId: ticket.id, reason: 'Công dân về trước' });
    }
    kiosk.close();
    admin.close();
    // The service records are written to the hub outbox just after each ticket ends, not before its ack.
    await expect.poll(async () => (await siteRecords()).size, { timeout: 10_000 }).toBe(RECORDS);
    const expected = await siteRecords();
    expect([...expected.keys()].sort()).toEqual([...issued].sort());

    // The link returns, thin: kill the site while the backlog is going through.
    mode = 'slow';
    await expect.poll(() => passed, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(1);
    await new Promise<void>((resolve) => { first.child.once('exit', () => resolve()); first.child.kill('SIGKILL'); });
    const atKill = (await hubRecords()).size;
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(RECORDS);

    const second = await startSite();
    await expect.poll(async () => [...(await hubRecords())].sort(), { timeout: 60_000, interval: 250 }).toEqual([...expected].sort());
    expect(await siteRecords()).toEqual(expected);
    const dupes = await hub.pool.query('SELECT key FROM records GROUP BY site_code, key HAVING count(*) > 1');
    expect(dupes.rows).toEqual([]);
    await new Promise<void>((resolve) => { second.child.once('exit', () => resolve()); second.child.kill('SIGKILL'); });
  });
});
