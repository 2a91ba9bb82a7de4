// Tests drive the engine through apply()/evolve(); the server drives it through rollover() +
// decide() + applyChangesInPlace() on one mutable day with a waiting index (QueueService). This
// property runs random command sequences of every type, across local midnight and small clock
// steps back, through both and asks for the same outcome at every step: same refusal, or same
// events, ticket, counter, closed day and state.
//
// The one difference by contract: a command refused just after midnight leaves apply()'s state
// untouched, while the server has rolled the day over (its clock did, whatever the command); the
// test checks the server's day is then exactly apply()'s bare rollover, and continues from it.
import { describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { Command, DayChanges, DomainEvent } from '../../core/commands.ts';
import type { ConfigIndex } from '../../core/config.ts';
import { apply, decide, rollover } from '../../core/engine.ts';
import type { DayState } from '../../core/ticket.ts';
import { attachWaitingIndex, buildWaitingIndex, detachWaitingIndex, emptyDay, waitingIndexOf } from '../../core/ticket.ts';
import { localDay, nextLocalMidnight } from '../../core/time.ts';
import { applyChangesInPlace } from '../../server/store/day-changes.ts';
import type { Executed } from '../../server/queue/queue-service.ts';
import { MIN, MONDAY_0800, makeIndex, src } from './fixture.ts';

const KINDS = [
  'issue', 'open-counter', 'pause-counter', 'resume-counter', 'close-counter', 'call-next', 'call-ticket', 'recall',
  'start', 'finish', 'no-show', 'transfer', 'cancel', 'move-waiting', 'rate', 'rollover',
] as const satisfies readonly Command['type'][];
type Kind = (typeof KINDS)[number];
// Every command type of the engine is generated: a new one fails to compile here until it is.
type Missing = Exclude<Command['type'], Kind>;
const allKinds: [Missing] extends [never] ? true : Missing = true;

const COUNTERS = [1, 2, 3, 4, 1, 2, 3, 4, 9]; // 9 is not configured
const SERVICES = ['HOTICH', 'CHUNGTHUC', 'DATDAI', 'MOITRUONG', 'HOTICH', 'DATDAI', 'MOITRUONG', 'HOTICH', 'DATDAI', 'MOITRUONG', 'CU', 'NOPE']; // CU inactive, NOPE unknown
const PRIORITIES = [null, null, null, null, null, 'nguoi-cao-tuoi', 'khuyet-tat', 'bogus'];
const CODES = [[], [], ['000.00.12.H36-241125-0001'], [' 000.00.12.h36-241125-0001', '000.00.12.H36-241125-0001'], ['not-a-code']];

/** Time passing before a step: a few seconds to hours, a jump to around midnight, or a step back. */
const timeStep = fc.oneof(
  { weight: 10, arbitrary: fc.constant({ by: 0 }) },
  { weight: 20, arbitrary: fc.integer({ min: 1, max: 120_000 }).map((by) => ({ by })) },
  { weight: 15, arbitrary: fc.integer({ min: 1, max: 30 * MIN }).map((by) => ({ by })) },
  { weight: 2, arbitrary: fc.integer({ min: 60 * MIN, max: 10 * 60 * MIN }).map((by) => ({ by })) },
  { weight: 2, arbitrary: fc.integer({ min: -2 * MIN, max: -1 }).map((by) => ({ by })) },
  { weight: 1, arbitrary: fc.integer({ min: -2 * MIN, max: 2 * MIN }).map((aroundMidnight) => ({ aroundMidnight })) },
);

const step = fc.record({
  time: timeStep,
  // Issues and calls more often than the rest, so queues build up and get served.
  kind: fc.oneof(
    { weight: 8, arbitrary: fc.constant('issue' as const) },
    { weight: 4, arbitrary: fc.constantFrom('call-next' as const, 'finish' as const, 'start' as const, 'open-counter' as const) },
    { weight: 6, arbitrary: fc.constantFrom(...KINDS) },
  ),
  counter: fc.constantFrom(...COUNTERS),
  /** Mostly aim at a counter whose state suits the command, so that more than refusals is tested. */
  aim: fc.integer({ min: 0, max: 9 }).map((n) => n < 7),
  wrongOfficer: fc.integer({ min: 0, max: 9 }).map((n) => n === 0), // another counter's officer, now and then
  pick: fc.nat(),
  service: fc.nat(),
  other: fc.nat(),
  flag: fc.boolean(),
});
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

const setup = fc.record({
  normalPerPriority: fc.integer({ min: 1, max: 4 }),
  maxWaitRule: fc.boolean(),
  transferPlacement: fc.constantFrom('keep-wait' as const, 'front' as const),
  enforceWindows: fc.boolean(),
});

const at = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

/** Counters in a state where the command can succeed (open and free for a call, holding a ticket for a finish…). */
function suits(kind: Kind, state: DayState): number[] {
  const counters = [1, 2, 3, 4].map((n) => state.counters[String(n)]);
  const busy = (n: number) => {
    const id = state.counters[String(n)]?.currentTicketId;
    const t = id ? state.tickets[id] : undefined;
    return t !== undefined && (t.status === 'called' || t.status === 'serving');
  };
  const numbers = (ok: (c: DayState['counters'][string] | undefined, n: number) => boolean) =>
    counters.flatMap((c, i) => (ok(c, i + 1) ? [i + 1] : []));
  switch (kind) {
    case 'open-counter': return numbers((c) => !c || c.status === 'closed');
    case 'call-next': case 'call-ticket': case 'pause-counter': return numbers((c, n) => c?.status === 'open' && !busy(n));
    case 'recall': case 'start': case 'finish': case 'no-show': case 'transfer': return numbers((c, n) => !!c && c.status !== 'closed' && busy(n));
    case 'resume-counter': return numbers((c) => c?.status === 'paused');
    case 'close-counter': return numbers((c) => !!c && c.status !== 'closed');
    default: return [];
  }
}

/** Turns a generated step into a command against the current day, so ids and counters often fit. */
function commandFor(s: Step, state: DayState, nextId: () => string): Command {
  const fitting = s.aim ? suits(s.kind, state) : [];
  const counter = fitting.length > 0 ? at(fitting, s.other) : s.counter;
  const officerId = `cb-${s.wrongOfficer ? (counter % 4) + 1 : counter}`;
  const actor = { counter, officerId };
  const all = Object.values(state.tickets);
  const relevant = s.kind === 'rate' ? all.filter((t) => t.status === 'done')
    : s.kind === 'call-ticket' || s.kind === 'cancel' ? all.filter((t) => t.status === 'waiting') : all;
  const pool = s.pick % 5 === 0 || relevant.length === 0 ? all : relevant;
  const picked = pool.length > 0 && s.pick % 11 !== 0 ? at(pool, s.pick) : undefined;
  const ticketId = picked?.id ?? 'missing';
  switch (s.kind) {
    case 'issue':
      return {
        type: 'issue', id: s.pick % 17 === 0 && picked ? picked.id : nextId(), serviceCode: at(SERVICES, s.service),
        priority: at(PRIORITIES, s.other), source: src,
        // Now and then a checked-in booking: under the slot-time rule it queues at its slot's start (past or future).
        ...(s.pick % 4 === 0 ? { booking: { code: `BK${s.pick % 1000}`, slotStart: MONDAY_0800 + (s.other % 40) * 15 * MIN, slotEnd: MONDAY_0800 + ((s.other % 40) + 1) * 15 * MIN }, phone: '0912345678' } : {}),
      };
    case 'open-counter': case 'resume-counter': case 'call-next': case 'recall': case 'start': case 'no-show':
      return { type: s.kind, ...actor };
    case 'pause-counter': return { type: 'pause-counter', ...actor, reason: 'Nghỉ trưa' };
    case 'close-counter': return { type: 'close-counter', ...actor, override: s.flag };
    case 'call-ticket': return { type: 'call-ticket', ...actor, ticketId };
    case 'finish':
      return { type: 'finish', ...actor, procedureCode: s.flag ? '1.001' : null, dossierCodes: at(CODES, s.other), note: s.flag ? 'đã nhận' : '' };
    case 'transfer':
      return {
        type: 'transfer', ...actor, toService: s.service % 3 === 0 ? null : at(SERVICES, s.service),
        toCounter: s.other % 2 === 0 ? null : at(COUNTERS, s.other), note: s.flag ? 'sai lĩnh vực' : '',
      };
    case 'cancel': return { type: 'cancel', ticketId, by: 'admin-1', reason: s.flag ? 'Công dân về' : '' };
    case 'move-waiting':
      return { type: 'move-waiting', fromService: at(SERVICES, s.service), toService: at(SERVICES, s.other), by: 'admin-1', note: '' };
    case 'rate':
      return {
        type: 'rate', counter: s.aim ? picked?.counter ?? counter : counter, ticketId,
        score: s.other % 6 === 0 ? null : (s.other % 5) + 1, reasons: [], comment: '',
      };
    case 'rollover': return { type: 'rollover' };
  }
}

function withIndex(state: DayState): DayState {
  attachWaitingIndex(state, buildWaitingIndex(state));
  return state;
}

/** The server's day without its (symbol-keyed) waiting index, to compare with apply()'s value. */
const plain = (state: DayState): DayState => detachWaitingIndex({ ...state });

const seen = { accepted: new Map<string, number>(), refused: 0, rollovers: 0, expired: 0, refusedAcrossMidnight: 0 };
const count = (kind: string) => seen.accepted.set(kind, (seen.accepted.get(kind) ?? 0) + 1);

/** One sequence through both paths; throws at the first step where they differ. */
function runBoth(config: { normalPerPriority: number; maxWaitRule: boolean; transferPlacement: 'keep-wait' | 'front'; enforceWindows: boolean }, steps: Step[]): void {
  const { enforceWindows, ...routing } = config;
  const index: ConfigIndex = makeIndex({ routing, center: { enforceWindows } });
  let now = MONDAY_0800;
  let model = emptyDay(localDay(now)); // what apply() gives, as the unit tests use it
  let server = withIndex(emptyDay(localDay(now))); // what QueueService holds
  let ids = 0;
  for (const [i, s] of steps.entries()) {
    now = 'by' in s.time ? now + s.time.by : nextLocalMidnight(now) + s.time.aroundMidnight;
    const cmd = commandFor(s, model, () => `t${++ids}`);
    const where = `step ${i} (${cmd.type} at ${new Date(now).toISOString()})`;

    const a = apply(model, index, cmd, now);

    // The server's path, as QueueService.execute runs it.
    const rolled = rollover(server, now);
    const serverEvents: DomainEvent[] = [];
    if (rolled) {
      server = withIndex(rolled.state);
      serverEvents.push(...rolled.events);
    }
    let decision: Executed;
    let changes: DayChanges = { tickets: [], counters: [] }; // what the journal records
    if (cmd.type === 'rollover') decision = { ok: true, ticket: null, counter: null, events: [] };
    else {
      const decided = decide(server, index, cmd, now);
      if (decided.ok) {
        changes = decided.changes;
        applyChangesInPlace(server, changes);
      }
      decision = decided;
    }
    if (decision.ok) serverEvents.push(...decision.events);

    if (a.ok) {
      expect(decision.ok, where).toBe(true);
      if (!decision.ok) return;
      expect(serverEvents, where).toStrictEqual(a.events);
      expect(decision.ticket, where).toStrictEqual(a.ticket);
      expect(decision.counter, where).toStrictEqual(a.counter);
      expect(rolled?.closedDay ?? null, where).toStrictEqual(a.closedDay);
      expect(changes, where).toStrictEqual(a.changes);
      model = a.state;
      count(cmd.type);
    } else {
      expect(decision.ok ? 'ok' : [decision.code, decision.params], where).toStrictEqual([a.code, a.params]);
      seen.refused += 1;
      if (rolled) {
        // apply() refused atomically; the server's clock has rolled the day regardless.
        const bare = apply(model, index, { type: 'rollover' }, now);
        if (!bare.ok) throw new Error('a bare rollover cannot be refused');
        expect(serverEvents, where).toStrictEqual(bare.events);
        expect(rolled.closedDay, where).toStrictEqual(bare.closedDay);
        model = bare.state;
        seen.refusedAcrossMidnight += 1;
      }
    }
    if (rolled) {
      seen.rollovers += 1;
      seen.expired += Object.values(rolled.closedDay.tickets).filter((t) => t.endReason === 'expired').length;
    }
    const serverDay = plain(server);
    if (!isDeepStrictEqual(serverDay, model)) expect(serverDay, where).toStrictEqual(model);
    // The server's index of waiting tickets stays exactly the day's waiting tickets.
    const waiting = waitingIndexOf(server)!;
    const expected = buildWaitingIndex(server);
    expect([...waiting.keys()].sort(), where).toEqual([...expected.keys()].sort());
    for (const [id, t] of waiting) expect(t, where).toBe(server.tickets[id]);
  }
}

describe('apply() and the server path (rollover + decide + applyChangesInPlace) agree', () => {
  it('for random sequences of every command, across local midnight (Asia/Ho_Chi_Minh)', () => {
    expect(allKinds).toBe(true);
    fc.assert(fc.property(setup, fc.array(step, { minLength: 20, maxLength: 150, size: 'max' }), runBoth), { numRuns: 200 });
    // The property is only as good as what it reached: every command type accepted, days closed
    // with unfinished tickets, refusals, including refusals just after midnight.
    for (const kind of KINDS) expect(seen.accepted.get(kind) ?? 0, `${kind} accepted`).toBeGreaterThan(0);
    expect(seen.rollovers).toBeGreaterThan(20);
    expect(seen.expired).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(100);
    expect(seen.refusedAcrossMidnight).toBeGreaterThan(0);
  }, 180_000); // ~15 s alone on two busy cores; more beside other suites
});
