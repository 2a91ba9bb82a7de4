// "May this counter call this ticket?" and the order of arrival (core/call-rules.ts), and that the
// engine, the routing and the counter console all follow them.
import { describe, expect, it } from 'vitest';
import type { CallableTicket, CallingCounter } from '../../core/call-rules.ts';
import { callWeight, callableHere, fifo } from '../../core/call-rules.ts';
import { candidatesFor } from '../../core/routing.ts';
import type { Ticket } from '../../core/ticket.ts';
import type { TicketSummary } from '../../core/views.ts';
import { summarize } from '../../core/views.ts';
import { apply } from '../../core/engine.ts';
import { withTicket } from '../../counter/src/waiting.ts';
import { MIN, Sim, actor, mulberry32 } from './fixture.ts';

const counter2: CallingCounter = { number: 2, services: [{ serviceCode: 'HOTICH' }, { serviceCode: 'DATDAI' }] };
const t = (over: Partial<CallableTicket>): CallableTicket => ({ status: 'waiting', serviceCode: 'HOTICH', targetCounter: null, ...over });

describe('callableHere', () => {
  it('a waiting ticket of a service the counter serves', () => {
    expect(callableHere(t({}), counter2)).toBe(true);
    expect(callableHere(t({ serviceCode: 'DATDAI' }), counter2)).toBe(true);
    expect(callableHere(t({ serviceCode: 'MOITRUONG' }), counter2)).toBe(false);
  });

  it('a ticket sent to one counter: that counter only, even for a service it does not serve', () => {
    expect(callableHere(t({ serviceCode: 'MOITRUONG', targetCounter: 2 }), counter2)).toBe(true);
    expect(callableHere(t({ targetCounter: 3 }), counter2)).toBe(false);
    expect(callableHere(t({ targetCounter: 3 }), { number: 3, services: [] })).toBe(true);
  });

  it('never a ticket that is not waiting', () => {
    for (const status of ['called', 'serving', 'done', 'no-show', 'cancelled'] as const) {
      expect(callableHere(t({ status }), counter2), status).toBe(false);
      expect(callableHere(t({ status, targetCounter: 2 }), counter2), status).toBe(false);
    }
  });
});

describe('callWeight (the rule as routing reads it)', () => {
  const weights = new Map([['HOTICH', 3], ['DATDAI', 1]]);
  it('the counter\'s weight for a ticket it may call, undefined otherwise', () => {
    expect(callWeight(t({}), 2, weights)).toBe(3);
    expect(callWeight(t({ serviceCode: 'MOITRUONG' }), 2, weights)).toBeUndefined();
    expect(callWeight(t({ serviceCode: 'MOITRUONG', targetCounter: 2 }), 2, weights)).toBe(1);
    expect(callWeight(t({ targetCounter: 2 }), 2, weights)).toBe(3);
    expect(callWeight(t({ targetCounter: 3 }), 2, weights)).toBeUndefined();
    expect(callWeight(t({ status: 'called' }), 2, weights)).toBeUndefined();
  });
});

describe('fifo', () => {
  const base = { queuedAt: 100, issuedAt: 100, seq: 5, id: 'm' };
  it('orders by queue time, then issue time, then sequence, then id', () => {
    expect(fifo({ ...base, queuedAt: 99, issuedAt: 200 }, base)).toBeLessThan(0);
    expect(fifo({ ...base, issuedAt: 99, seq: 9 }, base)).toBeLessThan(0);
    expect(fifo({ ...base, seq: 4, id: 'z' }, base)).toBeLessThan(0);
    expect(fifo({ ...base, id: 'a' }, base)).toBeLessThan(0);
    expect(fifo(base, { ...base })).toBe(0);
  });

  it('orders a sequence past 999 numerically (A-1000 after A-999)', () => {
    expect(fifo({ ...base, seq: 999, id: 'A-999' }, { ...base, seq: 1000, id: 'A-1000' })).toBeLessThan(0);
  });
});

/** A busy day at the fixture center: issues, calls, transfers to services and to given counters. */
function busyDay(seed: number): Sim {
  const rng = mulberry32(seed);
  const s = new Sim();
  for (const n of [1, 2, 3, 4]) s.open(n);
  const services = ['HOTICH', 'CHUNGTHUC', 'DATDAI', 'MOITRUONG'];
  for (let i = 0; i < 60; i++) {
    s.advance(rng() < 0.3 ? 0 : rng() * 3);
    const roll = rng();
    if (roll < 0.55) {
      s.try({ type: 'issue', id: `s${seed}-${i}`, serviceCode: services[Math.floor(rng() * 4)]!, priority: rng() < 0.2 ? 'nguoi-cao-tuoi' : null, source: { kind: 'kiosk', deviceId: 'k', requestId: null } });
    } else {
      const n = 1 + Math.floor(rng() * 4);
      const current = s.counter(n)?.currentTicketId;
      if (!current) s.try({ type: 'call-next', ...actor(n) });
      else if (roll < 0.75) s.try({ type: 'finish', ...actor(n), procedureCode: null, dossierCodes: [], note: '' });
      else {
        const toCounter = rng() < 0.6 ? 1 + Math.floor(rng() * 4) : null;
        s.try({ type: 'transfer', ...actor(n), toService: toCounter === null ? services[Math.floor(rng() * 4)]! : null, toCounter, note: '' });
      }
    }
  }
  return s;
}

describe('one rule for the engine, the routing and the console', () => {
  it('candidatesFor, call-ticket and the console list all follow callableHere', () => {
    let targeted = 0;
    let refused = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const s = busyDay(seed);
      // Free every counter, so a call can only be refused for the ticket's sake.
      for (const n of [1, 2, 3, 4]) if (s.counter(n)?.currentTicketId) s.do({ type: 'no-show', ...actor(n) });
      const tickets = Object.values(s.state.tickets);
      targeted += tickets.filter((x) => x.status === 'waiting' && x.targetCounter !== null).length;
      for (const n of [1, 2, 3, 4]) {
        const config = s.index.counter.get(n)!;
        const where = `seed ${seed} counter ${n}`;
        const allowed = tickets.filter((x) => callableHere(x, config)).map((x) => x.id).sort();
        // Routing: call-next chooses among exactly these.
        expect(candidatesFor(s.state, s.index, n).map((c) => c.ticket.id).sort(), where).toEqual(allowed);
        // Console: ticket events keep exactly these in the officer's list.
        const view = { number: n, services: config.services };
        const listed = tickets.reduce((list, x) => withTicket(list, summarize(x), view), [] as TicketSummary[]);
        expect(listed.map((x) => x.id).sort(), where).toEqual(allowed);
        // Engine: calling a given waiting ticket succeeds exactly for these.
        for (const x of tickets.filter((w) => w.status === 'waiting')) {
          const r = apply(s.state, s.index, { type: 'call-ticket', ...actor(n), ticketId: x.id }, s.now);
          if (!r.ok) refused += 1;
          expect(r.ok ? 'ok' : r.code, `${where} ticket ${x.number}`).toBe(allowed.includes(x.id) ? 'ok' : 'NOT_FOR_THIS_COUNTER');
        }
      }
    }
    // The sample had tickets sent to given counters and calls refused, or it proved little.
    expect(targeted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(50);
  });

  it('the console orders tickets as the server does, also tickets issued in the same millisecond', () => {
    const s = new Sim();
    // A-001, C-001, A-002, C-002 at one instant: sequence first (C-001 before A-002), then id.
    const same: Ticket[] = [s.issue('HOTICH'), s.issue('DATDAI'), s.issue('HOTICH'), s.issue('DATDAI')];
    expect(same.map((x) => x.number)).toEqual(['A-001', 'C-001', 'A-002', 'C-002']);
    const server = [...same].sort(fifo).map((x) => x.number);
    expect(server).toEqual(['A-001', 'C-001', 'A-002', 'C-002']);
    expect([...same].map(summarize).sort(fifo).map((x) => x.number)).toEqual(server);
    // Counter 2 serves both services; events arriving in reverse still give the server's order.
    const view = { number: 2, services: s.index.counter.get(2)!.services };
    const head = summarize({ ...same[0]!, id: 'head', number: 'D-009', queuedAt: same[0]!.queuedAt + MIN });
    const list = [...same].reverse().reduce((l, x) => withTicket(l, summarize(x), view), [head]);
    expect(list.map((x) => x.number)).toEqual(['D-009', ...server]);
  });
});
