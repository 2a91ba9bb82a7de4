// A site's bookings (đặt lịch hẹn) as the province hub gets them: one version of one booking per
// request, keyed by the booking's code, the revision growing with each change (made, moved,
// cancelled, checked in, missed, its ticket called). Only what the province counts travels: the
// service, the slot, the state, where it was made, and the booked ticket's number and times. The
// citizen's phone, name, ID number (or its hash) and the caller's own reference stay at the site.
// Pure: no I/O, no clock.
import { z } from 'zod';
import type { BookedTicket } from './booking/report.ts';
import { BOOKING_STATUSES } from './booking/types.ts';
import type { Booking } from './booking/types.ts';
import type { ConfigIndex } from './config.ts';
import type { Ticket } from './ticket.ts';

export const HUB_BOOKING_SCHEMA = 'luot.hub-booking/1';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD');
const Instant = z.number({ error: 'thời điểm phải là số mili giây' }).int('thời điểm phải là số nguyên mili giây').nonnegative();

/**
 * One version of a booking. Unknown fields are dropped by the hub (zod's default), so a site can
 * never make the hub keep something this list does not name.
 */
export const HubBooking = z.object({
  schema: z.literal(HUB_BOOKING_SCHEMA, { error: `phiên bản dữ liệu lịch hẹn phải là ${HUB_BOOKING_SCHEMA}` }),
  code: z.string().min(1, 'thiếu mã lịch hẹn').max(40, 'mã lịch hẹn dài tối đa 40 ký tự'),
  day: Day,
  slotStart: Instant,
  slotEnd: Instant,
  departmentCode: z.string().min(1, 'thiếu mã sở, ngành').max(60),
  departmentName: z.string().max(300),
  serviceCode: z.string().min(1, 'thiếu mã lĩnh vực').max(60),
  serviceName: z.string().max(300),
  procedureCode: z.string().max(120).nullable(),
  status: z.enum(BOOKING_STATUSES, { error: 'trạng thái lịch hẹn phải là booked, cancelled, checked-in hoặc no-show' }),
  /** Made on the center's own /book page or through the provincial portal's API (its key's name). */
  source: z.enum(['web', 'portal'], { error: 'nguồn đặt lịch phải là web hoặc portal' }),
  integration: z.string().max(120).nullable(),
  /** The ticket issued at check-in: its number, when it was issued, its first call. */
  ticket: z.object({ number: z.string().max(40), issuedAt: Instant, calledAt: Instant.nullable() }).nullable(),
  createdAt: Instant,
  updatedAt: Instant,
}).refine((b) => b.slotStart <= b.slotEnd, { message: 'giờ hẹn kết thúc trước khi bắt đầu', path: ['slotEnd'] });
export type HubBooking = z.infer<typeof HubBooking>;

/** POST /api/hub/bookings: one version of one booking. The site is the credential's, never the body's. */
export const BookingEnvelope = z.object({
  key: z.string().min(1, 'thiếu khóa').max(40, 'khóa dài tối đa 40 ký tự'),
  revision: z.number().int('phiên bản phải là số nguyên').positive('phiên bản phải lớn hơn 0'),
  booking: HubBooking,
}).refine((e) => e.booking.code === e.key, { message: 'Khóa không khớp với mã lịch hẹn', path: ['key'] });
export type BookingEnvelope = z.infer<typeof BookingEnvelope>;

/** What a booking report reads of a booked ticket, the same at a site and at the hub. */
export function bookedTicketOf(t: Pick<Ticket, 'issuedAt' | 'calledAt' | 'history'>): BookedTicket {
  return { issuedAt: t.issuedAt, calledAt: t.calledAt ?? t.history.find((h) => h.type === 'called')?.at ?? null };
}

/** The version of a booking the hub gets, with its ticket (null: none, or not found). */
export function hubBookingOf(b: Booking, index: ConfigIndex, ticket: Pick<Ticket, 'number' | 'issuedAt' | 'calledAt' | 'history'> | null): HubBooking {
  const service = index.service.get(b.serviceCode);
  const departmentCode = service?.departmentCode ?? '';
  return {
    schema: HUB_BOOKING_SCHEMA, code: b.code, day: b.day, slotStart: b.slotStart, slotEnd: b.slotEnd,
    departmentCode: departmentCode || '-', departmentName: index.department.get(departmentCode)?.nameVi ?? departmentCode,
    serviceCode: b.serviceCode, serviceName: service?.nameVi ?? b.serviceCode, procedureCode: b.procedureCode,
    status: b.status, source: b.source.kind, integration: b.source.integration,
    ticket: ticket ? { number: ticket.number, ...bookedTicketOf(ticket) } : null,
    createdAt: b.createdAt, updatedAt: b.updatedAt,
  };
}
