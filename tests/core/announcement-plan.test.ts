// The announcement planner with plain values: what a zone's loudspeaker says next, given the calls
// waiting, their tickets' states now and the time. No I/O, no clock.
import { describe, expect, it } from 'vitest';
import type { PendingCall, Plan, PlanOptions, TicketNow } from '@core/announcement-plan.ts';
import { planNext } from '@core/announcement-plan.ts';
import { buildJoinedPhrase, burstTemplate, continuationTemplate, DEFAULT_RECALL_TEMPLATE, DEFAULT_TEMPLATE } from '@core/announcement.ts';

const T0 = 1_700_000_000_000;
const options: PlanOptions = { staleAfterMs: 60_000, repeat: 2, chime: true, maxJoin: 3 };

function call(n: number, counter: number, at = T0, extra: Partial<PendingCall> = {}): PendingCall {
  return { ticketId: `t${n}`, number: `A-${String(n).padStart(3, '0')}`, counter, recall: false, callNo: 1, at, ...extra };
}

/** Every ticket still called at its call's counter, unless `states` says otherwise. */
function states(pending: PendingCall[], overrides: Record<string, Partial<TicketNow>> = {}) {
  const map = new Map<string, TicketNow>();
  for (const c of pending) map.set(c.ticketId, { status: 'called', counter: c.counter, calls: c.callNo, ...overrides[c.ticketId] });
  return (id: string) => map.get(id);
}

const numbers = (calls: readonly PendingCall[] | undefined) => (calls ?? []).map((c) => c.number);

describe('planNext', () => {
  it('a lone call is said as configured: chime and phrase, then the phrase again as its own utterance', () => {
    const pending = [call(1, 3)];
    const plan = planNext(pending, states(pending), T0 + 100, options, false);
    expect(plan).toEqual({
      next: { calls: pending, repeat: 1, chime: true, brisk: false, burst: false, again: false }, dropped: [], rest: [{ ...pending[0], again: true }],
    });
    // Nothing else came: the second saying follows, the same words, no chime, not a burst's opening.
    const again = planNext(plan.rest, states(pending), T0 + 8_000, options, true);
    expect(again).toEqual({ next: { calls: plan.rest, repeat: 1, chime: false, brisk: false, burst: false, again: true }, dropped: [], rest: [] });
    // Repeat 1 configured: no second saying.
    expect(planNext(pending, states(pending), T0 + 100, { ...options, repeat: 1 }, false).rest).toEqual([]);
  });

  it('a call made while the first saying plays takes the second saying\'s place (the start of a peak)', () => {
    const first = call(1, 3);
    const plan = planNext([first], states([first]), T0, options, false);
    const second = call(2, 5, T0 + 5_000);
    const next = planNext([...plan.rest, second], states([first, second]), T0 + 8_000, options, true);
    // Not counted as a dropped call: nothing a citizen needed went unsaid.
    expect(next.dropped).toEqual([]);
    expect(next.next).toEqual({ calls: [second], repeat: 1, chime: false, brisk: true, burst: true, again: false });
    // A second saying whose citizen has walked up goes quietly too.
    const gone = planNext(plan.rest, states([first], { t1: { status: 'serving' } }), T0 + 8_000, options, true);
    expect(gone).toEqual({ next: null, dropped: [], rest: [] });
  });

  it('nothing waiting: nothing to say', () => {
    expect(planNext([], () => undefined, T0, options, false)).toEqual({ next: null, dropped: [], rest: [] });
  });

  it('a backlog is joined (at most maxJoin), said once, and the chime is not rung inside a burst', () => {
    const pending = [call(1, 3), call(2, 5), call(3, 7), call(4, 9)];
    const plan = planNext(pending, states(pending), T0 + 5_000, options, true);
    expect(numbers(plan.next?.calls)).toEqual(['A-001', 'A-002', 'A-003']);
    expect(plan.next).toMatchObject({ repeat: 1, chime: false, brisk: true, burst: true });
    expect(numbers(plan.rest)).toEqual(['A-004']);
    // The last of the burst: nothing behind it, but right after the others: once, briskly, no chime.
    const last = planNext(plan.rest, states(pending), T0 + 15_000, options, true);
    expect(last.next).toMatchObject({ repeat: 1, chime: false, brisk: true, burst: true });
    expect(last.rest).toEqual([]);
    // After a silence, a lone call gets everything again: the template's opening, chime, said twice.
    const quiet = planNext(plan.rest, states(pending), T0 + 30_000, options, false);
    expect(quiet.next).toMatchObject({ repeat: 1, chime: true, brisk: false, burst: false });
    expect(quiet.rest).toEqual([{ ...plan.rest[0], again: true }]);
    // A backlog after a silence: the chime and the template's opening (the hall was not listening), said once.
    expect(planNext(pending, states(pending), T0 + 5_000, options, false).next).toMatchObject({ repeat: 1, chime: true, brisk: true, burst: false });
  });

  it('a call whose ticket moved on is dropped: started, finished, absent, transferred, called elsewhere, gone', () => {
    const pending = [call(1, 1), call(2, 2), call(3, 3), call(4, 4), call(5, 5), call(6, 6), call(7, 7)];
    const plan = planNext(pending, states(pending, {
      t1: { status: 'serving' }, t2: { status: 'done' }, t3: { status: 'no-show' }, t4: { status: 'waiting' }, t5: { counter: 9 }, t6: { status: 'cancelled' },
    }), T0 + 1_000, options, false);
    expect(plan.dropped.map((d) => `${d.call.number}:${d.reason}`)).toEqual(
      ['A-001:not-called', 'A-002:not-called', 'A-003:not-called', 'A-004:not-called', 'A-005:not-called', 'A-006:not-called']);
    // The survivor is alone: said as configured.
    expect(plan.next).toEqual({ calls: [pending[6]], repeat: 1, chime: true, brisk: false, burst: false, again: false });
    expect(plan.rest).toEqual([{ ...pending[6], again: true }]);
    expect(planNext([call(8, 1)], () => undefined, T0, options, false).dropped[0]?.reason).toBe('not-called');
  });

  it('a call recalled since is replaced by its recall, which is said alone with its own words', () => {
    const first = call(1, 3);
    const other = call(2, 5, T0 + 1_000);
    const recall = call(1, 3, T0 + 2_000, { recall: true, callNo: 2 });
    const lookup = states([other], { t1: {} });
    const ticketOf = (id: string) => (id === 't1' ? { status: 'called' as const, counter: 3, calls: 2 } : lookup(id));
    const plan = planNext([first, other, recall], ticketOf, T0 + 3_000, options, false);
    expect(plan.dropped).toEqual([{ call: first, reason: 'superseded' }]);
    // A-002 is not joined with a recall, and the recall is not folded into A-002's phrase either.
    expect(plan.next?.calls).toEqual([other]);
    expect(plan.next?.repeat).toBe(1);
    const after = planNext(plan.rest, ticketOf, T0 + 9_000, options, true);
    // Right after another, yet with its own words: a recall never takes the burst's short opening.
    expect(after.next).toEqual({ calls: [recall], repeat: 1, chime: false, brisk: true, burst: false, again: false });
  });

  it('a call that cannot start within staleAfterMs is never said; one just inside it is', () => {
    const old = call(1, 3, T0);
    const fresh = call(2, 5, T0 + 1);
    const plan = planNext([old, fresh], states([old, fresh]), T0 + 60_001, options, false);
    expect(plan.dropped).toEqual([{ call: old, reason: 'stale' }]);
    expect(plan.next?.calls).toEqual([fresh]);
  });

  it('chime off stays off; repeat 1 stays 1', () => {
    const pending = [call(1, 3)];
    const plan = planNext(pending, states(pending), T0, { ...options, chime: false, repeat: 1 }, false);
    expect(plan.next).toMatchObject({ chime: false, repeat: 1 });
    expect(plan.rest).toEqual([]);
  });

  it('never reorders calls, never loses one still called: a long random run', () => {
    // Calls, some moving on, some recalled, planned one utterance at a time as the announcer does:
    // every call still called when its turn comes is said once, in call order.
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const tickets = new Map<string, TicketNow>();
    let pending: PendingCall[] = [];
    const said: string[] = [];
    const expected: string[] = [];
    let t = T0;
    let inBurst = false;
    for (let i = 1; i <= 400; i++) {
      const c = call(i, 1 + (i % 9), t);
      tickets.set(c.ticketId, { status: 'called', counter: c.counter, calls: 1 });
      pending.push(c);
      if (rnd() < 0.1) tickets.set(c.ticketId, { status: 'serving', counter: c.counter, calls: 1 });
      t += 1_000 + rnd() * 4_000;
      if (rnd() < 0.6) {
        const plan: Plan = planNext(pending, (id) => tickets.get(id), t, options, inBurst);
        for (const d of plan.dropped) expect(d.reason).toBe('not-called');
        if (plan.next && !plan.next.again) said.push(...numbers(plan.next.calls));
        pending = plan.rest;
        inBurst = plan.next !== null;
      }
    }
    for (let n = 1; n <= 400; n++) if (tickets.get(`t${n}`)!.status === 'called') expected.push(`A-${String(n).padStart(3, '0')}`);
    for (;;) {
      const plan: Plan = planNext(pending, (id) => tickets.get(id), t, { ...options, staleAfterMs: Infinity }, true);
      if (!plan.next) break;
      if (!plan.next.again) said.push(...numbers(plan.next.calls));
      pending = plan.rest;
    }
    // Those still called, all of them, in order; none that had moved on by their turn.
    expect(said).toEqual(expected);
    expect(said.length).toBeGreaterThan(300);
  });
});

describe('joined phrases', () => {
  it('says the first call with the template and each next one as "số … đến quầy số …"', () => {
    const p = buildJoinedPhrase(DEFAULT_TEMPLATE, [{ number: 'A-025', counter: 3 }, { number: 'B-011', counter: 5 }], 'north', 'full');
    expect(p.shown).toBe('Xin mời công dân có số thứ tự A-025 đến quầy số 3, số B-011 đến quầy số 5');
    expect(p.spoken).toBe('Xin mời công dân có số thứ tự a, không trăm hai mươi lăm, đến quầy số ba, số bê, không trăm mười một, đến quầy số năm');
    const short = buildJoinedPhrase(DEFAULT_TEMPLATE, [{ number: 'A-025', counter: 3 }, { number: 'B-011', counter: 5 }], 'north', 'short');
    expect(short.spoken).toBe('Xin mời công dân có số thứ tự a, hai mươi lăm, đến quầy số ba, số bê, mười một, đến quầy số năm');
  });

  it('in a burst opens with "Mời số …": the continuation of the template, Vietnamese, no pronoun', () => {
    expect(burstTemplate(DEFAULT_TEMPLATE)).toBe('Mời số {number} đến quầy số {counter}');
    expect(burstTemplate('Xin mời công dân có số thứ tự {number} đến quầy số {counter} để được tiếp nhận.')).toBe('Mời số {number} đến quầy số {counter} để được tiếp nhận');
    expect(burstTemplate('Quầy {counter} mời số {number}')).toBe('Mời số {number} đến quầy số {counter}');
    // An ending that already invites gets no second "mời".
    expect(burstTemplate('Số {number} mời đến quầy {counter}')).toBe('Số {number} mời đến quầy {counter}');
    const p = buildJoinedPhrase(burstTemplate(DEFAULT_TEMPLATE), [{ number: 'A-025', counter: 3 }, { number: 'B-011', counter: 5 }], 'north', 'short');
    expect(p.shown).toBe('Mời số A-025 đến quầy số 3, số B-011 đến quầy số 5');
    expect(p.spoken).toBe('Mời số a, hai mươi lăm, đến quầy số ba, số bê, mười một, đến quầy số năm');
    // The recall keeps its own words (planNext never gives a recall the burst's opening).
    expect(DEFAULT_RECALL_TEMPLATE.startsWith('Xin nhắc lại')).toBe(true);
  });

  it('derives the continuation from the template; one naming the counter first gets the plain form', () => {
    expect(continuationTemplate('Mời số {number} tới quầy {counter}.')).toBe('số {number} tới quầy {counter}');
    expect(continuationTemplate('Quầy {counter} mời số {number}')).toBe('số {number} đến quầy số {counter}');
  });
});
