import { describe, it, expect } from 'vitest';
import { MIN, MONDAY_0800, Sim, actor, makeIndex } from './fixture.ts';

const transfer = (counter: number, toService: string | null, toCounter: number | null, note = '') =>
  ({ type: 'transfer' as const, ...actor(counter), toService, toCounter, note });

describe('call a specific ticket', () => {
  it('calls out of order', () => {
    const s = new Sim();
    s.open(1);
    s.issue('HOTICH'); s.issue('HOTICH'); const c = s.issue('HOTICH');
    const r = s.do({ type: 'call-ticket', ...actor(1), ticketId: c.id });
    expect(r.ticket).toMatchObject({ id: c.id, status: 'called', counter: 1, calls: 1 });
    expect(r.events.some((e) => e.type === 'ticket:called' && e.ticket.id === c.id && !e.recall)).toBe(true);
    expect(s.counter(1)!.currentTicketId).toBe(c.id);
  });

  it('TICKET_TAKEN when another counter has it, called or serving', () => {
    const s = new Sim();
    s.open(1); s.open(2);
    const a = s.issue('HOTICH');
    s.do({ type: 'call-ticket', ...actor(2), ticketId: a.id });
    s.refuse({ type: 'call-ticket', ...actor(1), ticketId: a.id }, 'TICKET_TAKEN');
    s.do({ type: 'start', ...actor(2) });
    s.refuse({ type: 'call-ticket', ...actor(1), ticketId: a.id }, 'TICKET_TAKEN');
  });

  it('NOT_FOR_THIS_COUNTER for a service the counter does not serve', () => {
    const s = new Sim();
    s.open(4);
    const a = s.issue('HOTICH');
    s.refuse({ type: 'call-ticket', ...actor(4), ticketId: a.id }, 'NOT_FOR_THIS_COUNTER');
    s.refuse({ type: 'call-ticket', ...actor(4), ticketId: 'nope' }, 'TICKET_NOT_FOUND');
    s.do({ type: 'cancel', ticketId: a.id, by: 'x', reason: '' });
    s.open(1);
    s.refuse({ type: 'call-ticket', ...actor(1), ticketId: a.id }, 'INVALID_TRANSITION');
  });
});

describe('transfer', () => {
  it('to a service: back to waiting there, keeping the waiting time', () => {
    const s = new Sim();
    s.open(1);
    const a = s.issue('HOTICH');
    s.advance(3);
    s.callNext(1);
    s.do({ type: 'start', ...actor(1) });
    s.advance(2);
    const r = s.do(transfer(1, 'DATDAI', null, 'hồ sơ đất đai'));
    expect(r.ticket).toMatchObject({
      id: a.id, number: 'A-001', status: 'waiting', serviceCode: 'DATDAI', departmentCode: 'TNMT',
      queuedAt: MONDAY_0800, issuedAt: MONDAY_0800, counter: null, targetCounter: null, calls: 0, startedAt: null,
    });
    expect(r.ticket!.transfers).toEqual([{
      at: MONDAY_0800 + 5 * MIN, fromService: 'HOTICH', toService: 'DATDAI', fromCounter: 1, toCounter: null,
      officerId: 'cb-1', note: 'hồ sơ đất đai',
    }]);
    expect(r.ticket!.history.at(-1)).toEqual({ at: MONDAY_0800 + 5 * MIN, type: 'transferred', counter: 1, officerId: 'cb-1', note: 'hồ sơ đất đai' });
    expect(r.events).toContainEqual({ type: 'ticket:transferred', ticket: r.ticket, fromService: 'HOTICH', fromCounter: 1 });
    expect(s.counter(1)).toMatchObject({ currentTicketId: null, servedToday: 0 });
    // counter 1 does not serve DATDAI; counters 2 and 3 do
    s.refuse({ type: 'call-next', ...actor(1) }, 'QUEUE_EMPTY');
    s.issue('DATDAI'); // newer than the transferred ticket's original queue time
    s.open(3);
    expect(s.callNext(3).id).toBe(a.id);
  });

  it('to a specific counter: only that counter may call it, and it gets it first', () => {
    const s = new Sim();
    s.open(1); s.open(2); s.open(3);
    const c1 = s.issue('DATDAI');
    s.advance(1);
    const a = s.issue('HOTICH');
    s.advance(1);
    s.callNext(1); // a (the only HOTICH)
    expect(s.ticket(a.id).status).toBe('called');
    s.advance(1);
    s.do(transfer(1, 'DATDAI', 3));
    expect(s.ticket(a.id)).toMatchObject({ targetCounter: 3, serviceCode: 'DATDAI' });
    // counter 2 serves DATDAI but may not take a ticket sent to counter 3
    s.refuse({ type: 'call-ticket', ...actor(2), ticketId: a.id }, 'NOT_FOR_THIS_COUNTER');
    expect(s.callNext(2).id).toBe(c1.id);
    s.do({ type: 'finish', ...actor(2), procedureCode: null, dossierCodes: [], note: '' });
    s.refuse({ type: 'call-next', ...actor(2) }, 'QUEUE_EMPTY');
    // counter 3 gets it before an older DATDAI ticket
    s.issue('DATDAI');
    const older = s.issue('MOITRUONG');
    s.advance(40); // the others are now far past their target wait
    const got = s.callNext(3);
    expect(got).toMatchObject({ id: a.id, targetCounter: null, counter: 3 });
    expect(s.ticket(older.id).status).toBe('waiting');
  });

  it('to a specific counter within the same service', () => {
    const s = new Sim();
    s.open(1); s.open(2);
    const a = s.issue('HOTICH');
    s.callNext(1);
    s.do(transfer(1, null, 2));
    expect(s.ticket(a.id)).toMatchObject({ serviceCode: 'HOTICH', targetCounter: 2, status: 'waiting' });
    s.refuse({ type: 'call-next', ...actor(1) }, 'QUEUE_EMPTY');
    expect(s.callNext(2).id).toBe(a.id);
  });

  it('keep-wait: goes behind tickets that were queued earlier', () => {
    const s = new Sim();
    s.open(1); s.open(3);
    const d1 = s.issue('DATDAI');
    s.advance(1);
    const a = s.issue('HOTICH');
    s.advance(1);
    const d2 = s.issue('DATDAI');
    s.callNext(1);
    s.do(transfer(1, 'DATDAI', null));
    expect(s.ticket(a.id).queuedAt).toBe(a.issuedAt);
    const order = [s.serveNext(3), s.serveNext(3), s.serveNext(3)].map((t) => t.id);
    expect(order).toEqual([d1.id, a.id, d2.id]);
  });

  it('front: goes ahead of older waiting tickets of the target service', () => {
    const s = new Sim(makeIndex({ routing: { transferPlacement: 'front' } }));
    s.open(1); s.open(3);
    const d1 = s.issue('DATDAI');
    s.advance(1);
    const d2 = s.issue('DATDAI');
    s.advance(1);
    const a = s.issue('HOTICH');
    s.advance(5);
    s.callNext(1);
    s.do(transfer(1, 'DATDAI', null));
    expect(s.ticket(a.id).queuedAt).toBeLessThan(d1.queuedAt);
    const order = [s.serveNext(3), s.serveNext(3), s.serveNext(3)].map((t) => t.id);
    expect(order).toEqual([a.id, d1.id, d2.id]);
  });

  it('front with an empty target queue keeps the original time', () => {
    const s = new Sim(makeIndex({ routing: { transferPlacement: 'front' } }));
    s.open(1);
    const a = s.issue('HOTICH');
    s.advance(4);
    s.callNext(1);
    s.do(transfer(1, 'MOITRUONG', null));
    expect(s.ticket(a.id).queuedAt).toBe(MONDAY_0800);
  });

  it('records the chain of transfers', () => {
    const s = new Sim();
    s.open(1); s.open(2); s.open(3);
    const a = s.issue('HOTICH');
    s.callNext(1);
    s.do(transfer(1, 'DATDAI', 2, 'một'));
    s.callNext(2);
    s.do(transfer(2, 'MOITRUONG', null, 'hai'));
    s.callNext(3);
    s.do({ type: 'finish', ...actor(3), procedureCode: null, dossierCodes: [], note: '' });
    const t = s.ticket(a.id);
    expect(t.transfers.map((x) => [x.fromService, x.toService, x.fromCounter, x.toCounter, x.note])).toEqual([
      ['HOTICH', 'DATDAI', 1, 2, 'một'],
      ['DATDAI', 'MOITRUONG', 2, null, 'hai'],
    ]);
    expect(t).toMatchObject({ status: 'done', counter: 3, number: 'A-001' });
    expect(t.history.map((h) => h.type)).toEqual(['issued', 'called', 'transferred', 'called', 'transferred', 'called', 'finished']);
  });

  it('refuses invalid targets', () => {
    const s = new Sim();
    s.open(1);
    s.issue('HOTICH');
    s.refuse(transfer(1, 'DATDAI', null), 'NO_CURRENT_TICKET');
    s.callNext(1);
    s.refuse(transfer(1, 'NOPE', null), 'TRANSFER_TARGET_INVALID');
    s.refuse(transfer(1, 'HOTICH', null), 'TRANSFER_TARGET_INVALID'); // same queue, nowhere to go
    s.refuse(transfer(1, null, null), 'TRANSFER_TARGET_INVALID');
    s.refuse(transfer(1, 'CU', null), 'TRANSFER_TARGET_INVALID'); // no counter serves it
    s.refuse(transfer(1, 'DATDAI', 99), 'TRANSFER_TARGET_INVALID');
    s.refuse(transfer(1, null, 1), 'TRANSFER_TARGET_INVALID'); // to itself
    s.refuse({ ...transfer(1, 'DATDAI', null), officerId: 'someone' }, 'COUNTER_TAKEN');
  });
});

describe('ratings', () => {
  function doneAt1() {
    const s = new Sim();
    s.open(1); s.open(2);
    const a = s.issue('HOTICH');
    s.serveNext(1);
    return { s, a };
  }

  it('records a rating for a ticket done at that counter, once', () => {
    const { s, a } = doneAt1();
    s.advance(1);
    const r = s.do({ type: 'rate', counter: 1, ticketId: a.id, score: 2, reasons: ['thái độ'], comment: 'chậm' });
    expect(r.ticket!.rating).toEqual({ at: MONDAY_0800 + MIN, score: 2, reasons: ['thái độ'], comment: 'chậm', counter: 1, officerId: 'cb-1' });
    expect(r.ticket!.history.at(-1)).toEqual({ at: MONDAY_0800 + MIN, type: 'rated', counter: 1 });
    expect(r.events).toEqual([{ type: 'ticket:rated', ticket: r.ticket }]);
    s.refuse({ type: 'rate', counter: 1, ticketId: a.id, score: 5, reasons: [], comment: '' }, 'ALREADY_RATED');
  });

  it('a skipped rating (score null) is recorded and closes the rating', () => {
    const { s, a } = doneAt1();
    s.do({ type: 'rate', counter: 1, ticketId: a.id, score: null, reasons: [], comment: '' });
    expect(s.ticket(a.id).rating).toMatchObject({ score: null, counter: 1 });
    s.refuse({ type: 'rate', counter: 1, ticketId: a.id, score: 5, reasons: [], comment: '' }, 'ALREADY_RATED');
  });

  it('NOT_SERVED_HERE for another counter or a ticket not done', () => {
    const { s, a } = doneAt1();
    s.refuse({ type: 'rate', counter: 2, ticketId: a.id, score: 5, reasons: [], comment: '' }, 'NOT_SERVED_HERE');
    const b = s.issue('HOTICH');
    s.refuse({ type: 'rate', counter: 1, ticketId: b.id, score: 5, reasons: [], comment: '' }, 'NOT_SERVED_HERE');
    s.callNext(1);
    s.refuse({ type: 'rate', counter: 1, ticketId: b.id, score: 5, reasons: [], comment: '' }, 'NOT_SERVED_HERE');
    s.do({ type: 'no-show', ...actor(1) });
    s.refuse({ type: 'rate', counter: 1, ticketId: b.id, score: 5, reasons: [], comment: '' }, 'NOT_SERVED_HERE');
    s.refuse({ type: 'rate', counter: 1, ticketId: 'nope', score: 5, reasons: [], comment: '' }, 'TICKET_NOT_FOUND');
  });
});

describe('closing a counter with citizens sent to it', () => {
  it('returns them to their service queue instead of leaving them stuck', () => {
    const sim = new Sim();
    sim.open(1);
    sim.open(2);
    const t = sim.issue('HOTICH');
    sim.callNext(1);
    sim.do({ type: 'transfer', ...actor(1), toService: null, toCounter: 2, note: '' });
    expect(sim.ticket(t.id).targetCounter).toBe(2);
    const closed = sim.do({ type: 'close-counter', ...actor(2) });
    expect(sim.ticket(t.id)).toMatchObject({ targetCounter: null, status: 'waiting', serviceCode: 'HOTICH' });
    expect(closed.events.some((e) => e.type === 'ticket:transferred' && e.ticket.id === t.id)).toBe(true);
    expect(sim.callNext(1).id).toBe(t.id);
  });
});
