// A booked appointment (đặt lịch hẹn): plain JSON, as the booking log stores it. The citizen's ID
// number never appears here: only its keyed hash (server/booking/id-key.ts), for limits and look-ups.

export const BOOKING_STATUSES = ['booked', 'cancelled', 'checked-in', 'no-show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Where a booking came from: the center's own /book page, or the provincial portal's API. */
export interface BookingSource {
  kind: 'web' | 'portal';
  /** The portal integration (API key's name) that made it; null for the web page. */
  integration: string | null;
  /** The caller's own reference: a repeated request with it returns the same booking. */
  reference: string | null;
}

export interface Booking {
  /** Short code the citizen shows or scans (core/booking/codes.ts). */
  code: string;
  serviceCode: string;
  procedureCode: string | null;
  /** Local day, YYYY-MM-DD. */
  day: string;
  slotStart: number;
  slotEnd: number;
  /** Normalised 0xxxxxxxxx. */
  phone: string;
  /** Keyed hash of the 12-digit CCCD number. */
  idHash: string;
  name: string | null;
  status: BookingStatus;
  source: BookingSource;
  /** The ticket issued at check-in. */
  ticketId: string | null;
  createdAt: number;
  updatedAt: number;
}

export type BookingChange = 'created' | 'moved' | 'cancelled' | 'checked-in' | 'no-show';

/** What a booked ticket carries (core/ticket.ts Ticket.booking). */
export interface TicketBooking {
  code: string;
  slotStart: number;
  slotEnd: number;
}

/**
 * A booking holding its place (counts against capacity and the per-person limits): every one but a
 * cancelled one. A no-show keeps counting: missing a slot frees nothing retroactively.
 */
export function holdsPlace(b: Pick<Booking, 'status'>): boolean {
  return b.status !== 'cancelled';
}
