// Batches of service records (POST /api/hub/records/batch, docs/hub.md) on a real PostgreSQL, behind a
// proxy that counts what crosses: stored once per key with the latest revision, a replay changes
// nothing, a batch with a bad version is refused whole and says which, a forged identity is refused;
// a site's outbox whose batch is refused sends it one version at a time (the bad one waits, nothing
// is skipped), an older hub without the batch path gets one version per request, a batch timing out
// on a thin link is halved until it crosses; and a real site
// with a backlog of hundreds of records delivers it in a few batches, the hub's report then equal to
// the site's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { RecordEnvelope } from '@core/hub-protocol.ts';
import type { Figures, Report } from '@core/reports.ts';
import { reportRow } from '@core/reports.ts';
import { isFinal } from '@core/ticket.ts';
import type { HubReport } from '../../hub/reports.ts';
import { EventBus } from '../../server/events/event-bus.ts';
import { HubSink } from '../../server/hub-link/hub-sink.ts';
import type { LinkStatus } from '../../server/hub-link/link-state.ts';
import { Outbox } from '../../server/outbox/outbox.ts';
import { OutboxLog } from '../../server/outbox/outbox-log.ts';
import { startPostgres } from '../helpers/postgres.ts';
import type { PgCluster } from '../helpers/postgres.ts';
import { startHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { connect, must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let cluster: PgCluster;
let hub: TestHub;
let proxy: Server;
let proxyUrl = '';
/**
 * pass: to the hub; held: 503 (the hub unreachable); old: 404 on the batch path (a hub before
 * batches); thin: records pass after 150 ms a version (a thin link: a large batch takes too long).
 */
let mode: 'pass' | 'held' | 'old' | 'thin' = 'pass';
/** The hub refuses (400) every version of this record key, as it would a record it finds invalid; null: none. */
let refusedKey: string | null = null;
/** Every record request that crossed the proxy: path, status, and the versions it carried. */
const crossed: { path: string; status: number; versions: string[] }[] = [];
const sites: TestServer[] = [];
const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });

beforeAll(async () => {
  cluster = await startPostgres();
  hub = await startHub(cluster);
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '';
      const note = (status: number) => {
        if (path !== '/api/hub/records' && path !== '/api/hub/records/batch') return;
        const json = JSON.parse(body.toString('utf8')) as { key: string; revision: number } | { records: { key: string; revision: number }[] };
        const versions = 'records' in json ? json.records : [json];
        crossed.push({ path, status, versions: versions.map((v) => `${v.key}@${v.revision}`) });
      };
      if (mode === 'held' && path !== '/api/hub/enrol') { res.writeHead(503).end(); return; }
      if (refusedKey !== null && path.startsWith('/api/hub/records')) {
        const json = JSON.parse(body.toString('utf8')) as { key: string } | { records: { key: string }[] };
        if (('records' in json ? json.records : [json]).some((v) => v.key === refusedKey)) {
          note(400);
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, code: 'VALIDATION_FAILED', message: 'Bản ghi không hợp lệ', messageEn: 'Invalid record' }));
          return;
        }
      }
      if (mode === 'old' && path === '/api/hub/records/batch') {
        note(404);
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, code: 'NOT_FOUND', message: 'Không tìm thấy', messageEn: 'Not found' }));
        return;
      }
      const forward = () => {
        const up = request(`${hub.url}${path}`, { method: req.method, headers: req.headers }, (answer) => {
          note(answer.statusCode ?? 502);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        up.on('error', () => { if (!res.headersSent) res.writeHead(502).end(); });
        up.end(body);
      };
      if (mode === 'thin' && path.startsWith('/api/hub/records')) {
        const n = path.endsWith('/batch') ? (JSON.parse(body.toString('utf8')) as { records: unknown[] }).records.length : 1;
        setTimeout(forward, 150 * n);
      } else forward();
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sites) await s.close();
  proxy?.closeAllConnections();
  await new Promise((r) => proxy?.close(r));
  await hub?.close();
  await cluster?.stop();
});

function record(key: string, over: Partial<RecordEnvelope['record']> = {}): RecordEnvelope['record'] {
  return {
    schema: 'luot.service-record/1', key, ticketNumber: 'A-001', day: '2026-11-23',
    departmentCode: 'TP', departmentName: 'Sở Tư pháp', serviceCode: 'HT', serviceName: 'Hộ tịch',
    procedureCode: null, dossierCodes: [], counter: 1, officerId: 'u1', officerName: 'Cán bộ 1',
    issuedAt: '2026-11-23T09:00:00+07:00', waitingSeconds: 300, serviceSeconds: 240, outcome: 'served',
    transfers: [], rating: null, ...over,
  };
}
const envelope = (key: string, revision: number, over: Partial<RecordEnvelope['record']> = {}): RecordEnvelope =>
  ({ key, revision, day: '2026-11-23', targetWaitSec: 900, record: record(key, over) });
const batch = (records: unknown[], credential: string | null) => hub.api<{ outcomes: string[] }>('/api/hub/records/batch', { body: { records }, token: credential });
const rowsOf = async (site: string) =>
  (await hub.pool.query<{ key: string; revision: number; officer_id: string | null; score: number | null }>(
    'SELECT key, revision, officer_id, score FROM records WHERE site_code = $1 ORDER BY key', [site])).rows;
const dump = async (site: string) => [
  (await hub.pool.query('SELECT * FROM records WHERE site_code = $1 ORDER BY key', [site])).rows,
  (await hub.pool.query('SELECT * FROM daily_rollup WHERE site_code = $1 ORDER BY day, department_code, service_code, officer_id', [site])).rows,
  (await hub.pool.query('SELECT * FROM monthly_rollup WHERE site_code = $1 ORDER BY month, department_code, service_code, officer_id', [site])).rows,
];

/** A site enrolled with the hub through the proxy, its counter 1 open: the site, a kiosk, the officer. */
async function enrolledSite(code: string) {
  const site = await startServer();
  sites.push(site);
  const enrol = await fetch(`${site.url}/api/hub-link/enrol`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await site.login('admin')}` },
    body: JSON.stringify({ url: proxyUrl, token: await hub.createSite(code, 'UBND xã') }),
  });
  expect(enrol.status).toBe(200);
  const [kiosk, officer] = await Promise.all([site.device('kiosk1'), site.officer(1)]);
  await must(officer, 'counter:open', { counter: 1 });
  return { site, kiosk, officer };
}

describe('batches of records at the hub', { timeout: 180_000 }, () => {
  it('a site whose clock was set back between two steps sends a wait and a service of 0, not negative ones the hub would refuse', async () => {
    const { site, kiosk, officer } = await enrolledSite('xa-dong-ho');
    const { ticket } = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'dong-ho-1-tap' });
    site.clock.advance(-20 * 60_000); // the PC's clock ran 20 minutes ahead; NTP sets it back
    await must(officer, 'ticket:call', { ticketId: ticket.id });
    await must(officer, 'ticket:start', {});
    site.clock.advance(-60_000);
    await must(officer, 'ticket:finish', { dossierCodes: [] });
    const atHub = async () => (await hub.pool.query<{ waiting_seconds: number; service_seconds: number }>(
      'SELECT waiting_seconds, service_seconds FROM records WHERE site_code = $1 AND key = $2', ['xa-dong-ho', ticket.id])).rows;
    await expect.poll(atHub, { timeout: 20_000 }).toEqual([{ waiting_seconds: 0, service_seconds: 0 }]);
    expect(site.app.parts.hubLink.records.state()).toMatchObject({ pending: 0, refusedRecords: 0 });
    // The site's own report says the same (its averages would have taken −1,200 s).
    expect(reportRow(site.app.parts.queue.current.tickets[ticket.id]!)).toMatchObject({ waitSec: 0, serviceSec: 0, firstWaitSec: 0 });
  });

  it('a record the hub refuses is shown to the site\'s manager as refused while the link is up and later records go', async () => {
    const { site, kiosk, officer } = await enrolledSite('xa-tu-choi');
    const token = await site.login('quanly');
    const linkState = async () => ((await (await fetch(`${site.url}/api/hub-link/status`, { headers: { authorization: `Bearer ${token}` } })).json()) as { data: LinkStatus }).data;
    const serve = async (n: number, refuse = false) => {
      const { ticket } = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: `tu-choi-${n}-tap` });
      if (refuse) refusedKey = ticket.id; // a record's key is its ticket's id; set before it can be sent
      await must(officer, 'ticket:call', { ticketId: ticket.id });
      await must(officer, 'ticket:finish', { dossierCodes: [] });
      return ticket.id;
    };
    try {
      const keysAtHub = async () => (await rowsOf('xa-tu-choi')).map((r) => r.key);
      const refused = await serve(1, true);
      await serve(2);
      await expect.poll(async () => (await keysAtHub()).length, { timeout: 20_000 }).toBe(1);
      await expect.poll(async () => (await linkState()).refusedRecords, { timeout: 10_000 }).toBe(1);
      const st = await linkState();
      expect(st).toMatchObject({ state: 'up', pendingRecords: 1, lastRefusal: { kind: 'http', status: 400 } });
      expect(await keysAtHub()).not.toContain(refused);
      refusedKey = null; // the hub takes it now (a corrected hub, or record)
      site.app.parts.hubLink.records.linkUp();
      await expect.poll(async () => (await linkState()).pendingRecords, { timeout: 10_000 }).toBe(0);
      expect(await linkState()).toMatchObject({ refusedRecords: 0, lastRefusal: null });
    } finally {
      refusedKey = null;
    }
  });

  it('stores a batch once per key with the latest revision; the same batch again changes nothing', async () => {
    const cred = await hub.enrol(await hub.createSite('xa-lo'));
    const first = [envelope('b1', 1), envelope('b2', 1), envelope('b3', 1, { officerId: 'u2' })];
    expect((await batch(first, cred)).body).toEqual({ ok: true, data: { outcomes: ['stored', 'stored', 'stored'] } });
    // Two versions of one key in one batch, the higher first: the higher wins. An older one changes nothing.
    const second = [
      envelope('b1', 3, { rating: { score: 5, reasons: [], comment: 'tốt' } }), envelope('b1', 2, { rating: { score: 1, reasons: [], comment: '' } }),
      envelope('b2', 1, { officerId: 'u9' }), envelope('b3', 2, { officerId: 'u3' }), envelope('b4', 1),
    ];
    expect((await batch(second, cred)).body.data.outcomes).toEqual(['updated', 'kept', 'kept', 'updated', 'stored']);
    const expected = [
      { key: 'b1', revision: 3, officer_id: 'u1', score: 5 }, { key: 'b2', revision: 1, officer_id: 'u1', score: null },
      { key: 'b3', revision: 2, officer_id: 'u3', score: null }, { key: 'b4', revision: 1, officer_id: 'u1', score: null },
    ];
    expect(await rowsOf('xa-lo')).toEqual(expected);
    // The rollup moved b3 from u2 to u3 (u2's group is gone).
    const groups = await hub.pool.query<{ officer_id: string; issued: number }>("SELECT officer_id, issued::int FROM daily_rollup WHERE site_code = 'xa-lo' ORDER BY officer_id");
    expect(groups.rows).toEqual([{ officer_id: 'u1', issued: 3 }, { officer_id: 'u3', issued: 1 }]);

    // A replayed batch (an outbox sending again after a crash or a lost answer): every version kept, nothing touched.
    const before = await dump('xa-lo');
    expect((await batch(second, cred)).body.data.outcomes).toEqual(['kept', 'kept', 'kept', 'kept', 'kept']);
    expect((await batch(first, cred)).body.data.outcomes).toEqual(['kept', 'kept', 'kept']);
    expect(await dump('xa-lo')).toEqual(before);
  });

  it('refuses a batch with a bad version whole, saying which, and stores none of it', async () => {
    const cred = await hub.enrol(await hub.createSite('xa-hong'));
    const bad = [envelope('h1', 1), envelope('h2', 1), envelope('h3', 1, { waitingSeconds: -5 }), envelope('h4', 1)];
    const r = await batch(bad, cred);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('BAD_RECORD_IN_BATCH');
    expect(r.body.message).toMatch(/^Bản ghi thứ 3 của lô \(khóa h3\) không hợp lệ: record\.waitingSeconds: .*Không bản ghi nào của lô được lưu\.$/);
    const mismatch = await batch([envelope('h1', 1), { ...envelope('h2', 1), key: 'khac' }], cred);
    expect(mismatch.body.message).toMatch(/Bản ghi thứ 2 của lô \(khóa khac\).*Khóa hoặc ngày của bản ghi không khớp/);
    expect(await rowsOf('xa-hong')).toEqual([]);
    expect((await hub.pool.query("SELECT count(*)::int AS n FROM daily_rollup WHERE site_code = 'xa-hong'")).rows[0].n).toBe(0);
    // The batch as a whole: empty, too long, not a list.
    expect((await batch([], cred)).body.message).toMatch(/Lô bản ghi trống/);
    expect((await batch(Array.from({ length: 501 }, (_, i) => envelope(`h${i}`, 1)), cred)).body.message).toMatch(/tối đa 500 bản ghi/);
    expect((await hub.api('/api/hub/records/batch', { body: { records: 'x' }, token: cred })).status).toBe(400);
    expect(await rowsOf('xa-hong')).toEqual([]);
    // Fixed, it goes.
    expect((await batch([envelope('h1', 1), envelope('h3', 1)], cred)).body.data.outcomes).toEqual(['stored', 'stored']);
  });

  it('takes the site from the credential only: a forged, missing or revoked one is refused and writes nothing', async () => {
    const credA = await hub.enrol(await hub.createSite('xa-that'));
    const credB = await hub.enrol(await hub.createSite('xa-gia'));
    const secretA = credA.slice(credA.indexOf('.') + 1);
    const forged = await batch([envelope('g1', 1)], `xa-gia.${secretA}`);
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('BAD_CREDENTIAL');
    expect((await batch([envelope('g2', 1)], null)).body.code).toBe('NO_CREDENTIAL');
    // A body naming another site does not move the records there.
    const named = await hub.api('/api/hub/records/batch', { body: { site: 'xa-gia', records: [{ ...envelope('g3', 1), site: 'xa-gia', siteCode: 'xa-gia' }] }, token: credA });
    expect(named.body.ok).toBe(true);
    expect((await hub.pool.query("SELECT site_code FROM records WHERE key LIKE 'g%'")).rows).toEqual([{ site_code: 'xa-that' }]);
    await hub.api('/api/hub/sites/xa-gia/revoke', { body: {} });
    expect((await batch([envelope('g4', 1)], credB)).status).toBe(401);
    expect(await rowsOf('xa-gia')).toEqual([]);
  });

  it('a refused batch goes one version at a time from the outbox: the bad one waits, the others go, in order; an older hub gets singles', async () => {
    const credential = await hub.enrol(await hub.createSite('xa-outbox'));
    const dir = await mkdtemp(join(tmpdir(), 'luot-hub-batch-'));
    try {
      const log = await OutboxLog.open(join(dir, 'hub.log'));
      const bodies = new Map<string, RecordEnvelope['record']>();
      for (let i = 0; i < 30; i++) {
        const key = `o${String(i).padStart(2, '0')}`;
        bodies.set(key, record(key, i === 12 ? { waitingSeconds: -5 } : {}));
        await log.appendVersion(key, '2026-11-23', `h${i}`, Date.now());
      }
      const bus = new EventBus(logger);
      const sink = new HubSink({ target: () => ({ url: proxyUrl, credential }), targetWaitSec: () => 900 });
      const outbox = new Outbox({
        name: 'hub', log, sink, bus, logger, clock: { now: () => Date.now() }, backoff: { baseMs: 200, maxMs: 2_000 },
        body: async (e) => JSON.stringify(bodies.get(e.key)),
      });
      const start = crossed.length;
      outbox.kick();
      await expect.poll(async () => (await rowsOf('xa-outbox')).length, { timeout: 20_000 }).toBe(29);
      await expect.poll(() => outbox.state().pending, { timeout: 10_000 }).toBe(1);
      const mine = crossed.slice(start);
      // One batch of all 30, refused naming o12; then one at a time in cursor order, o12 refused on its own.
      expect(mine[0]).toMatchObject({ path: '/api/hub/records/batch', status: 400 });
      expect(mine[0]!.versions).toHaveLength(30);
      const singles = mine.slice(1);
      expect(singles.every((c) => c.path === '/api/hub/records')).toBe(true);
      // (o12 may be tried again, after its pause, before the others are through: its first try is in its place.)
      expect([...new Set(singles.map((c) => c.versions[0]))]).toEqual([...bodies.keys()].map((k) => `${k}@1`));
      expect(new Set(singles.filter((c) => c.status !== 200).map((c) => c.versions[0]))).toEqual(new Set(['o12@1']));
      expect(singles.filter((c) => c.status === 200)).toHaveLength(29);
      // Not marked delivered, not skipped: pending, with the hub's refusal for the manager to see.
      expect(log.get('o12')).toMatchObject({ rev: 1, deliveredRev: 0 });
      await expect.poll(() => outbox.state().lastError, { timeout: 10_000 }).toMatchObject({ kind: 'http', status: 400 });
      expect(outbox.state()).toMatchObject({ refusedRecords: 1, lastRefusal: { kind: 'http', status: 400 } });
      expect(outbox.state().nextAttemptAt).not.toBeNull();
      expect([...log.all()].filter((e) => e.deliveredRev === 1)).toHaveLength(29);
      // A record the hub takes meanwhile does not hide the refused one (it cleared lastError before).
      bodies.set('later', record('later'));
      await outbox.append('later', '2026-11-23', 'h-later');
      await expect.poll(() => log.get('later')?.deliveredRev, { timeout: 10_000 }).toBe(1);
      expect(outbox.state()).toMatchObject({ pending: 1, refusedRecords: 1, lastRefusal: { kind: 'http', status: 400 } });
      // The record is corrected at the site: it goes (alone) at the next try.
      bodies.set('o12', record('o12'));
      outbox.retryNow();
      await expect.poll(() => outbox.state().pending, { timeout: 10_000 }).toBe(0);
      expect(outbox.state()).toMatchObject({ refusedRecords: 0, lastRefusal: null });
      expect((await rowsOf('xa-outbox')).length).toBe(31);

      // A hub before batches (404 on the batch path): one batch asked, then one version per request.
      mode = 'old';
      const oldStart = crossed.length;
      for (let i = 0; i < 5; i++) await outbox.append(`old${i}`, '2026-11-23', `x${i}`);
      for (let i = 0; i < 5; i++) bodies.set(`old${i}`, record(`old${i}`));
      outbox.retryNow();
      await expect.poll(() => outbox.state().pending, { timeout: 10_000 }).toBe(0);
      const old = crossed.slice(oldStart);
      expect(old.filter((c) => c.path === '/api/hub/records/batch').length).toBeLessThanOrEqual(1);
      expect(old.filter((c) => c.path === '/api/hub/records' && c.status === 200).flatMap((c) => c.versions).sort()).toEqual(['old0@1', 'old1@1', 'old2@1', 'old3@1', 'old4@1']);
      await outbox.close();
    } finally {
      mode = 'pass';
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('on a thin link a batch that times out is halved until it gets through; nothing is lost', async () => {
    const credential = await hub.enrol(await hub.createSite('xa-mong'));
    const dir = await mkdtemp(join(tmpdir(), 'luot-hub-thin-'));
    mode = 'thin';
    try {
      const log = await OutboxLog.open(join(dir, 'hub.log'));
      for (let i = 0; i < 30; i++) await log.appendVersion(`t${String(i).padStart(2, '0')}`, '2026-11-23', `h${i}`, Date.now());
      // 1 s for one version, 3 s for a batch: 30 versions take 4.5 s to cross, 15 about 2.3 s.
      const sink = new HubSink({ target: () => ({ url: proxyUrl, credential }), targetWaitSec: () => 900, timeoutMs: 1_000 });
      const outbox = new Outbox({
        name: 'hub', log, sink, bus: new EventBus(logger), logger, clock: { now: () => Date.now() }, backoff: { baseMs: 100, maxMs: 500 },
        body: async (e) => JSON.stringify(record(e.key)),
      });
      const start = crossed.length;
      outbox.kick();
      await expect.poll(() => outbox.state().pending, { timeout: 60_000, interval: 100 }).toBe(0);
      expect((await rowsOf('xa-mong')).map((r) => r.key)).toEqual([...log.all()].map((e) => e.key).sort());
      const sizes = crossed.slice(start).filter((c) => c.path === '/api/hub/records/batch').map((c) => c.versions.length);
      expect(sizes).toContain(30); // the first try, timed out at the site (the hub took it later: kept when sent again)
      expect(Math.min(...sizes)).toBeLessThan(30);
      await outbox.close();
    } finally {
      mode = 'pass';
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a site back after a long outage delivers a backlog of hundreds of records in a few batches; the hub’s report equals the site’s', async () => {
    const site = await startServer();
    sites.push(site);
    const api = async <T>(path: string, body?: unknown, user = 'admin') => {
      const res = await fetch(`${site.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await site.login(user)}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await res.json()) as { ok: boolean; data: T };
    };
    const linkState = async () => (await api<LinkStatus>('/api/hub-link/status', undefined, 'quanly')).data;
    expect((await api<LinkStatus>('/api/hub-link/enrol', { url: proxyUrl, token: await hub.createSite('xa-vung-sau', 'UBND xã vùng sâu') })).data.state).toBe('up');
    mode = 'held'; // the link to the province is down for days

    const kiosk = await site.device('kiosk1');
    const officer = await site.officer(2); // counter 2 serves both services
    const pad = await site.device('pad2');
    const admin = await connect(site.url, { sessionToken: await site.login('admin') });
    await must(officer, 'counter:open', { counter: 2 });
    const COUNT = 450;
    for (let i = 0; i < COUNT; i++) {
      const { ticket } = await must(kiosk, 'ticket:issue', { serviceCode: i % 4 === 0 ? 'HOTICH' : 'DATDAI', requestId: `vung-sau-${i}-tap` });
      if (i % 3 !== 0) {
        await must(admin, 'ticket:cancel', { ticketId: ticket.id, reason: 'Công dân về trước' });
        continue;
      }
      // (Short steps: 150 citizens stay within the morning's issuing window.)
      site.clock.advance((i % 5) * 3_000);
      await must(officer, 'ticket:call', { ticketId: ticket.id });
      site.clock.advance(20_000 + (i % 7) * 5_000);
      await must(officer, 'ticket:finish', { dossierCodes: i % 2 === 0 ? [`000.00.12.H36-261123-${String(i).padStart(4, '0')}`] : [] });
      if (i % 9 === 0) await must(pad, 'rating:submit', { ticketId: ticket.id, score: 1 + (i % 5) });
    }
    admin.close();
    const ended = Object.values(site.app.parts.queue.current.tickets).filter((t) => isFinal(t.status));
    expect(ended).toHaveLength(COUNT);
    await expect.poll(async () => (await linkState()).pendingRecords, { timeout: 20_000 }).toBe(COUNT);
    expect((await linkState()).state).toBe('down');

    const start = crossed.length;
    mode = 'pass'; // the link returns
    site.app.parts.hubLink.records.linkUp();
    const siteOwn = () => new Map(site.app.parts.hubLink.records.entries().map((e) => [e.key, e.rev]));
    const atHub = async () => new Map((await rowsOf('xa-vung-sau')).map((r) => [r.key, r.revision]));
    await expect.poll(async () => [...(await atHub())].sort(), { timeout: 60_000, interval: 250 }).toEqual([...siteOwn()].sort());
    await expect.poll(async () => (await linkState()).pendingRecords, { timeout: 10_000 }).toBe(0);

    const delivered = crossed.slice(start).filter((c) => c.status === 200);
    // 450 versions in batches of up to 200 (a rating coming in meanwhile may make one more).
    expect(delivered.every((c) => c.path === '/api/hub/records/batch')).toBe(true);
    expect(delivered.length).toBeGreaterThanOrEqual(3);
    expect(delivered.length).toBeLessThanOrEqual(4);
    expect(Math.max(...delivered.map((c) => c.versions.length))).toBe(200);
    const versions = delivered.flatMap((c) => c.versions);
    expect(new Set(versions).size).toBe(versions.length); // each version crossed once
    // In the site's order: cursor order of the outbox.
    const bySeq = site.app.parts.hubLink.records.entries().sort((a, b) => a.seq - b.seq).map((e) => `${e.key}@${e.rev}`);
    expect(versions).toEqual(bySeq.slice(-versions.length));

    // The hub's report equals the site's own for the day.
    const day = site.app.parts.hubLink.records.entries()[0]!.day;
    const own = (await api<{ report: Report }>(`/api/manager/reports?from=${day}&to=${day}`, undefined, 'quanly')).data.report;
    const province = (await hub.api<HubReport>(`/api/hub/report?from=${day}&to=${day}&sites=xa-vung-sau`, { token: hub.managerToken })).body.data;
    const { dossierRated: _d, dossierSatisfiedShare: _s, ...figures } = province.totals;
    expect(figures).toEqual(own.totals);
    expect(own.totals.issued).toBe(COUNT);
    expect(own.totals.served).toBe(COUNT / 3);
    const strip = (g: Figures & { key: string }) => ({
      key: g.key, issued: g.issued, served: g.served, cancelled: g.cancelled, wait: g.wait, service: g.service, withinTarget: g.withinTarget, rating: g.rating,
    });
    expect(province.bySiteDepartment.map(strip)).toEqual(own.byDepartment.map(strip).sort((a, b) => a.key.localeCompare(b.key)));
  });
});
