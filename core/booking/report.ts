// Booking figures for the managers' reports: bookings made, honoured (checked in), missed,
// cancelled; the on-time share (checked in by the slot's start); and the wait of booked tickets
// measured from the slot's start (what the citizen was promised), not from their arrival.
import { median, percentile } from '../statistics.ts';
import type { Booking } from './types.ts';

/** What the report reads of a booked ticket. */
export interface BookedTicket {
  issuedAt: number;
  calledAt: number | null;
}

export interface BookingFigures {
  made: number;
  honoured: number;
  noShow: number;
  cancelled: number;
  /** Still to come (booked, slot not over). */
  open: number;
  /** Share of honoured bookings checked in at or before the slot's start; null when none. */
  onTimeShare: number | null;
  /** Booked tickets' waits, slot start → first call (0 when called before the slot). */
  waitFromSlot: { count: number; avgSec: number | null; medianSec: number | null; p90Sec: number | null };
}

/** Also used by the province hub over the bookings the sites sent (hub/bookings-report.ts): one definition. */
export function bookingFigures<B extends Pick<Booking, 'status' | 'slotStart'>>(bookings: Iterable<B>, ticketOf: (b: B) => BookedTicket | null): BookingFigures {
  let made = 0, honoured = 0, noShow = 0, cancelled = 0, open = 0, onTime = 0;
  const waits: number[] = [];
  for (const b of bookings) {
    made += 1;
    if (b.status === 'cancelled') cancelled += 1;
    else if (b.status === 'no-show') noShow += 1;
    else if (b.status === 'booked') open += 1;
    else {
      honoured += 1;
      const t = ticketOf(b);
      if (t && t.issuedAt <= b.slotStart) onTime += 1;
      if (t?.calledAt != null) waits.push(Math.max(0, Math.round((t.calledAt - b.slotStart) / 1000)));
    }
  }
  const sorted = Float64Array.from(waits).sort();
  return {
    made, honoured, noShow, cancelled, open,
    onTimeShare: honoured === 0 ? null : onTime / honoured,
    waitFromSlot: {
      count: waits.length,
      avgSec: waits.length === 0 ? null : waits.reduce((s, x) => s + x, 0) / waits.length,
      medianSec: waits.length === 0 ? null : median(sorted),
      p90Sec: waits.length === 0 ? null : percentile(sorted, 90),
    },
  };
}

/**
 * Share of the bookings whose time came that were honoured: checked in ÷ (checked in + missed).
 * Cancelled bookings and those still to come are left out. Null when none came due.
 */
export function showUpShare(f: Pick<BookingFigures, 'honoured' | 'noShow'>): number | null {
  const due = f.honoured + f.noShow;
  return due === 0 ? null : f.honoured / due;
}
