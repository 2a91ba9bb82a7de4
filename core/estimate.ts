// Waiting figures shown to citizens: people ahead and an estimated wait.
//
// The lobby's per-service figure (allServiceFigures) is the first, simple estimate: people waiting
// × typical (median) service time ÷ the service's share of the open counters, a counter's share
// fixed by its weights. A citizen's own estimate (on the ticket, the status page) is the measured,
// better one (estimateWaitMin: core/estimate-projection.ts runs the center's routing forward in
// time); tests/bench/plan-bench.ts compares the three on a year of days, per hour of issue.
import type { ConfigIndex } from './config.ts';
import type { DayState, Ticket } from './ticket.ts';
import { waitingTickets } from './ticket.ts';
import { fifo } from './call-rules.ts';
import { CALL_OVERHEAD_SEC, meanServiceSec, projectWaitMs } from './estimate-projection.ts';

export { meanServiceSec };

const RECENT_SAMPLES = 20;

export interface ServiceFigures {
  serviceCode: string;
  waiting: number;
  priorityWaiting: number;
  /** Oldest waiting ticket's wait in seconds (0 when nobody waits). */
  longestWaitSec: number;
  /** Open counters' capacity for this service, in counters (fractional). */
  openCapacity: number;
  /** Typical service time in seconds (recent median, or the configured default). */
  serviceSec: number;
  /** Estimated wait for a ticket taken now, in minutes; null when no counter serving it is open. */
  etaMin: number | null;
  issuedToday: number;
}

export function typicalServiceSec(state: DayState, index: ConfigIndex, serviceCode: string): number {
  const samples = state.recentServiceSec[serviceCode] ?? [];
  if (samples.length === 0) return (index.service.get(serviceCode)?.defaultServiceMin ?? 8) * 60;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function recordServiceTime(samples: number[] | undefined, seconds: number): number[] {
  return [...(samples ?? []), seconds].slice(-RECENT_SAMPLES);
}

export function openCapacity(state: DayState, index: ConfigIndex, serviceCode: string): number {
  let capacity = 0;
  for (const counter of index.countersOfService.get(serviceCode) ?? []) {
    if (state.counters[String(counter.number)]?.status !== 'open') continue;
    const total = counter.services.reduce((sum, s) => sum + s.weight, 0);
    const mine = counter.services.find((s) => s.serviceCode === serviceCode)?.weight ?? 0;
    capacity += mine / total;
  }
  return capacity;
}

function eta(ahead: number, serviceSec: number, capacity: number): number | null {
  if (capacity <= 0) return null;
  return Math.ceil((ahead * serviceSec) / capacity / 60);
}

/** Figures for every service in one pass over the day's tickets. */
export function allServiceFigures(state: DayState, index: ConfigIndex, now: number): ServiceFigures[] {
  const waiting = new Map<string, { n: number; p: number; oldest: number }>();
  for (const t of waitingTickets(state)) {
    const w = waiting.get(t.serviceCode) ?? { n: 0, p: 0, oldest: now };
    w.n += 1;
    if (t.priority) w.p += 1;
    w.oldest = Math.min(w.oldest, t.queuedAt);
    waiting.set(t.serviceCode, w);
  }
  return index.config.services.map((s) => {
    const w = waiting.get(s.code) ?? { n: 0, p: 0, oldest: now };
    const serviceSec = typicalServiceSec(state, index, s.code);
    const capacity = openCapacity(state, index, s.code);
    return {
      serviceCode: s.code,
      waiting: w.n,
      priorityWaiting: w.p,
      longestWaitSec: Math.max(0, Math.round((now - w.oldest) / 1000)),
      openCapacity: capacity,
      serviceSec,
      etaMin: eta(w.n, serviceSec, capacity),
      issuedToday: state.sequences[s.prefix] ?? 0,
    };
  });
}

export function serviceFigures(state: DayState, index: ConfigIndex, serviceCode: string, now: number): ServiceFigures | null {
  return allServiceFigures(state, index, now).find((f) => f.serviceCode === serviceCode) ?? null;
}

/** Tickets of the same service likely to be called before this one. */
export function peopleAhead(state: DayState, ticket: Ticket): number {
  if (ticket.status !== 'waiting') return 0;
  let ahead = 0;
  for (const other of waitingTickets(state)) {
    if (other.id === ticket.id || other.serviceCode !== ticket.serviceCode) continue;
    if (other.targetCounter !== null && other.targetCounter !== ticket.targetCounter) continue;
    const sameKind = (other.priority === null) === (ticket.priority === null);
    const otherFirst = (other.priority !== null && ticket.priority === null) || (sameKind && fifo(other, ticket) < 0);
    if (otherFirst) ahead += 1;
  }
  return ahead;
}

export interface TicketPosition {
  ahead: number;
  etaMin: number | null;
}

/** Where a ticket stands at `now`: the status page's figures, from the same estimator as the ticket's. */
export function ticketPosition(state: DayState, index: ConfigIndex, ticket: Ticket, now: number): TicketPosition {
  const ahead = peopleAhead(state, ticket);
  if (ticket.status !== 'waiting') return { ahead: 0, etaMin: null };
  return { ahead, etaMin: estimateWaitMin(state, index, ticket.serviceCode, ticket.priority, now, ticket.id) };
}

/** The first estimator (people ahead × median ÷ weight share), kept to measure the new one against. */
export function simpleWaitMin(state: DayState, index: ConfigIndex, serviceCode: string, ahead: number): number | null {
  return eta(ahead, typicalServiceSec(state, index, serviceCode), openCapacity(state, index, serviceCode));
}

/** People a ticket issued now would have ahead of it (peopleAhead for the newest ticket). */
export function aheadOfNew(state: DayState, serviceCode: string, priority: string | null): number {
  let ahead = 0;
  for (const other of waitingTickets(state)) {
    if (other.serviceCode !== serviceCode || other.targetCounter !== null) continue;
    if (priority === null || other.priority !== null) ahead += 1;
  }
  return ahead;
}

/** The estimate recorded on a ticket as it is issued at `now` (the state before it is added). */
export function issueEstimate(state: DayState, index: ConfigIndex, serviceCode: string, priority: string | null, now: number): number | null {
  return estimateWaitMin(state, index, serviceCode, priority, now, null);
}

/**
 * The citizen's estimate in whole minutes, on the ticket at issue and on the status page after:
 * the queue projected forward with the center's routing, sessions and today's pace of arrivals
 * (core/estimate-projection.ts). `selfId` names a ticket already waiting; null for one issued now.
 */
export function estimateWaitMin(
  state: DayState, index: ConfigIndex, serviceCode: string, priority: string | null, now: number, selfId: string | null,
): number | null {
  const ms = projectWaitMs(state, index, serviceCode, priority, now, selfId);
  return ms === null ? null : Math.round(ms / 60_000);
}

/**
 * The second estimator (the one before the projection), kept to measure against: queue only,
 * blind to the time of day. From what the history showed the first one gets wrong:
 * - a counter's share of a service follows what is actually waiting (weight × queue), not its
 *   weights alone: a counter whose other queues are empty works on this one full time;
 * - idle counters take the first people ahead at once; busy ones free up after about
 *   S ÷ (capacity + 1) on average (the first of several running services to end);
 * - S is the mean of recent services plus the call's walk, since waits add up means.
 */
export function queueShareWaitMin(
  state: DayState, index: ConfigIndex, serviceCode: string, ahead: number,
  /** Whether the ticket estimated for is already in the day's waiting tickets. */
  inQueue: boolean,
): number | null {
  const queued = new Map<string, number>();
  for (const t of waitingTickets(state)) if (t.targetCounter === null) queued.set(t.serviceCode, (queued.get(t.serviceCode) ?? 0) + 1);
  let capacity = 0;
  let idle = 0;
  for (const counter of index.countersOfService.get(serviceCode) ?? []) {
    const live = state.counters[String(counter.number)];
    if (live?.status !== 'open') continue;
    let total = 0;
    let mine = 0;
    for (const s of counter.services) {
      // the citizen being estimated counts in their own queue
      const self = s.serviceCode === serviceCode && !inQueue ? 1 : 0;
      const demand = s.weight * ((queued.get(s.serviceCode) ?? 0) + self);
      total += demand;
      if (s.serviceCode === serviceCode) mine = demand;
    }
    capacity += total > 0 ? mine / total : 0;
    const current = live.currentTicketId === null ? undefined : state.tickets[live.currentTicketId];
    if (current?.status !== 'called' && current?.status !== 'serving') idle += 1;
  }
  if (capacity <= 0) return null;
  const perTicket = meanServiceSec(state, index, serviceCode) + CALL_OVERHEAD_SEC;
  const queuedAhead = Math.max(0, ahead - idle);
  const firstFree = idle > ahead ? 0 : perTicket / (capacity + 1);
  return Math.round((firstFree + (queuedAhead * perTicket) / capacity) / 60);
}
