// The queue engine: apply(state, config, command, now) → new state and events, or a refusal;
// decide() gives the same outcome as a set of changes. Pure: no I/O, no clock, no randomness.
// The input state is never mutated. Each command's rules live in its handler (core/handlers/).
import type { ConfigIndex } from './config.ts';
import type { ApplyResult, Command, DayChanges, Decision, DomainEvent } from './commands.ts';
import { Refusal } from './refusal.ts';
import type { CounterState, DayState, Ticket } from './ticket.ts';
import { detachWaitingIndex, emptyDay, isFinal } from './ticket.ts';
import { Draft } from './draft.ts';
import { localDay, localInstant, nextLocalMidnight } from './time.ts';
import type { EngineCommand } from './handlers/index.ts';
import { run } from './handlers/index.ts';

/** End a day: unfinished tickets expire, counters close. Returns the final state of that day. */
export function closeDay(state: DayState, now: number): DayState {
  // A ticket expires at the end of its own day, even when the server first runs days later.
  const end = Math.min(now, nextLocalMidnight(localInstant(state.day, '00:00')));
  const tickets: Record<string, Ticket> = {};
  for (const [id, t] of Object.entries(state.tickets)) {
    tickets[id] = isFinal(t.status) ? t : {
      ...t, status: 'cancelled', endReason: 'expired', finishedAt: end,
      history: [...t.history, { at: end, type: 'expired' }],
    };
  }
  const counters: Record<string, CounterState> = {};
  for (const [key, c] of Object.entries(state.counters)) {
    counters[key] = { ...c, status: 'closed', officerId: null, currentTicketId: null, pauseReason: null, since: now };
  }
  return detachWaitingIndex({ ...state, tickets, counters });
}

export interface Rollover {
  /** Yesterday (or the last day the state was on), closed: unfinished tickets expired. */
  closedDay: DayState;
  /** Today, empty. */
  state: DayState;
  events: DomainEvent[];
}

/**
 * Crossing local midnight: the state's day is closed and today starts empty; null while `now` is
 * on the state's day. Only forwards: a clock stepped back over midnight (NTP) must not expire
 * today's queue and restart its numbering (YYYY-MM-DD strings compare in calendar order).
 * apply() and the server (QueueService) both roll over through this.
 */
export function rollover(state: DayState, now: number): Rollover | null {
  const today = localDay(now);
  if (today <= state.day) return null;
  return { closedDay: closeDay(state, now), state: emptyDay(today), events: [{ type: 'day:started', day: today }] };
}

/** A day with a command's changes applied, as a new value (the input is not touched). */
export function evolve(state: DayState, changes: DayChanges): DayState {
  const tickets = changes.tickets.length > 0 ? { ...state.tickets } : state.tickets;
  for (const t of changes.tickets) tickets[t.id] = t;
  const counters = changes.counters.length > 0 ? { ...state.counters } : state.counters;
  for (const c of changes.counters) counters[String(c.number)] = c;
  // An index of the old day would be stale for the new one: the new value goes without.
  return detachWaitingIndex({
    ...state, tickets, counters,
    sequences: changes.sequences ?? state.sequences,
    recentServiceSec: changes.recentServiceSec ? { ...state.recentServiceSec, ...changes.recentServiceSec } : state.recentServiceSec,
  });
}

/**
 * The command's outcome without building the new day: what changed and the events. The server
 * applies `changes` to its own copy (cost independent of the day's size); tests use apply().
 * The state must already be on today's local day (roll over first).
 */
export function decide(state: DayState, index: ConfigIndex, cmd: EngineCommand, now: number): Decision {
  if (localDay(now) > state.day) return { ok: false, code: 'DAY_CHANGED', params: {} };
  const d = new Draft(state, index, now);
  try {
    const ticket = run(d, cmd);
    const counter = 'counter' in cmd ? d.state.counters[String(cmd.counter)] ?? null : null;
    return { ok: true, changes: d.changes(), events: d.events, ticket, counter };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, code: e.code, params: e.params };
    throw e;
  }
}

export function apply(state: DayState, index: ConfigIndex, cmd: Command, now: number): ApplyResult {
  const rolled = rollover(state, now);
  const base = rolled?.state ?? state;
  const closedDay = rolled?.closedDay ?? null;
  const events: DomainEvent[] = rolled?.events ?? [];
  if (cmd.type === 'rollover') {
    return { ok: true, state: base, events, ticket: null, counter: null, closedDay, changes: { tickets: [], counters: [] } };
  }
  const decision = decide(base, index, cmd, now);
  if (!decision.ok) return decision;
  return {
    ok: true, state: evolve(base, decision.changes), events: [...events, ...decision.events],
    ticket: decision.ticket, counter: decision.counter, closedDay, changes: decision.changes,
  };
}
