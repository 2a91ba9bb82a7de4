// The whole path over real sockets: kiosk issues, officer calls and serves, displays and the
// rating pad hear about it, and everything is in the day file on disk.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnySnapshot } from '@core/protocol.ts';
import { dayOnDisk, must, nextEvent, send, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeEach(async () => { server = await startServer(); });
afterEach(async () => { await server.close(); });

describe('a ticket from kiosk to rating', () => {
  it('issues, calls, serves, finishes and rates, telling every screen', async () => {
    const kiosk = await server.device('kiosk1');
    const displayAll = await server.device('display-all');
    const displayT1 = await server.device('display-T1');
    const displayT2 = await server.device('display-T2');
    const pad = await server.device('pad1');
    const officer = await server.officer(1);

    const first = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'tap-00000001' });
    expect(first.ticket.number).toBe('A-001');
    expect(first.serviceNameVi).toBe('Đất đai');
    expect(first.counters).toEqual([1, 2]);
    expect(first.ahead).toBe(0);
    expect(first.etaMin).toBeNull(); // no counter open yet
    expect(first.statusPath).toBe(`/t/${first.ticket.id}`);
    const second = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'tap-00000002' });
    expect(second.ticket.number).toBe('A-002');
    expect(second.ahead).toBe(1);

    const opened = await must(officer, 'counter:open', { counter: 1 });
    expect(opened.status).toBe('open');
    expect(opened.officerName).toBe('Cán bộ 1');

    const onAll = nextEvent(displayAll, 'board:called');
    const onT1 = nextEvent(displayT1, 'board:called');
    const onPad = nextEvent(pad, 'ticket:called');
    let t2Heard = false;
    displayT2.on('board:called', () => { t2Heard = true; });
    const called = await must(officer, 'ticket:call-next', {});
    expect(called.number).toBe('A-001');
    expect(called.status).toBe('called');
    const seen = await onAll;
    expect(seen).toMatchObject({ counter: 1, zone: 'T1', recall: false });
    expect(seen.ticket.number).toBe('A-001');
    expect((await onT1).ticket.number).toBe('A-001');
    expect((await onPad).ticket.number).toBe('A-001');

    const recall = nextEvent(displayAll, 'board:called');
    expect((await must(officer, 'ticket:recall', {})).calls).toBe(2);
    expect((await recall).recall).toBe(true);

    expect((await must(officer, 'ticket:start', {})).status).toBe('serving');
    const ratingRequested = nextEvent(pad, 'rating:requested');
    server.clock.advance(6 * 60_000);
    const done = await must(officer, 'ticket:finish', { dossierCodes: ['000.00.12.h36-261123-0001'], procedureCode: '1.001', note: 'Đủ hồ sơ' });
    expect(done.status).toBe('done');
    const request = await ratingRequested;
    expect(request.ticket.number).toBe('A-001');
    expect(request.officerName).toBe('Cán bộ 1');
    expect(request.timeoutSec).toBe(30);

    const rated = await must(pad, 'rating:submit', { ticketId: first.ticket.id, score: 5, reasons: [], comment: 'Cán bộ nhiệt tình' });
    expect(rated.id).toBe(first.ticket.id);
    const again = await send(pad, 'rating:submit', { ticketId: first.ticket.id, score: 1 });
    expect(again.ok === false && again.code).toBe('ALREADY_RATED');
    expect(t2Heard).toBe(false); // a zone display hears only its zone

    const file = await dayOnDisk(server.dataDir);
    const stored = file.tickets[first.ticket.id]!;
    expect(stored.status).toBe('done');
    expect(stored.dossierCodes).toEqual(['000.00.12.H36-261123-0001']);
    expect(stored.rating?.score).toBe(5);
    expect(stored.history.map((h) => h.type)).toEqual(['issued', 'called', 'recalled', 'started', 'finished', 'rated']);
  });

  it('a repeated tap (same requestId) returns the same ticket, not a second one', async () => {
    const kiosk = await server.device('kiosk1');
    const [a, b] = await Promise.all([
      must(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: 'double-tap-1' }),
      must(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: 'double-tap-1' }),
    ]);
    expect(a.ticket.id).toBe(b.ticket.id);
    const next = await must(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: 'double-tap-2' });
    expect(next.ticket.number).toBe('B-002');
  });

  it('every client gets a snapshot of what it shows on connect and on request', async () => {
    const kiosk = await server.device('kiosk1');
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'snap-0001' });
    const officer = await server.officer(2);
    await must(officer, 'counter:open', { counter: 2 });

    const display = await server.device('display-T2');
    const snap = (await must(display, 'snapshot:get', {})) as Extract<AnySnapshot, { role: 'display' }>;
    expect(snap.role).toBe('display');
    expect(snap.display.zone).toBe('T2');
    expect(snap.display.counters.map((c) => c.number)).toEqual([3]);

    const officerAgain = await server.officer(2); // a second tab / a reload
    const own = (await must(officerAgain, 'snapshot:get', {})) as Extract<AnySnapshot, { role: 'counter' }>;
    expect(own.counter.counter?.number).toBe(2);
    expect(own.counter.waiting.map((t) => t.number)).toEqual(['A-001']);

    const kioskSnap = (await must(kiosk, 'snapshot:get', {})) as Extract<AnySnapshot, { role: 'kiosk' }>;
    const land = kioskSnap.catalog.figures.find((f) => f.serviceCode === 'DATDAI')!;
    expect(land.waiting).toBe(1);
    expect(land.openCapacity).toBeCloseTo(0.5); // counter 2 splits its time between two services
    // 1 person ahead × 8 min (the default service time) ÷ half a counter = 16 min
    expect(land.etaMin).toBe(16);
  });
});
