// The projection's ordered queues choose as chooseNext does, call after call, on random days.
import { describe, expect, it } from 'vitest';
import { chooseNext } from '../../core/routing.ts';
import { RoutingQueues } from '../../core/routing-queues.ts';
import type { DayState, Ticket } from '../../core/ticket.ts';
import { closedCounter, emptyDay } from '../../core/ticket.ts';
import { MIN, MONDAY, MONDAY_0800, makeIndex, mulberry32 } from './fixture.ts';

const SERVICES = ['HOTICH', 'CHUNGTHUC', 'DATDAI', 'MOITRUONG'];
const PRIORITIES = ['nguoi-cao-tuoi', 'mang-thai'];

function randomDay(rnd: () => number, n: number): DayState {
  const state = emptyDay(MONDAY);
  for (let i = 0; i < n; i++) {
    const service = SERVICES[Math.floor(rnd() * SERVICES.length)]!;
    // minutes only: equal queue times are common, so the FIFO tie-breaks are exercised
    const queuedAt = MONDAY_0800 + Math.floor(rnd() * 90) * MIN;
    const t: Ticket = {
      id: `t${String(i).padStart(3, '0')}`, day: MONDAY, seq: i + 1, number: `A-${i + 1}`, serviceCode: service, departmentCode: 'TP',
      priority: rnd() < 0.25 ? PRIORITIES[Math.floor(rnd() * 2)]! : null, status: 'waiting', issuedAt: queuedAt - (rnd() < 0.1 ? 5 * MIN : 0), queuedAt,
      calledAt: null, startedAt: null, finishedAt: null, counter: null, officerId: null,
      targetCounter: rnd() < 0.05 ? 1 + Math.floor(rnd() * 4) : null, calls: 0, procedureCode: null, dossierCodes: [], note: null,
      transfers: [], history: [], source: { kind: 'api', deviceId: null, requestId: null }, rating: null, endReason: null,
    };
    state.tickets[t.id] = t;
  }
  for (let c = 1; c <= 4; c++) state.counters[String(c)] = { ...closedCounter(c, MONDAY_0800), status: 'open', normalsSincePriority: Math.floor(rnd() * 3) };
  return state;
}

describe('RoutingQueues', () => {
  for (const routing of [{}, { maxWaitRule: false }, { normalPerPriority: 0 }, { normalPerPriority: 3, maxWaitRule: false }]) {
    it(`chooses as chooseNext does, call after call (${JSON.stringify(routing)})`, () => {
      const index = makeIndex({ routing });
      const rnd = mulberry32(42);
      let calls = 0;
      for (let day = 0; day < 40; day++) {
        const state = randomDay(rnd, 5 + Math.floor(rnd() * 40));
        const queues = new RoutingQueues(index, Object.values(state.tickets));
        let now = MONDAY_0800 + 30 * MIN;
        for (;;) {
          const counter = 1 + Math.floor(rnd() * 4);
          const live = state.counters[String(counter)]!;
          const expected = chooseNext(state, index, counter, now);
          const got = queues.take(counter, now, live.normalsSincePriority);
          expect(got?.id ?? null).toBe(expected?.id ?? null);
          if (Object.values(state.tickets).every((t) => t.status !== 'waiting')) break;
          if (expected) {
            calls += 1;
            state.tickets[expected.id] = { ...expected, status: 'called' };
            const mix = index.config.routing.normalPerPriority;
            state.counters[String(counter)] = { ...live, normalsSincePriority: expected.priority ? 0 : Math.min(live.normalsSincePriority + 1, mix) };
          }
          now += Math.floor(rnd() * 12) * MIN;
          if (now > MONDAY_0800 + 600 * MIN) break;
        }
      }
      expect(calls).toBeGreaterThan(500);
    });
  }
});
