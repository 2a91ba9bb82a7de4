// Waiting figures shown to citizens: people ahead and an estimated wait.
//
// Estimate = people ahead × typical service time ÷ the service's share of the open counters.
// A counter serving several services gives each a share in proportion to its weights, so a
// counter that mostly does land records is not counted as a full counter for civil status.
import type { ConfigIndex } from './config.ts';
import type { DayState, Ticket } from './ticket.ts';
import { waitingTickets } from './ticket.ts';
import { fifo } from './call-rules.ts';

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

export function ticketPosition(state: DayState, index: ConfigIndex, ticket: Ticket): TicketPosition {
  const ahead = peopleAhead(state, ticket);
  if (ticket.status !== 'waiting') return { ahead: 0, etaMin: null };
  return {
    ahead,
    etaMin: eta(ahead, typicalServiceSec(state, index, ticket.serviceCode), openCapacity(state, index, ticket.serviceCode)),
  };
}
