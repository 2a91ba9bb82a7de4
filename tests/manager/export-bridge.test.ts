// The bridge to the dossier system against a real local HTTP receiver: it fails the first
// attempts, goes down while the Lượt server restarts, then comes back. Every record arrives, once
// per version, signed; a late rating arrives as a new revision of the same key. Then the receiver
// misbehaves (500, silence, garbage, redirects) and the pull API is exercised.
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Server as TcpServer, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportStatus, ManagerLive } from '@core/manager-live.ts';
import type { ServiceRecord } from '@core/service-record.ts';
import { connect, must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import type { ExportSettings } from '../../server/export/settings.ts';
import { Receiver } from './receiver.ts';

const SECRET = 'bi-mat-chung-cua-he-thong-mot-cua';
const API_KEY = 'khoa-api-keo-du-lieu-0123456789';
let server: TestServer | undefined;
let receiver: Receiver | undefined;
afterEach(async () => {
  await server?.close();
  await receiver?.stop();
  server = receiver = undefined;
});
let seq = 0;
const tap = () => `bridge-${++seq}-tap`;
const fast = (pushUrl: string, more: Partial<ExportSettings> = {}): Partial<ExportSettings> =>
  ({ pushUrl, hmacSecret: SECRET, timeoutMs: 1_000, backoffBaseMs: 40, backoffMaxMs: 300, ...more });

async function status(s: TestServer): Promise<ExportStatus> {
  const res = await fetch(`${s.url}/api/manager/export/status`, { headers: { authorization: `Bearer ${await s.login('quanly')}` } });
  return ((await res.json()) as { data: ExportStatus }).data;
}

/** Kiosk → counter 1 → finished; returns the ticket id. */
async function serve(s: TestServer, officerSocket: Awaited<ReturnType<TestServer['officer']>>, kiosk: Awaited<ReturnType<TestServer['device']>>): Promise<string> {
  const { ticket } = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
  await must(officerSocket, 'ticket:call', { ticketId: ticket.id });
  s.clock.advance(3 * 60_000);
  await must(officerSocket, 'ticket:finish', { procedureCode: '1.004227', dossierCodes: ['000.00.12.H36-261123-0001'] });
  return ticket.id;
}

describe('push to the dossier system', () => {
  it('fails first, is down across a restart, comes back: every record once per version, signed', async () => {
    receiver = new Receiver(SECRET);
    await receiver.start();
    receiver.mode = { kind: 'fail', status: 500, times: 3 };
    server = await startServer({ exportSettings: fast(receiver.url) });
    let [kiosk, officer, pad] = await Promise.all([server.device('kiosk1'), server.officer(1), server.device('pad1')]);
    await must(officer, 'counter:open', { counter: 1 });
    const a = await serve(server, officer, kiosk);
    const { ticket: b } = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    await must(officer, 'ticket:call', { ticketId: b.id });
    await must(officer, 'ticket:no-show', {});
    const { ticket: c } = await must(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: tap() });
    const manager = await connect(server.url, { sessionToken: await server.login('quanly') });
    await must(manager, 'ticket:cancel', { ticketId: c.id, reason: 'Công dân không có nhu cầu' });
    await expect.poll(() => receiver!.records.size, { timeout: 10_000 }).toBe(3);
    expect(receiver.deliveries.slice(0, 3).map((d) => d.answered)).toEqual([500, 500, 500]);

    await receiver.stop(); // the dossier system goes down…
    await must(pad, 'rating:submit', { ticketId: a, score: 4 }); // …a rating arrives late: revision 2 of a
    const d = await serve(server, officer, kiosk);
    await expect.poll(async () => (await status(server!)).lastError?.kind, { timeout: 5_000 }).toBe('unreachable');
    expect((await status(server)).pending).toBe(2);
    await server.restart(); // …and Lượt restarts while it is down
    [kiosk, officer] = await Promise.all([server.device('kiosk1'), server.officer(1)]);
    const e = await serve(server, officer, kiosk); // still open after the restart
    expect((await status(server)).pending).toBe(3);
    await receiver.start(receiver.port); // it comes back

    await expect.poll(async () => (await status(server!)).pending, { timeout: 10_000 }).toBe(0);
    expect([...receiver.records.keys()].sort()).toEqual([a, b.id, c.id, d, e].sort());
    const rated = receiver.records.get(a)!;
    expect(rated).toMatchObject({ key: a, revision: 2, outcome: 'served', rating: { score: 4, label: 'Hài lòng' }, dossierCodes: ['000.00.12.H36-261123-0001'] });
    expect(receiver.records.get(b.id)).toMatchObject({ revision: 1, outcome: 'no-show', ticketNumber: 'A-002' });
    expect(receiver.records.get(c.id)).toMatchObject({ outcome: 'cancelled', endReason: 'Công dân không có nhu cầu', waitingSeconds: null });
    expect(receiver.deliveries.every((x) => x.signatureValid)).toBe(true);
    expect(receiver.deliveries.every((x) => x.idempotencyKey === `${x.key}.${x.revision}` && x.record.key === x.key && x.record.revision === x.revision)).toBe(true);
    // Each version taken exactly once: six versions (a twice), no duplicates, nothing new for an old key.
    expect([...receiver.accepted.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect([...receiver.accepted.keys()].sort()).toEqual([`${a}.1`, `${a}.2`, `${b.id}.1`, `${c.id}.1`, `${d}.1`, `${e}.1`].sort());
    expect(await status(server)).toMatchObject({ pending: 0, delivered: 5, records: 5, lastError: null, nextAttemptAt: null });
  });

  it('a receiver answering 500: retried with backoff, shown to managers, sent at once on "retry now"', async () => {
    receiver = new Receiver(SECRET);
    await receiver.start();
    receiver.mode = { kind: 'fail', status: 500, times: 1_000 };
    server = await startServer({ exportSettings: fast(receiver.url, { backoffBaseMs: 100, backoffMaxMs: 60_000 }) });
    const [kiosk, officer] = await Promise.all([server.device('kiosk1'), server.officer(1)]);
    await must(officer, 'counter:open', { counter: 1 });
    const id = await serve(server, officer, kiosk);
    await expect.poll(() => receiver!.deliveries.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    const st = await status(server);
    expect(st).toMatchObject({ pending: 1, delivered: 0, lastError: { kind: 'http', status: 500, text: { vi: 'Hệ thống thông tin giải quyết thủ tục hành chính trả lỗi HTTP 500' } } });
    expect(st.nextAttemptAt).toBeGreaterThan(server.clock.now()); // backing off
    receiver.mode = { kind: 'ok' };
    const token = await server.login('quanly');
    const retried = await fetch(`${server.url}/api/manager/export/retry`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(retried.status).toBe(200);
    await expect.poll(() => receiver!.records.has(id), { timeout: 5_000 }).toBe(true);
    expect(await status(server)).toMatchObject({ pending: 0, lastError: null });
    expect(receiver.accepted.get(`${id}.1`)).toBe(1);
    const officerRetry = await fetch(`${server.url}/api/manager/export/retry`, { method: 'POST', headers: { authorization: `Bearer ${await server.login('canbo1')}` } });
    expect(officerRetry.status).toBe(403);
  });

  it('a record the receiver refuses stays shown as refused, and alerted, while the records after it go through', async () => {
    receiver = new Receiver(SECRET);
    await receiver.start();
    // The refused record waits a minute before its next try: nothing sets lastError again meanwhile.
    server = await startServer({ exportSettings: fast(receiver.url, { backoffBaseMs: 60_000, backoffMaxMs: 60_000 }) });
    const [kiosk, officer, manager] = await Promise.all([server.device('kiosk1'), server.officer(1), connect(server.url, { sessionToken: await server.login('quanly') })]);
    await must(officer, 'counter:open', { counter: 1 });
    // The first ticket's record is refused (its id is its key); the next one's goes through.
    const { ticket } = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    receiver.mode = { kind: 'refuse', key: ticket.id, status: 422 };
    await must(officer, 'ticket:call', { ticketId: ticket.id });
    await must(officer, 'ticket:finish', { procedureCode: '1.004227', dossierCodes: [] });
    await expect.poll(() => receiver!.deliveries.some((d) => d.key === ticket.id && d.answered === 422), { timeout: 10_000 }).toBe(true);
    const next = await serve(server, officer, kiosk);
    await expect.poll(() => receiver!.records.has(next), { timeout: 10_000 }).toBe(true);
    const st = await status(server);
    // The success after it cleared lastError: before, nothing showed why the record still waited.
    expect(st).toMatchObject({
      pending: 1, lastError: null, refusedRecords: 1,
      lastRefusal: { kind: 'http', status: 422, text: { vi: 'Hệ thống thông tin giải quyết thủ tục hành chính trả lỗi HTTP 422' } },
    });
    const live = await new Promise<ManagerLive>((resolve) => {
      const on = (l: ManagerLive) => { if (l.export.refusedRecords === 1) { manager.off('manager:live', on); resolve(l); } };
      manager.on('manager:live', on);
    });
    expect(live.alerts.find((a) => a.kind === 'export-failing')?.text.vi).toContain('HTTP 422');
    receiver.mode = { kind: 'ok' };
    await fetch(`${server.url}/api/manager/export/retry`, { method: 'POST', headers: { authorization: `Bearer ${await server.login('quanly')}` } });
    await expect.poll(() => receiver!.records.has(ticket.id), { timeout: 5_000 }).toBe(true);
    expect(await status(server)).toMatchObject({ pending: 0, refusedRecords: 0, lastRefusal: null });
  });

  it('a receiver that does not answer: timed out, then delivered; a 2xx with garbage counts; a redirect does not', async () => {
    receiver = new Receiver(SECRET);
    await receiver.start();
    receiver.mode = { kind: 'hang', times: 1 };
    server = await startServer({ exportSettings: fast(receiver.url, { timeoutMs: 300 }) });
    const [kiosk, officer] = await Promise.all([server.device('kiosk1'), server.officer(1)]);
    await must(officer, 'counter:open', { counter: 1 });
    const first = await serve(server, officer, kiosk);
    await expect.poll(() => receiver!.records.has(first), { timeout: 10_000 }).toBe(true);
    expect(receiver.deliveries.map((x) => x.answered)).toEqual(['hung', 200]);
    receiver.mode = { kind: 'ok-garbage-body' };
    const second = await serve(server, officer, kiosk);
    await expect.poll(async () => (await status(server!)).delivered, { timeout: 5_000 }).toBe(2);
    expect(receiver.accepted.get(`${second}.1`)).toBe(1);
    receiver.mode = { kind: 'fail', status: 302, times: 1_000 };
    await serve(server, officer, kiosk);
    await expect.poll(async () => (await status(server!)).lastError?.status, { timeout: 5_000 }).toBe(302);
    expect((await status(server)).pending).toBe(1);
  });

  it('a receiver that answers garbage instead of HTTP: a clear error, nothing lost', async () => {
    const sockets = new Set<Socket>();
    const garbage: TcpServer = createTcpServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {}).on('close', () => sockets.delete(socket));
      socket.end('XIN CHAO \u0000\u0001 khong phai HTTP\r\n\r\n');
    });
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', () => resolve()));
    const port = (garbage.address() as AddressInfo).port;
    try {
      server = await startServer({ exportSettings: fast(`http://127.0.0.1:${port}/hoso`) });
      const [kiosk, officer] = await Promise.all([server.device('kiosk1'), server.officer(1)]);
      await must(officer, 'counter:open', { counter: 1 });
      await serve(server, officer, kiosk);
      await expect.poll(async () => (await status(server!)).lastError?.kind, { timeout: 5_000 }).toBe('garbage');
      expect((await status(server)).lastError!.text.vi).toBe('phản hồi của Hệ thống thông tin giải quyết thủ tục hành chính không hợp lệ');
      expect((await status(server)).pending).toBe(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => garbage.close(() => resolve()));
    }
  });

  it('settings that cannot work turn push off and say why, without stopping the queue', async () => {
    server = await startServer({ exportSettings: { pushUrl: 'ftp://hoso.local/nhan', hmacSecret: SECRET } });
    expect((await status(server)).problem?.vi).toBe('EXPORT_PUSH_URL không phải địa chỉ http(s): ftp://hoso.local/nhan');
    await server.close();
    server = await startServer({ exportSettings: { pushUrl: 'http://127.0.0.1:1/x', hmacSecret: 'ngan' } });
    const st = await status(server);
    expect(st).toMatchObject({ pushEnabled: false, problem: { en: 'EXPORT_HMAC_SECRET of at least 16 characters is needed to sign deliveries' } });
    await must(await server.device('kiosk1'), 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
  });
});

describe('pull API', () => {
  const pull = async (s: TestServer, query: string, key: string | null = API_KEY) => {
    const res = await fetch(`${s.url}/api/export/records?${query}`, { headers: key ? { 'x-api-key': key } : {} });
    return { status: res.status, body: (await res.json()) as { ok: boolean; code?: string; data: { records: ServiceRecord[]; next: string; more: boolean } } };
  };

  it('pages through records in a stable cursor order; a late rating comes again, same key, next revision', async () => {
    server = await startServer({ exportSettings: { apiKey: API_KEY } });
    const [kiosk, officer, pad] = await Promise.all([server.device('kiosk1'), server.officer(1), server.device('pad1')]);
    await must(officer, 'counter:open', { counter: 1 });
    const ids = [await serve(server, officer, kiosk), await serve(server, officer, kiosk), await serve(server, officer, kiosk)];
    await expect.poll(async () => (await status(server!)).records).toBe(3);

    const page1 = await pull(server, 'limit=2');
    expect(page1.status).toBe(200);
    expect(page1.body.data.records.map((r) => r.key)).toEqual(ids.slice(0, 2));
    expect(page1.body.data.more).toBe(true);
    const page2 = await pull(server, `after=${page1.body.data.next}&limit=2`);
    expect(page2.body.data.records.map((r) => [r.key, r.ticketNumber, r.revision])).toEqual([[ids[2], 'A-003', 1]]);
    expect(page2.body.data.more).toBe(false);
    const end = page2.body.data.next;
    expect((await pull(server, `after=${end}`)).body.data).toEqual({ records: [], next: end, more: false });

    await must(pad, 'rating:submit', { ticketId: ids[0], score: 5 });
    await expect.poll(async () => (await pull(server!, `after=${end}`)).body.data.records.length).toBe(1);
    const update = (await pull(server, `after=${end}`)).body.data.records[0]!;
    expect(update).toMatchObject({ key: ids[0], revision: 2, rating: { score: 5, label: 'Rất hài lòng' } });
    expect(update.sequence).toBeGreaterThan(Number(end));
    // From the start: each key once, at its latest revision, in cursor order.
    let all = (await pull(server, 'after=0&limit=1000')).body.data.records;
    expect(all.map((r) => [r.key, r.revision])).toEqual([[ids[1], 1], [ids[2], 1], [ids[0], 2]]);
    expect(all.map((r) => r.sequence)).toEqual([...all.map((r) => r.sequence)].sort((x, y) => x - y));
    // The others answered "no answer" (else the server records that itself, after a restart too).
    await must(pad, 'rating:submit', { ticketId: ids[2], score: null });
    await must(pad, 'rating:submit', { ticketId: ids[1], score: 3 });
    await expect.poll(async () => (await pull(server!, 'after=0&limit=1000')).body.data.records.map((r) => [r.key, r.revision])).toEqual([[ids[0], 2], [ids[2], 2], [ids[1], 2]]);
    all = (await pull(server, 'after=0&limit=1000')).body.data.records;
    // The same order after a restart.
    await server.restart();
    expect((await pull(server, 'after=0&limit=1000')).body.data.records).toEqual(all);
  });

  it('without the key, with a wrong one, with a session, or with bad parameters: refused', async () => {
    server = await startServer({ exportSettings: { apiKey: API_KEY } });
    expect((await pull(server, '', null)).status).toBe(401);
    expect((await pull(server, '', 'khoa-sai-khoa-sai-khoa-sai')).body.code).toBe('UNAUTHENTICATED');
    expect((await pull(server, '', await server.login('quanly'))).status).toBe(401);
    expect((await pull(server, 'limit=0')).status).toBe(400);
    expect((await pull(server, 'limit=5000')).status).toBe(400);
    expect((await pull(server, 'after=-1')).status).toBe(400);
    expect((await pull(server, 'cursor=1')).status).toBe(400);
    await server.close();
    server = await startServer();
    const off = await pull(server, '');
    expect(off.status).toBe(404);
    expect(off.body.code).toBe('EXPORT_NOT_CONFIGURED');
  });
});
