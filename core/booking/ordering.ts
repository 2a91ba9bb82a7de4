// Where a booked ticket stands in the queue. Two rules, chosen in the configuration:
// - `slot-time` (default, Hà Nội's "one queue ordered by time"): the ticket is ordered as if it had
//   queued at its slot's start. A citizen who comes early waits for the slot (walk-ins who queued
//   before the slot's start go first); one who comes a few minutes late keeps the slot's place.
// - `ratio`: the ticket queues at arrival, and a counter calls `bookedPerWalkIn` booked tickets for
//   each walk-in while both kinds wait (routing.ts, via pickBookedOrWalkIn).
import type { TicketBooking } from './types.ts';

/** The queue time of a new ticket: its slot's start for a booking under `slot-time`, else now. */
export function bookedQueueTime(booking: TicketBooking | null, now: number, rule: 'slot-time' | 'ratio'): number {
  return booking && rule === 'slot-time' ? booking.slotStart : now;
}

/**
 * A booking's place was promised when it was made: the day's cap and the issuing window (a slot
 * at 11:15 checked in at 11:31 within its grace) do not refuse it. A closed service or day does.
 */
export function bypassesForBooking(code: string): boolean {
  return code === 'CAP_REACHED' || code === 'WINDOW_CLOSED';
}

/**
 * Under `ratio`: which kind a counter calls next while both wait — booked until it has called
 * `perWalkIn` of them since its last walk-in, then one walk-in.
 */
export function pickBookedOrWalkIn(bookedSinceWalkIn: number, perWalkIn: number): 'booked' | 'walk-in' {
  return bookedSinceWalkIn >= perWalkIn ? 'walk-in' : 'booked';
}

/** The counter's new count after calling a ticket (booked or not), capped like normalsSincePriority. */
export function nextBookedCount(before: number, calledBooked: boolean, perWalkIn: number): number {
  return calledBooked ? Math.min(before + 1, perWalkIn) : 0;
}
