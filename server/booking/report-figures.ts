// The booking figures of a range of days (core/booking/report.ts), in total and per day: the
// managers' reports API (report-api.ts) and the XLSX/CSV export (http/manager-api.ts) both read
// them here. Booked tickets are read from the live day or the stored days, to measure their waits
// from the slot's start.
import { bookingFigures } from '@core/booking/report.ts';
import type { BookingFigures } from '@core/booking/report.ts';
import { addDays } from '@core/booking/slots.ts';
import { bookedTicketOf } from '@core/hub-bookings.ts';
import type { Booking } from '@core/booking/types.ts';
import type { DayState } from '@core/ticket.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { Store } from '../store/store.ts';
import type { BookingService } from './booking-service.ts';

export interface BookingRange {
  from: string;
  to: string;
  total: BookingFigures;
  /** Days with at least one booking, in order. */
  days: { day: string; figures: BookingFigures }[];
}

export interface BookingFiguresDeps {
  bookings: Pick<BookingService, 'listDay'>;
  queue: Pick<QueueService, 'current'>;
  store: Pick<Store, 'readDay'>;
}

/** At most 366 days (the caller checks the range). */
export async function bookingFiguresOf(deps: BookingFiguresDeps, from: string, to: string): Promise<BookingRange> {
  const days: string[] = [];
  for (let d = from; d <= to && days.length < 366; d = addDays(d, 1)) days.push(d);
  const states = new Map<string, DayState | null>();
  const perDay: BookingRange['days'] = [];
  const all: Booking[] = [];
  const tickets = new Map<string, { issuedAt: number; calledAt: number | null }>();
  for (const d of days) {
    const list = deps.bookings.listDay(d);
    if (list.length === 0) continue;
    if (list.some((b) => b.ticketId) && !states.has(d)) {
      states.set(d, d === deps.queue.current.day ? deps.queue.current : await deps.store.readDay(d).catch(() => null));
    }
    for (const b of list) {
      const t = b.ticketId ? states.get(d)?.tickets[b.ticketId] : undefined;
      if (t) tickets.set(b.code, bookedTicketOf(t));
    }
    all.push(...list);
    perDay.push({ day: d, figures: bookingFigures(list, (b) => tickets.get(b.code) ?? null) });
  }
  return { from, to, total: bookingFigures(all, (b) => tickets.get(b.code) ?? null), days: perDay };
}
