// "Who is next for this counter": the one routing rule, shared by call-next and the estimates.
//
// Order of precedence, from DESIGN.md §3 and the users' complaints about other systems:
// 1. tickets transferred to this very counter (the citizen was already sent here by a colleague);
// 2. the maximum-wait rule: a ticket past its service's target wait, most overdue deadline first;
// 3. the normal:priority mix: while both kinds wait, one priority ticket after every N normal ones
//    (priority first when the counter has just opened), so neither kind starves;
// 4. within a kind, the highest weighted wait (waiting seconds × the counter's weight for the
//    service), so a low-weight service still gets its turn; FIFO among equals.
import type { ConfigIndex } from './config.ts';
import type { DayState, Ticket } from './ticket.ts';
import { waitingTickets } from './ticket.ts';
import { callWeight, fifo } from './call-rules.ts';
import { pickBookedOrWalkIn } from './booking/ordering.ts';

// fifo is defined with the callable-here rule; re-exported for the modules that order candidates.
export { fifo };

export interface RoutingCandidate {
  ticket: Ticket;
  weight: number;
}

/** Waiting tickets this counter may call (core/call-rules.ts), with the counter's weight for their service. */
export function candidatesFor(state: DayState, index: ConfigIndex, counterNumber: number): RoutingCandidate[] {
  const counter = index.counter.get(counterNumber);
  if (!counter) return [];
  const weights = new Map(counter.services.map((s) => [s.serviceCode, s.weight]));
  const out: RoutingCandidate[] = [];
  for (const ticket of waitingTickets(state)) {
    const weight = callWeight(ticket, counterNumber, weights);
    if (weight !== undefined) out.push({ ticket, weight });
  }
  return out;
}

function best(candidates: RoutingCandidate[], now: number): Ticket | null {
  let winner: RoutingCandidate | null = null;
  let winnerScore = -Infinity;
  for (const c of candidates) {
    const score = Math.max(0, now - c.ticket.queuedAt) * c.weight;
    if (!winner || score > winnerScore || (score === winnerScore && fifo(c.ticket, winner.ticket) < 0)) {
      winner = c;
      winnerScore = score;
    }
  }
  return winner?.ticket ?? null;
}

export function chooseNext(
  state: DayState,
  index: ConfigIndex,
  counterNumber: number,
  now: number,
): Ticket | null {
  const candidates = candidatesFor(state, index, counterNumber);
  if (candidates.length === 0) return null;

  const targeted = candidates.filter((c) => c.ticket.targetCounter === counterNumber);
  if (targeted.length > 0) return [...targeted].map((c) => c.ticket).sort(fifo)[0]!;

  if (index.config.routing.maxWaitRule) {
    let overdue: Ticket | null = null;
    let overdueDeadline = Infinity;
    for (const { ticket } of candidates) {
      const target = index.service.get(ticket.serviceCode)?.targetWaitMin;
      if (target === undefined) continue;
      const deadline = ticket.queuedAt + target * 60_000;
      if (deadline < now && (deadline < overdueDeadline || (deadline === overdueDeadline && overdue && fifo(ticket, overdue) < 0))) {
        overdue = ticket;
        overdueDeadline = deadline;
      }
    }
    if (overdue) return overdue;
  }

  const priority = candidates.filter((c) => c.ticket.priority !== null);
  const normal = candidates.filter((c) => c.ticket.priority === null);
  const counterState = state.counters[String(counterNumber)];
  const within = (kind: RoutingCandidate[]) => bestOfKind(kind, now, index, counterState?.bookedSinceWalkIn ?? 0);
  if (priority.length === 0) return within(normal);
  if (normal.length === 0) return within(priority);
  const mix = index.config.routing.normalPerPriority;
  const normalsSince = counterState?.normalsSincePriority ?? mix;
  return normalsSince >= mix ? within(priority) : within(normal);
}

/**
 * Within a kind (priority or normal): under the bookings' `ratio` rule, booked and walk-in tickets
 * take turns (core/booking/ordering.ts); otherwise, and when only one of them waits, `best`.
 */
function bestOfKind(candidates: RoutingCandidate[], now: number, index: ConfigIndex, bookedSinceWalkIn: number): Ticket | null {
  const bookings = index.config.bookings;
  if (bookings.queueRule !== 'ratio') return best(candidates, now);
  const booked = candidates.filter((c) => c.ticket.booking);
  const walkIn = candidates.filter((c) => !c.ticket.booking);
  if (booked.length === 0 || walkIn.length === 0) return best(candidates, now);
  return pickBookedOrWalkIn(bookedSinceWalkIn, bookings.bookedPerWalkIn) === 'booked' ? best(booked, now) : best(walkIn, now);
}
