// Property tests: seeded random command sequences, with the queue's invariants checked after every step.
import { describe, it, expect } from 'vitest';
import type { Command } from '../../core/commands.ts';
import type { ConfigIndex } from '../../core/config.ts';
import { apply } from '../../core/engine.ts';
import { ERROR_CODES } from '../../core/i18n.ts';
import type { DayState, Ticket, TicketStatus } from '../../core/ticket.ts';
import { emptyDay, formatTicketNumber, isFinal } from '../../core/ticket.ts';
import { localDay } from '../../core/time.ts';
import { MIN, MONDAY_0800, deepFreeze, makeIndex, mulberry32, src } from './fixture.ts';

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const SERVICES = ['HOTICH', 'HOTICH', 'HOTICH', 'CHUNGTHUC', 'DATDAI', 'DATDAI', 'MOITRUONG', 'MOITRUONG', 'CU', 'NOPE'];
const PRIORITIES = [null, null, null, null, null, null, 'nguoi-cao-tuoi', 'khuyet-tat', 'mang-thai', 'bad'];
const OFFICERS = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'];
const CODES = [['000.00.12.h36-241125-0001', '000.00.12.H36-241125-0001'], ['000.00.12.H36-241325-0001'], ['x']];
const WEIGHTS: [Command['type'], number][] = [
  ['issue', 25], ['open-counter', 6], ['close-counter', 2], ['pause-counter', 2], ['resume-counter', 2],
  ['call-next', 15], ['call-ticket', 4], ['recall', 4], ['start', 8], ['finish', 10], ['no-show', 3],
  ['transfer', 4], ['cancel', 3], ['rate', 4], ['rollover', 1], ['move-waiting', 1],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((s, [, w]) => s + w, 0);

function randomCommand(rng: Rng, state: DayState, nextId: () => string): Command {
  let roll = rng() * TOTAL_WEIGHT;
  let type: Command['type'] = 'issue';
  for (const [t, w] of WEIGHTS) { if ((roll -= w) < 0) { type = t; break; } }
  const open = Object.values(state.counters).filter((c) => c.status !== 'closed');
  const busy = open.filter((c) => c.currentTicketId !== null);
  const idle = open.filter((c) => c.currentTicketId === null);
  const needsTicket = ['recall', 'start', 'finish', 'no-show', 'transfer'].includes(type);
  const needsIdle = ['call-next', 'call-ticket'].includes(type);
  const preferred = needsTicket ? busy : needsIdle ? idle : open;
  const counter = preferred.length > 0 && rng() < 0.85 ? pick(rng, preferred).number : pick(rng, [1, 2, 3, 4, 4, 5]);
  const holder = state.counters[String(counter)]?.officerId;
  const officerId = holder && rng() < 0.9 ? holder : pick(rng, OFFICERS);
  const who = { counter, officerId };
  const tickets = Object.values(state.tickets);
  const someTicket = () => (tickets.length > 0 && rng() < 0.95 ? pick(rng, tickets).id : 'missing');
  switch (type) {
    case 'issue': return { type, id: nextId(), serviceCode: pick(rng, SERVICES), priority: pick(rng, PRIORITIES), source: src };
    case 'open-counter': {
      const closed = [1, 2, 3, 4].filter((n) => state.counters[String(n)]?.status !== 'open' && state.counters[String(n)]?.status !== 'paused');
      const free = OFFICERS.filter((o) => !open.some((c) => c.officerId === o));
      if (closed.length > 0 && rng() < 0.8) return { type, counter: pick(rng, closed), officerId: pick(rng, free) };
      return { type, ...who };
    }
    case 'resume-counter': case 'call-next': case 'recall': case 'start': case 'no-show':
      return { type, ...who };
    case 'pause-counter': return { type, ...who, reason: 'nghỉ' };
    case 'close-counter': return { type, ...who, override: rng() < 0.2 };
    case 'call-ticket': {
      const waiting = tickets.filter((t) => t.status === 'waiting');
      return { type, ...who, ticketId: waiting.length > 0 && rng() < 0.7 ? pick(rng, waiting).id : someTicket() };
    }
    case 'finish': return { type, ...who, procedureCode: null, note: '', dossierCodes: rng() < 0.8 ? [] : pick(rng, CODES) };
    case 'transfer':
      return { type, ...who, toService: pick(rng, [null, ...SERVICES]), toCounter: pick(rng, [null, null, null, 1, 2, 3, 4, 9]), note: '' };
    case 'cancel': return { type, ticketId: someTicket(), by: 'admin', reason: '' };
    case 'move-waiting': return { type, fromService: pick(rng, SERVICES), toService: pick(rng, [...SERVICES, 'NOPE']), by: 'admin', note: 'chuyển' };
    case 'rate': {
      const done = tickets.filter((t) => t.status === 'done');
      const t = done.length > 0 && rng() < 0.8 ? pick(rng, done) : undefined;
      return {
        type, ticketId: t?.id ?? someTicket(), counter: t && t.counter !== null && rng() < 0.8 ? t.counter : pick(rng, [1, 2, 3, 4]),
        score: pick(rng, [null, 1, 2, 3, 4, 5]), reasons: [], comment: '',
      };
    }
    case 'rollover': return { type };
  }
}

const prefixOf = (t: Ticket) => t.number.split('-')[0]!;

/** A cheap assertion for hot loops (vitest's expect is too slow for ~10⁷ checks). */
function check(cond: boolean, message: () => string): void {
  if (!cond) throw new Error(`invariant broken: ${message()}`);
}

/** Checks that hold for any state the engine produces. */
function checkState(state: DayState, now: number): void {
  const current = new Map<string, number>();
  const officers = new Set<string>();
  for (const [key, c] of Object.entries(state.counters)) {
    check(key === String(c.number), () => `counter ${c.number} stored under ${key}`);
    if (c.status === 'closed') {
      check(c.officerId === null && c.currentTicketId === null, () => `closed counter ${c.number} holds ${c.officerId}/${c.currentTicketId}`);
      continue;
    }
    check(c.officerId !== null, () => `counter ${c.number} ${c.status} without officer`);
    check(!officers.has(c.officerId!), () => `officer ${c.officerId} holds two counters`);
    officers.add(c.officerId!);
    if (c.currentTicketId !== null) {
      check(!current.has(c.currentTicketId), () => `ticket ${c.currentTicketId} current at two counters`);
      current.set(c.currentTicketId, c.number);
      const t = state.tickets[c.currentTicketId];
      check(t !== undefined && (t.status === 'called' || t.status === 'serving'), () => `counter ${c.number} current ticket is ${t?.status}`);
      check(c.status === 'open', () => `paused counter ${c.number} has a current ticket`);
    }
  }
  for (const t of Object.values(state.tickets)) {
    check(t.day === state.day, () => `${t.number} of ${t.day} in ${state.day}`);
    if (t.status === 'called' || t.status === 'serving') {
      check(current.get(t.id) === t.counter, () => `${t.number} ${t.status} at ${t.counter} but current at ${current.get(t.id)}`);
    } else {
      check(!current.has(t.id), () => `${t.number} ${t.status} still current at a counter`);
    }
    if (t.status === 'waiting') check(t.counter === null, () => `waiting ${t.number} has counter ${t.counter}`);
    check(t.seq <= (state.sequences[prefixOf(t)] ?? 0), () => `${t.number} beyond the sequence`);
    check(t.number === formatTicketNumber(prefixOf(t), t.seq), () => `${t.number} vs seq ${t.seq}`);
    check(t.history[0]?.type === 'issued', () => `${t.number} history does not start with issued`);
    for (let i = 1; i < t.history.length; i++) {
      check(t.history[i]!.at >= t.history[i - 1]!.at, () => `${t.number} history goes back in time`);
    }
    check(t.history.at(-1)!.at <= now, () => `${t.number} history in the future`);
  }
}

interface RunStats { applied: number; refused: number; calls: number; finished: number; transfers: number; days: number }

function runSequence(seed: number, steps: number, stats: RunStats): void {
  const rng = mulberry32(seed);
  const index: ConfigIndex = makeIndex({
    center: { enforceWindows: rng() < 0.25 },
    routing: { normalPerPriority: Math.floor(rng() * 4), maxWaitRule: rng() < 0.5, transferPlacement: rng() < 0.5 ? 'front' : 'keep-wait' },
  });
  let now = MONDAY_0800 + Math.floor(rng() * 30) * 24 * 60 * MIN;
  let state = deepFreeze(emptyDay(localDay(now)));
  let ids = 0;
  const nextId = () => `s${seed}-${++ids}`;
  const numbers = new Map<string, Map<string, string>>(); // day → number → id
  const finals = new Map<string, TicketStatus>();
  const done = new Set<string>();

  const record = (day: DayState) => {
    const seen = numbers.get(day.day) ?? new Map<string, string>();
    numbers.set(day.day, seen);
    for (const t of Object.values(day.tickets)) {
      const owner = seen.get(t.number);
      check(owner === undefined || owner === t.id, () => `${t.number} issued twice on ${day.day}`);
      seen.set(t.number, t.id);
    }
  };

  for (let step = 0; step < steps; step++) {
    const jump = rng();
    now += jump < 0.004 ? Math.floor((2 + rng() * 18) * 60) * MIN : Math.floor(rng() * 180) * 1000;
    const cmd = randomCommand(rng, state, nextId);
    const snapshot = step % 20 === 0 ? JSON.stringify(state) : null;
    const before = state;
    const r = apply(state, index, cmd, now); // state is deep-frozen: any mutation throws
    if (snapshot !== null) expect(JSON.stringify(before)).toBe(snapshot);
    if (!r.ok) {
      stats.refused++;
      check(ERROR_CODES.includes(r.code), () => `unknown code ${r.code}`);
      continue;
    }
    stats.applied++;
    check(r.state.day === localDay(now), () => `state day ${r.state.day} at ${localDay(now)}`);
    if (r.closedDay) {
      stats.days++;
      expect(r.closedDay.day).toBe(before.day);
      expect(Object.values(r.closedDay.tickets).every((t) => isFinal(t.status))).toBe(true);
      expect(Object.values(r.closedDay.counters).every((c) => c.status === 'closed' && c.currentTicketId === null)).toBe(true);
      record(r.closedDay);
      checkState(r.closedDay, now);
    }
    for (const e of r.events) {
      if (e.type === 'ticket:called') {
        stats.calls++;
        check(!done.has(e.ticket.id), () => `done ticket ${e.ticket.number} called again`);
        check(!finals.has(e.ticket.id), () => `final ticket ${e.ticket.number} called again`);
      }
      if (e.type === 'ticket:finished') { stats.finished++; done.add(e.ticket.id); }
      if (e.type === 'ticket:transferred') stats.transfers++;
    }
    // final tickets stay final; histories only grow
    const sameDay = r.state.day === before.day;
    for (const t of Object.values(r.state.tickets)) {
      const status = finals.get(t.id);
      if (status) check(t.status === status, () => `${t.number} left final status ${status} for ${t.status}`);
      else if (isFinal(t.status)) finals.set(t.id, t.status);
      const old = sameDay ? before.tickets[t.id] : undefined;
      if (old && old !== t) {
        check(t.history.length > old.history.length, () => `${t.number} changed without a history step`);
        old.history.forEach((h, i) => check(t.history[i] === h, () => `${t.number} history rewritten`));
      }
    }
    checkState(r.state, now);
    record(r.state);
    state = deepFreeze(r.state);
  }
}

describe('random command sequences', () => {
  it('keep every invariant over 200 seeded runs of 300 commands', () => {
    const stats: RunStats = { applied: 0, refused: 0, calls: 0, finished: 0, transfers: 0, days: 0 };
    for (let seed = 1; seed <= 200; seed++) runSequence(seed, 300, stats);
    // the runs must actually exercise the queue
    expect(stats.applied).toBeGreaterThan(15_000);
    expect(stats.refused).toBeGreaterThan(5_000);
    expect(stats.calls).toBeGreaterThan(3_000);
    expect(stats.finished).toBeGreaterThan(1_000);
    expect(stats.transfers).toBeGreaterThan(200);
    expect(stats.days).toBeGreaterThan(60);
  }, 120_000);
});
