import { describe, it, expect } from 'vitest';
import type { Command } from '../../core/commands.ts';
import { apply } from '../../core/engine.ts';
import { emptyDay, formatTicketNumber } from '../../core/ticket.ts';
import { HOLIDAY, MIN, MONDAY, MONDAY_0800, Sim, actor, at, deepFreeze, makeIndex, src } from './fixture.ts';

const anyTime = () => makeIndex({ center: { enforceWindows: false } });

describe('ticket numbers', () => {
  it('are prefix + zero-padded daily sequence, one sequence per prefix', () => {
    const s = new Sim();
    expect(s.issue('HOTICH').number).toBe('A-001');
    expect(s.issue('HOTICH').number).toBe('A-002');
    expect(s.issue('CHUNGTHUC').number).toBe('B-001');
    expect(s.issue('HOTICH', 'nguoi-cao-tuoi').number).toBe('A-003'); // priority shares the sequence
    expect(s.issue('MOITRUONG').number).toBe('D-001');
    expect(s.state.sequences).toEqual({ A: 3, B: 1, D: 1 });
  });

  it('pads to three digits and grows past 999', () => {
    expect(formatTicketNumber('A', 7)).toBe('A-007');
    expect(formatTicketNumber('AB', 25)).toBe('AB-025');
    expect(formatTicketNumber('A', 999)).toBe('A-999');
    expect(formatTicketNumber('A', 1000)).toBe('A-1000');
  });

  it('fills in the new ticket', () => {
    const s = new Sim();
    const r = s.do({ type: 'issue', id: 'x1', serviceCode: 'DATDAI', priority: 'khuyet-tat', source: src });
    expect(r.ticket).toMatchObject({
      id: 'x1', day: MONDAY, seq: 1, number: 'C-001', serviceCode: 'DATDAI', departmentCode: 'TNMT',
      priority: 'khuyet-tat', status: 'waiting', issuedAt: MONDAY_0800, queuedAt: MONDAY_0800,
      calledAt: null, counter: null, calls: 0, targetCounter: null, rating: null, endReason: null, source: src,
    });
    expect(r.ticket!.history).toEqual([{ at: MONDAY_0800, type: 'issued' }]);
    expect(r.events).toEqual([{ type: 'ticket:issued', ticket: r.ticket }]);
  });

  it('refuses a reused ticket id without consuming a number', () => {
    const s = new Sim();
    s.issue('HOTICH'); // t1
    s.refuse({ type: 'issue', id: 't1', serviceCode: 'HOTICH', priority: null, source: src }, 'VALIDATION_FAILED');
    expect(s.issue('HOTICH').number).toBe('A-002');
  });
});

describe('daily reset at local midnight', () => {
  it('restarts at 00:00 local (17:00 UTC), not at UTC midnight', () => {
    const s = new Sim(anyTime(), at(MONDAY, '23:30'));
    s.issue('HOTICH');
    expect(s.issue('HOTICH').number).toBe('A-002');
    s.now = at('2026-11-24', '00:10');
    const t = s.issue('HOTICH');
    expect(t).toMatchObject({ number: 'A-001', seq: 1, day: '2026-11-24' });
    expect(s.state.day).toBe('2026-11-24');
    expect(s.closedDays.map((d) => d.day)).toEqual([MONDAY]);
  });

  it('keeps counting across 07:00 local (UTC midnight)', () => {
    const s = new Sim(anyTime(), at(MONDAY, '06:59'));
    expect(at(MONDAY, '06:59')).toBe(Date.parse('2026-11-22T23:59:00Z'));
    expect(s.issue('HOTICH').number).toBe('A-001');
    s.now = at(MONDAY, '07:01');
    expect(s.issue('HOTICH').number).toBe('A-002');
    expect(s.closedDays).toEqual([]);
    expect(s.state.day).toBe(MONDAY);
  });

  it('expires unfinished tickets and closes counters in closedDay', () => {
    const s = new Sim();
    s.open(1); s.open(2); s.open(3);
    const done = s.issue('HOTICH');
    const serving = s.issue('HOTICH');
    const called = s.issue('DATDAI');
    const waiting = s.issue('CHUNGTHUC');
    const noShow = s.issue('MOITRUONG');
    s.serveNext(1); // done
    s.callNext(1); s.do({ type: 'start', ...actor(1) }); // serving
    s.callNext(2); // called (DATDAI)
    s.callNext(3); s.do({ type: 'no-show', ...actor(3) });
    expect(s.ticket(called.id).status).toBe('called');
    const yesterday = deepFreeze(s.state);
    const midnight = Date.parse('2026-11-23T17:00:00Z');
    const r = apply(yesterday, s.index, { type: 'rollover' }, midnight);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state).toEqual(emptyDay('2026-11-24'));
    expect(r.events).toEqual([{ type: 'day:started', day: '2026-11-24' }]);
    const closed = r.closedDay!;
    expect(closed.day).toBe(MONDAY);
    expect(closed.tickets[done.id]!.status).toBe('done');
    expect(closed.tickets[noShow.id]!.status).toBe('no-show');
    for (const id of [serving.id, called.id, waiting.id]) {
      const t = closed.tickets[id]!;
      expect(t).toMatchObject({ status: 'cancelled', endReason: 'expired', finishedAt: midnight });
      expect(t.history.at(-1)).toEqual({ at: midnight, type: 'expired' });
    }
    for (const c of Object.values(closed.counters)) {
      expect(c).toMatchObject({ status: 'closed', officerId: null, currentTicketId: null });
    }
    expect(Object.keys(closed.counters).sort()).toEqual(['1', '2', '3']);
    // the numbering of the closed day is kept for the record
    expect(closed.sequences).toEqual(yesterday.sequences);
  });

  it('rollover on the same day changes nothing', () => {
    const s = new Sim();
    s.issue('HOTICH');
    const before = s.state;
    const r = s.do({ type: 'rollover' });
    expect(r.state).toBe(before);
    expect(r.closedDay).toBeNull();
    expect(r.events).toEqual([]);
  });

  it('a clock stepping back across midnight neither reopens yesterday nor restarts today', () => {
    // regression: apply() rolled over on any change of local day, also backwards, so an NTP step
    // back over midnight expired the new day's queue and a second A-001 was issued on the same day
    const s = new Sim(anyTime(), at('2026-11-24', '00:05'));
    s.open(1);
    s.issue('HOTICH');
    s.issue('HOTICH');
    s.now = at(MONDAY, '23:59') + 50_000;
    expect(s.issue('HOTICH')).toMatchObject({ number: 'A-003', day: '2026-11-24' });
    expect(s.closedDays).toEqual([]);
    expect(s.counter(1)!.status).toBe('open');
    expect(s.ticket('t1').status).toBe('waiting');
    s.now = at('2026-11-24', '00:06');
    expect(s.issue('HOTICH').number).toBe('A-004');
    expect(s.state.day).toBe('2026-11-24');
    expect(s.closedDays).toEqual([]);
  });

  it('a counter open yesterday must be opened again today', () => {
    const s = new Sim(anyTime(), at(MONDAY, '16:00'));
    s.open(1);
    s.issue('HOTICH');
    s.now = at('2026-11-24', '08:00');
    s.issue('HOTICH');
    s.refuse({ type: 'call-next', ...actor(1) }, 'COUNTER_NOT_OPEN');
    s.open(1);
    expect(s.callNext(1).number).toBe('A-001');
  });
});

describe('issuing refusals', () => {
  const issueCmd = (serviceCode: string, priority: string | null = null) =>
    ({ type: 'issue' as const, id: 'z', serviceCode, priority, source: src });

  it('unknown service, inactive service, unknown priority', () => {
    const s = new Sim();
    s.refuse(issueCmd('NOPE'), 'UNKNOWN_SERVICE');
    s.refuse(issueCmd('CU'), 'SERVICE_INACTIVE');
    s.refuse(issueCmd('HOTICH', 'vip'), 'UNKNOWN_PRIORITY');
  });

  it('outside the default windows, and the service’s own windows', () => {
    const s = new Sim();
    for (const [hhmm, ok] of [['06:59', false], ['07:00', true], ['11:29', true], ['11:30', false], ['12:15', false],
      ['13:00', true], ['16:29', true], ['16:30', false], ['20:00', false]] as const) {
      s.now = at(MONDAY, hhmm);
      const r = s.try({ ...issueCmd('HOTICH'), id: `h${hhmm}` });
      expect(r.ok ? 'ok' : r.code, hhmm).toBe(ok ? 'ok' : 'WINDOW_CLOSED');
    }
    s.now = at(MONDAY, '07:15');
    s.refuse(issueCmd('DATDAI'), 'WINDOW_CLOSED'); // DATDAI opens at 07:30
    s.now = at(MONDAY, '11:15');
    s.refuse(issueCmd('DATDAI'), 'WINDOW_CLOSED');
    s.now = at(MONDAY, '14:00');
    const r = s.try(issueCmd('DATDAI'));
    expect(r).toMatchObject({ ok: false, code: 'WINDOW_CLOSED', params: { windows: '07:30–11:00' } });
    s.now = at(MONDAY, '10:59');
    expect(s.issue('DATDAI').number).toBe('C-001');
  });

  it('non-working days and holidays (local day)', () => {
    const s = new Sim(makeIndex(), at('2026-11-28', '09:00')); // Saturday
    s.refuse(issueCmd('HOTICH'), 'NOT_WORKING_DAY');
    s.now = at('2026-11-29', '09:00'); // Sunday
    s.refuse(issueCmd('HOTICH'), 'NOT_WORKING_DAY');
    s.now = at(HOLIDAY, '09:00'); // a Friday, but a holiday
    s.refuse(issueCmd('HOTICH'), 'NOT_WORKING_DAY');
    s.now = at('2027-01-04', '09:00'); // Monday after
    expect(s.issue('HOTICH').number).toBe('A-001');
  });

  it('daily cap: the 4th ticket of a cap-3 service is refused, others unaffected, reset next day', () => {
    const s = new Sim();
    expect([1, 2, 3].map(() => s.issue('CHUNGTHUC').number)).toEqual(['B-001', 'B-002', 'B-003']);
    const r = s.try(issueCmd('CHUNGTHUC'));
    expect(r).toMatchObject({ ok: false, code: 'CAP_REACHED', params: { cap: 3 } });
    s.refuse(issueCmd('CHUNGTHUC', 'mang-thai'), 'CAP_REACHED');
    expect(s.issue('HOTICH').number).toBe('A-001');
    s.now = at('2026-11-24', '08:00');
    expect(s.issue('CHUNGTHUC').number).toBe('B-001');
  });

  it('the cap counts issued tickets, not waiting ones', () => {
    const s = new Sim();
    s.open(1);
    for (let i = 0; i < 3; i++) s.issue('CHUNGTHUC');
    s.do({ type: 'cancel', ticketId: 't1', by: 'admin', reason: '' });
    s.serveNext(1);
    s.refuse(issueCmd('CHUNGTHUC'), 'CAP_REACHED');
  });

  it('enforceWindows=false issues at any time and day, but caps and inactive still hold', () => {
    const s = new Sim(anyTime(), at('2026-11-29', '22:45')); // Sunday night
    expect(s.issue('DATDAI').number).toBe('C-001');
    s.now = at(HOLIDAY, '03:00');
    expect(s.issue('HOTICH').number).toBe('A-001');
    s.refuse(issueCmd('CU'), 'SERVICE_INACTIVE');
    for (let i = 0; i < 3; i++) s.issue('CHUNGTHUC');
    s.refuse(issueCmd('CHUNGTHUC'), 'CAP_REACHED');
  });
});

describe('purity', () => {
  it('never mutates the input state (deep-frozen) across every command kind', () => {
    const index = makeIndex();
    let state = deepFreeze(emptyDay(MONDAY));
    let now = MONDAY_0800;
    const cmds: Command[] = [
      { type: 'issue', id: 'a', serviceCode: 'HOTICH', priority: null, source: src },
      { type: 'issue', id: 'b', serviceCode: 'HOTICH', priority: 'mang-thai', source: src },
      { type: 'issue', id: 'c', serviceCode: 'CHUNGTHUC', priority: null, source: src },
      { type: 'open-counter', ...actor(1) },
      { type: 'open-counter', ...actor(3) },
      { type: 'pause-counter', ...actor(3), reason: 'họp' },
      { type: 'resume-counter', ...actor(3) },
      { type: 'call-next', ...actor(1) },
      { type: 'recall', ...actor(1) },
      { type: 'start', ...actor(1) },
      { type: 'transfer', ...actor(1), toService: 'MOITRUONG', toCounter: null, note: 'sai lĩnh vực' },
      { type: 'call-ticket', ...actor(1), ticketId: 'a' },
      { type: 'finish', ...actor(1), procedureCode: null, dossierCodes: ['000.00.12.h36-241125-0001'], note: 'xong' },
      { type: 'rate', counter: 1, ticketId: 'a', score: 5, reasons: [], comment: '' },
      { type: 'call-next', ...actor(3) },
      { type: 'no-show', ...actor(3) },
      { type: 'cancel', ticketId: 'c', by: 'admin', reason: 'về' },
      { type: 'close-counter', ...actor(1) },
      { type: 'close-counter', counter: 3, officerId: 'manager', override: true },
      { type: 'rollover' },
    ];
    for (const cmd of cmds) {
      now += MIN;
      const snapshot = JSON.stringify(state);
      const r = apply(state, index, cmd, cmd.type === 'rollover' ? now + 24 * 60 * MIN : now);
      expect(r.ok, `${cmd.type}: ${r.ok ? '' : r.code}`).toBe(true);
      expect(JSON.stringify(state)).toBe(snapshot);
      if (r.ok) {
        expect(r.state).not.toBe(state);
        state = deepFreeze(r.state);
      }
    }
    expect(state.day).toBe('2026-11-24');
  });
});
