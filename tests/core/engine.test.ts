import { describe, it, expect } from 'vitest';
import { MIN, MONDAY_0800, Sim, actor, makeIndex } from './fixture.ts';

const finish = (counter: number, dossierCodes: string[] = [], note = '') =>
  ({ type: 'finish' as const, ...actor(counter), procedureCode: null, dossierCodes, note });

describe('ticket lifecycle', () => {
  it('waiting → called → recalled → serving → done, with timestamps and history', () => {
    const s = new Sim();
    s.open(1);
    const t0 = s.now;
    const issued = s.issue('HOTICH');
    s.advance(5);
    const call = s.do({ type: 'call-next', ...actor(1) });
    expect(call.ticket).toMatchObject({ id: issued.id, status: 'called', calls: 1, calledAt: t0 + 5 * MIN, counter: 1, officerId: 'cb-1' });
    expect(call.events.find((e) => e.type === 'ticket:called')).toMatchObject({ counter: 1, recall: false });
    expect(s.counter(1)!.currentTicketId).toBe(issued.id);

    s.advance(1);
    const recall = s.do({ type: 'recall', ...actor(1) });
    expect(recall.ticket).toMatchObject({ status: 'called', calls: 2, calledAt: t0 + 5 * MIN });
    expect(recall.events).toEqual([{ type: 'ticket:called', ticket: recall.ticket, counter: 1, recall: true }]);

    s.advance(1);
    const start = s.do({ type: 'start', ...actor(1) });
    expect(start.ticket).toMatchObject({ status: 'serving', startedAt: t0 + 7 * MIN });

    s.advance(12);
    const done = s.do(finish(1, [], 'đã nhận hồ sơ'));
    expect(done.ticket).toMatchObject({ status: 'done', finishedAt: t0 + 19 * MIN, startedAt: t0 + 7 * MIN, note: 'đã nhận hồ sơ' });
    expect(s.state.recentServiceSec).toEqual({ HOTICH: [12 * 60] });
    expect(s.counter(1)).toMatchObject({ currentTicketId: null, servedToday: 1 });

    expect(s.ticket(issued.id).history).toEqual([
      { at: t0, type: 'issued' },
      { at: t0 + 5 * MIN, type: 'called', counter: 1, officerId: 'cb-1' },
      { at: t0 + 6 * MIN, type: 'recalled', counter: 1, officerId: 'cb-1' },
      { at: t0 + 7 * MIN, type: 'started', counter: 1, officerId: 'cb-1' },
      { at: t0 + 19 * MIN, type: 'finished', counter: 1, officerId: 'cb-1', note: 'đã nhận hồ sơ' },
    ]);
  });

  it('finishes straight from called, timing the service from the call', () => {
    const s = new Sim();
    s.open(1);
    const t = s.issue('HOTICH');
    s.callNext(1);
    s.advance(4);
    s.do(finish(1));
    expect(s.ticket(t.id)).toMatchObject({ status: 'done', startedAt: MONDAY_0800, finishedAt: MONDAY_0800 + 4 * MIN });
    expect(s.state.recentServiceSec.HOTICH).toEqual([240]);
  });

  it('no-show only from called', () => {
    const s = new Sim();
    s.open(1);
    const a = s.issue('HOTICH');
    s.issue('HOTICH');
    s.callNext(1);
    s.advance(3);
    const r = s.do({ type: 'no-show', ...actor(1) });
    expect(r.ticket).toMatchObject({ id: a.id, status: 'no-show', finishedAt: MONDAY_0800 + 3 * MIN });
    expect(s.counter(1)).toMatchObject({ currentTicketId: null, servedToday: 0 });
    s.refuse({ type: 'no-show', ...actor(1) }, 'NO_CURRENT_TICKET');
    s.callNext(1);
    s.do({ type: 'start', ...actor(1) });
    s.refuse({ type: 'no-show', ...actor(1) }, 'INVALID_TRANSITION');
  });

  it('refuses invalid transitions', () => {
    const s = new Sim();
    s.open(1);
    const a = s.issue('HOTICH');
    s.issue('HOTICH');
    s.refuse({ type: 'recall', ...actor(1) }, 'NO_CURRENT_TICKET');
    s.refuse({ type: 'start', ...actor(1) }, 'NO_CURRENT_TICKET');
    s.refuse(finish(1), 'NO_CURRENT_TICKET');
    s.callNext(1);
    s.do({ type: 'start', ...actor(1) });
    s.refuse({ type: 'start', ...actor(1) }, 'INVALID_TRANSITION');
    s.refuse({ type: 'recall', ...actor(1) }, 'INVALID_TRANSITION');
    const r = s.try({ type: 'recall', ...actor(1) });
    expect(r).toMatchObject({ ok: false, params: { number: 'A-001', status: { en: 'being served' }, action: { en: 'recall' } } });
    s.do(finish(1));
    // a done ticket can be neither called nor cancelled
    s.refuse({ type: 'call-ticket', ...actor(1), ticketId: a.id }, 'INVALID_TRANSITION');
    s.refuse({ type: 'cancel', ticketId: a.id, by: 'x', reason: '' }, 'INVALID_TRANSITION');
    s.refuse({ type: 'cancel', ticketId: 'missing', by: 'x', reason: '' }, 'TICKET_NOT_FOUND');
  });

  it('cancel only while waiting', () => {
    const s = new Sim();
    s.open(1);
    const a = s.issue('HOTICH');
    const b = s.issue('HOTICH');
    s.callNext(1);
    s.refuse({ type: 'cancel', ticketId: a.id, by: 'admin', reason: '' }, 'INVALID_TRANSITION');
    s.advance(2);
    const r = s.do({ type: 'cancel', ticketId: b.id, by: 'admin', reason: 'công dân về' });
    expect(r.ticket).toMatchObject({ status: 'cancelled', endReason: 'công dân về', finishedAt: MONDAY_0800 + 2 * MIN });
    expect(r.ticket!.history.at(-1)).toEqual({ at: MONDAY_0800 + 2 * MIN, type: 'cancelled', officerId: 'admin', note: 'công dân về' });
    s.do(finish(1));
    s.refuse({ type: 'call-next', ...actor(1) }, 'QUEUE_EMPTY');
  });

  it('keeps the newest 20 service times', () => {
    const s = new Sim(makeIndex({ center: { enforceWindows: false } }));
    s.open(1);
    for (let i = 1; i <= 22; i++) {
      s.issue('HOTICH');
      s.callNext(1);
      s.advance(i);
      s.do(finish(1));
    }
    const samples = s.state.recentServiceSec.HOTICH!;
    expect(samples).toHaveLength(20);
    expect(samples[0]).toBe(3 * 60);
    expect(samples.at(-1)).toBe(22 * 60);
  });
});

describe('counters', () => {
  it('open, pause, resume, close with status and since', () => {
    const s = new Sim();
    expect(s.open(1)).toMatchObject({ status: 'open', officerId: 'cb-1', since: MONDAY_0800, currentTicketId: null });
    s.advance(10);
    const p = s.do({ type: 'pause-counter', ...actor(1), reason: 'nghỉ giải lao' });
    expect(p.counter).toMatchObject({ status: 'paused', pauseReason: 'nghỉ giải lao', since: MONDAY_0800 + 10 * MIN });
    expect(p.events).toEqual([{ type: 'counter:updated', counter: p.counter }]);
    s.issue('HOTICH');
    s.refuse({ type: 'call-next', ...actor(1) }, 'COUNTER_PAUSED');
    s.advance(5);
    expect(s.do({ type: 'resume-counter', ...actor(1) }).counter).toMatchObject({ status: 'open', pauseReason: null, since: MONDAY_0800 + 15 * MIN });
    expect(s.do({ type: 'resume-counter', ...actor(1) }).events).toEqual([]); // already open
    s.serveNext(1);
    expect(s.do({ type: 'close-counter', ...actor(1) }).counter).toMatchObject({ status: 'closed', officerId: null });
    s.refuse({ type: 'close-counter', ...actor(1) }, 'COUNTER_NOT_OPEN');
  });

  it('refuses commands on a closed or unknown counter', () => {
    const s = new Sim();
    s.issue('HOTICH');
    s.refuse({ type: 'call-next', ...actor(1) }, 'COUNTER_NOT_OPEN');
    s.refuse({ type: 'pause-counter', ...actor(1), reason: '' }, 'COUNTER_NOT_OPEN');
    s.refuse({ type: 'resume-counter', ...actor(1) }, 'COUNTER_NOT_OPEN');
    s.refuse({ type: 'open-counter', ...actor(99) }, 'UNKNOWN_COUNTER');
    s.refuse({ type: 'call-next', ...actor(99) }, 'UNKNOWN_COUNTER');
  });

  it('one officer per counter, one counter per officer', () => {
    const s = new Sim();
    s.open(1, 'lan');
    s.refuse({ type: 'open-counter', counter: 1, officerId: 'minh' }, 'COUNTER_TAKEN');
    s.refuse({ type: 'open-counter', counter: 2, officerId: 'lan' }, 'OFFICER_BUSY');
    s.issue('HOTICH');
    s.refuse({ type: 'call-next', counter: 1, officerId: 'minh' }, 'COUNTER_TAKEN');
    s.refuse({ type: 'close-counter', counter: 1, officerId: 'minh' }, 'COUNTER_TAKEN');
    // paused counters still belong to their officer
    s.do({ type: 'pause-counter', counter: 1, officerId: 'lan', reason: '' });
    s.refuse({ type: 'open-counter', counter: 2, officerId: 'lan' }, 'OFFICER_BUSY');
    s.refuse({ type: 'resume-counter', counter: 1, officerId: 'minh' }, 'COUNTER_TAKEN');
    s.do({ type: 'close-counter', counter: 1, officerId: 'lan' });
    // once closed, both are free again
    s.open(2, 'lan');
    s.open(1, 'minh');
  });

  it('re-opening by the same officer is a no-op success', () => {
    const s = new Sim();
    s.open(1);
    s.issue('HOTICH');
    s.callNext(1);
    const before = s.state;
    const r = s.do({ type: 'open-counter', ...actor(1) });
    expect(r.events).toEqual([]);
    expect(r.state).toEqual(before);
    expect(r.counter).toMatchObject({ status: 'open', currentTicketId: 't1' });
  });

  it('busy while the current ticket is called or serving', () => {
    const s = new Sim();
    s.open(1);
    s.issue('HOTICH'); s.issue('HOTICH'); const c = s.issue('HOTICH');
    s.callNext(1);
    s.refuse({ type: 'call-next', ...actor(1) }, 'COUNTER_BUSY');
    s.refuse({ type: 'call-ticket', ...actor(1), ticketId: c.id }, 'COUNTER_BUSY');
    s.refuse({ type: 'pause-counter', ...actor(1), reason: '' }, 'COUNTER_BUSY');
    s.refuse({ type: 'close-counter', ...actor(1) }, 'COUNTER_BUSY');
    s.do({ type: 'start', ...actor(1) });
    s.refuse({ type: 'call-next', ...actor(1) }, 'COUNTER_BUSY');
    s.refuse({ type: 'close-counter', counter: 1, officerId: 'manager', override: true }, 'COUNTER_BUSY');
    s.do(finish(1));
    expect(s.callNext(1).number).toBe('A-002');
  });

  it('a manager closes a counter left open with override', () => {
    const s = new Sim();
    s.open(3, 'lan');
    s.refuse({ type: 'close-counter', counter: 3, officerId: 'manager' }, 'COUNTER_TAKEN');
    const r = s.do({ type: 'close-counter', counter: 3, officerId: 'manager', override: true });
    expect(r.counter).toMatchObject({ status: 'closed', officerId: null });
    s.open(4, 'lan'); // the officer is free again
  });

  it('counts served tickets per counter', () => {
    const s = new Sim();
    s.open(1); s.open(2);
    for (let i = 0; i < 5; i++) s.issue('HOTICH');
    s.serveNext(1); s.serveNext(2); s.serveNext(1);
    s.callNext(2); s.do({ type: 'no-show', ...actor(2) });
    expect(s.counter(1)!.servedToday).toBe(2);
    expect(s.counter(2)!.servedToday).toBe(1);
  });
});
