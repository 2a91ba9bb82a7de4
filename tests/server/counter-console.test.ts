// What the counter console and the rating pad get from the server, over real sockets: the
// snapshot they restore from on every connect, the live events of the counter's services, the
// waiting list in the order "call next" takes it, and the center's rating settings.
import { afterEach, describe, expect, it } from 'vitest';
import { CenterConfigSchema } from '@core/config.ts';
import type { CounterSnapshot, RatingPadSnapshot, TicketSummary } from '@core/views.ts';
import { must, nextEvent, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { testCenterConfig } from '../helpers/center.ts';

let server: TestServer;
afterEach(async () => { await server?.close(); });
let seq = 0;

const issue = async (kiosk: Client, serviceCode: string, priority: string | null = null) =>
  (await must(kiosk, 'ticket:issue', { serviceCode, priority, requestId: `console-${++seq}` })).ticket;

async function counterSnap(socket: Client): Promise<CounterSnapshot> {
  const snap = await must(socket, 'snapshot:get', { view: 'counter' });
  if (snap.role !== 'counter') throw new Error(`expected a counter snapshot, got ${snap.role}`);
  return snap.counter;
}

async function padSnap(socket: Client): Promise<RatingPadSnapshot> {
  const snap = await must(socket, 'snapshot:get', {});
  if (snap.role !== 'rating') throw new Error(`expected a rating snapshot, got ${snap.role}`);
  return snap.rating;
}

/** Collects every event of one name a socket receives. */
function collect<T>(socket: Client, event: 'ticket:issued' | 'ticket:called'): T[] {
  const seen: T[] = [];
  (socket.on as (e: string, l: (x: T) => void) => void)(event, (x) => seen.push(x));
  return seen;
}

describe('the counter console snapshot', () => {
  it('names the officer, the services and counters (for transfers), and uses server time', async () => {
    server = await startServer();
    const officer = await server.officer(2);
    const snap = await counterSnap(officer);
    expect(snap.officer?.displayName).toBe('Cán bộ 2');
    expect(snap.now).toBe(server.clock.now());
    expect(snap.counter).toBeNull();
    expect(snap.allowedCounters).toEqual([1, 2, 3]);
    expect(snap.services.map((s) => s.code)).toEqual(['DATDAI', 'HOTICH', 'LLTP', 'CHIEU']);
    expect(snap.services[0]).toMatchObject({ nameVi: 'Đất đai', prefix: 'A', targetWaitMin: 30 });
    expect(snap.counters.map((c) => [c.number, c.services, c.status])).toEqual([
      [1, ['DATDAI'], 'closed'], [2, ['DATDAI', 'HOTICH'], 'closed'], [3, ['HOTICH', 'LLTP', 'CHIEU'], 'closed'],
    ]);
    expect(snap.priorityCategories.map((p) => p.code)).toEqual(['elderly']);
  });

  it('a reload or a second tab gets the open counter, the current ticket and what ended here today', async () => {
    server = await startServer();
    const kiosk = await server.device('kiosk1');
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const done = await issue(kiosk, 'DATDAI');
    const moved = await issue(kiosk, 'DATDAI');
    const serving = await issue(kiosk, 'DATDAI');
    await must(officer, 'ticket:call-next', {});
    await must(officer, 'ticket:finish', {});
    server.clock.advance(1000);
    await must(officer, 'ticket:call-next', {});
    await must(officer, 'ticket:transfer', { toService: 'HOTICH' });
    await must(officer, 'ticket:call-next', {});
    await must(officer, 'ticket:start', {});

    const reloaded = await server.officer(1);
    const snap = await counterSnap(reloaded);
    expect(snap.counter?.number).toBe(1);
    expect(snap.counter?.current).toMatchObject({ id: serving.id, status: 'serving' });
    expect(snap.recent.map((t) => t.id)).toEqual([moved.id, done.id]);
    expect(snap.counters.find((c) => c.number === 1)?.status).toBe('open');
    // The new connection is in the counter's rooms at once: it hears its services' queue.
    const heard = nextEvent(reloaded, 'ticket:issued');
    const later = await issue(kiosk, 'DATDAI');
    expect((await heard).id).toBe(later.id);
  });
});

describe('the live waiting list', () => {
  it('an officer hears the tickets of the counter\'s services only, and stops hearing them after closing', async () => {
    server = await startServer();
    const kiosk = await server.device('kiosk1');
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const issued = collect<TicketSummary>(officer, 'ticket:issued');
    const land = await issue(kiosk, 'DATDAI');
    await issue(kiosk, 'LLTP'); // counter 1 does not serve it
    await expect.poll(() => issued.map((t) => t.id)).toEqual([land.id]);
    await must(officer, 'counter:close', {});
    const probe = await server.officer(2);
    await must(probe, 'counter:open', { counter: 2 });
    const heardByProbe = nextEvent(probe, 'ticket:issued');
    await issue(kiosk, 'DATDAI');
    await heardByProbe; // the event went out; counter 1's officer, closed, was not told
    expect(issued.map((t) => t.id)).toEqual([land.id]);
  });

  it('queue:get lists the waiting tickets in the order "call next" takes them', async () => {
    server = await startServer();
    const kiosk = await server.device('kiosk1');
    for (const [svc, prio] of [['DATDAI', null], ['HOTICH', null], ['DATDAI', null], ['HOTICH', 'elderly'], ['DATDAI', null], ['DATDAI', 'elderly']] as const) {
      await issue(kiosk, svc, prio);
      server.clock.advance(60_000);
    }
    const officer = await server.officer(2);
    await must(officer, 'counter:open', { counter: 2 });
    const snap = await counterSnap(officer);
    const listed = await must(officer, 'queue:get', {});
    expect(listed.waiting.map((t) => t.id)).toEqual(snap.waiting.map((t) => t.id));
    expect(listed.now).toBe(server.clock.now());
    for (let i = 0; i < 6; i++) {
      const { waiting } = await must(officer, 'queue:get', {});
      const called = await must(officer, 'ticket:call-next', {});
      expect(called.id, `call ${i + 1}`).toBe(waiting[0]!.id);
      await must(officer, 'ticket:finish', {});
      server.clock.advance(30_000);
    }
    expect((await must(officer, 'queue:get', {})).waiting).toEqual([]);
  });

  it('a ticket transferred to this very counter is listed first', async () => {
    server = await startServer();
    const kiosk = await server.device('kiosk1');
    const one = await server.officer(1);
    const two = await server.officer(2);
    await must(one, 'counter:open', { counter: 1 });
    await must(two, 'counter:open', { counter: 2 });
    await issue(kiosk, 'DATDAI');
    server.clock.advance(60_000);
    const sent = await issue(kiosk, 'DATDAI');
    await must(one, 'ticket:call', { ticketId: sent.id });
    const told = nextEvent(two, 'ticket:transferred');
    await must(one, 'ticket:transfer', { toCounter: 2, note: 'Hồ sơ đất của hộ gia đình' });
    expect((await told).targetCounter).toBe(2);
    expect((await must(two, 'queue:get', {})).waiting[0]!.id).toBe(sent.id);
    expect((await must(one, 'queue:get', {})).waiting.map((t) => t.id)).not.toContain(sent.id);
  });
});

describe('rating settings', () => {
  it('the pad gets the labels, reasons and timeout of the configuration, and a pending request on reconnect', async () => {
    const base = testCenterConfig();
    const config = CenterConfigSchema.parse({
      ...base,
      rating: { timeoutSec: 45, reasons: [{ code: 'queue-order', nameVi: 'Thứ tự gọi chưa hợp lý', nameEn: 'Calling order' }] },
    });
    server = await startServer({ config });
    const kiosk = await server.device('kiosk1');
    const officer = await server.officer(1);
    const pad = await server.device('pad1');
    const idle = await padSnap(pad);
    expect(idle.settings.timeoutSec).toBe(45);
    expect(idle.settings.reasonsAtOrBelow).toBe(3);
    expect(idle.settings.reasons).toEqual([{ code: 'queue-order', nameVi: 'Thứ tự gọi chưa hợp lý', nameEn: 'Calling order' }]);
    expect(idle.settings.levels.map((l) => l.nameVi)).toEqual(['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng']);
    expect(idle.pending).toBeNull();

    await must(officer, 'counter:open', { counter: 1 });
    const t = await issue(kiosk, 'DATDAI');
    await must(officer, 'ticket:call-next', {});
    const asked = nextEvent(pad, 'rating:requested');
    await must(officer, 'ticket:finish', {});
    expect(await asked).toMatchObject({ counter: 1, officerName: 'Cán bộ 1', timeoutSec: 45 });
    server.clock.advance(10_000);
    const again = await padSnap(await server.device('pad1')); // the pad reloads 10 s later
    expect(again.pending?.ticket.id).toBe(t.id);
    expect(again.now - again.pending!.ticket.finishedAt!).toBe(10_000);
    // A configured reason is accepted (the default ones are not: see counter-refusals).
    const rated = await must(pad, 'rating:submit', { ticketId: t.id, score: 2, reasons: ['queue-order'] });
    expect(rated.id).toBe(t.id);
    server.clock.advance(46_000);
    expect((await padSnap(pad)).pending).toBeNull();
  });

  it('a stored configuration without a rating section gets the defaults', () => {
    const { rating: _dropped, ...older } = testCenterConfig();
    const parsed = CenterConfigSchema.parse(older);
    expect(parsed.rating.timeoutSec).toBe(30);
    expect(parsed.rating.reasons.map((r) => r.nameVi)).toContain('Thái độ phục vụ');
    expect(parsed.rating.reasons.map((r) => r.nameVi)).toContain('Hướng dẫn chưa rõ');
    expect(() => CenterConfigSchema.parse({ ...older, rating: { reasons: [
      { code: 'wait', nameVi: 'Chờ lâu', nameEn: 'Waiting' }, { code: 'wait', nameVi: 'Chờ', nameEn: 'Wait' },
    ] } })).toThrow(/mã lý do đánh giá bị trùng/);
  });
});
