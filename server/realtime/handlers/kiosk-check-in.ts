// "Tôi đã đặt lịch" at the kiosk: a booking code (typed, or scanned from the booking's QR) or the
// chip ID card's QR → a ticket for the booked service, placed in the queue by the booking rule
// (core/booking/ordering.ts). Refusals say plainly why: unknown code, another center's, another
// day, cancelled, already checked in, too late (then a walk-in ticket is still possible).
// A repeated requestId returns the same ticket; a crash between issuing the ticket and recording
// the check-in is healed by finding the day's ticket that already carries the booking's code.
import { parseBookingScan } from '@core/booking/codes.ts';
import { parseCccdQr } from '@core/booking/cccd-qr.ts';
import type { Booking, TicketBooking } from '@core/booking/types.ts';
import type { Lang } from '@core/i18n.ts';
import type { BookingCheckInResult, CommandPayload, KioskIssuedTicket } from '@core/protocol.ts';
import { Refusal } from '@core/refusal.ts';
import type { Ticket } from '@core/ticket.ts';
import { localDay, localTimeOfDay } from '@core/time.ts';
import { displayDay } from '@core/booking/slots.ts';
import { priorityByAge } from '@core/age-priority.ts';
import type { BookingService } from '../../booking/booking-service.ts';
import type { LiveConfig } from '../../config/live-config.ts';
import type { Clock } from '../../deps.ts';
import type { QueueService } from '../../queue/queue-service.ts';
import type { SocketCommands } from '../command.ts';

export interface CheckInDeps {
  bookings: BookingService;
  queue: Pick<QueueService, 'current' | 'ticket'>;
  config: LiveConfig;
  clock: Clock;
}

/** Issues (or finds again) the booking's ticket, as `ticket:issue` does, with its print. */
export type IssueBooked = (p: {
  serviceCode: string; procedureCode: string | null; requestId: string; lang: Lang; booking: TicketBooking; phone: string;
  /** From the ID card's birth date when the age rule is on (core/age-priority.ts). */
  priority: string | null;
}) => Promise<KioskIssuedTicket | Refusal>;

const MIN = 60_000;

export function registerCheckIn(
  deps: CheckInDeps, commands: SocketCommands, issueBooked: IssueBooked, shown: (ticket: Ticket, lang: Lang) => KioskIssuedTicket,
): void {
  // One check-in per booking at a time: two kiosks scanning the same code wait for each other.
  const inFlight = new Map<string, Promise<BookingCheckInResult | Refusal>>();

  const checkIn = async (b: Booking, requestId: string, lang: Lang, priority: string | null): Promise<BookingCheckInResult | Refusal> => {
    const now = deps.clock.now();
    const ticketBooking: TicketBooking = { code: b.code, slotStart: b.slotStart, slotEnd: b.slotEnd };
    if (b.status === 'cancelled') return new Refusal('BOOKING_CANCELLED');
    if (b.status === 'checked-in') {
      const t = b.ticketId ? deps.queue.ticket(b.ticketId) : undefined;
      if (t && t.source.requestId === requestId) return { ...shown(t, lang), booking: ticketBooking };
      return new Refusal('BOOKING_CHECKED_IN', { number: t?.number ?? '' });
    }
    if (b.day !== localDay(now)) return new Refusal('BOOKING_OTHER_DAY', { day: displayDay(b.day) });
    const graceMin = deps.config.index.config.bookings.graceMin;
    if (now > b.slotStart + graceMin * MIN) return new Refusal('BOOKING_TOO_LATE', { minutes: graceMin, time: localTimeOfDay(b.slotStart) });
    if (b.status === 'no-show') return new Refusal('BOOKING_MISSED');
    // A ticket already issued for it (the process died before the check-in was recorded).
    const earlier = Object.values(deps.queue.current.tickets).find((t) => t.booking?.code === b.code);
    const issued = earlier
      ? { ...shown(earlier, lang) }
      : await issueBooked({ serviceCode: b.serviceCode, procedureCode: b.procedureCode, requestId, lang, booking: ticketBooking, phone: b.phone, priority });
    if (issued instanceof Refusal) return issued;
    await deps.bookings.checkedIn(b.code, issued.ticket.id);
    return { ...issued, booking: ticketBooking };
  };

  const once = (b: Booking, requestId: string, lang: Lang, priority: string | null = null) => {
    const running = inFlight.get(b.code);
    if (running) return running.then(() => checkIn(deps.bookings.get(b.code)!, requestId, lang, priority));
    const answer = checkIn(b, requestId, lang, priority).finally(() => inFlight.delete(b.code));
    inFlight.set(b.code, answer);
    return answer;
  };

  commands.on('booking:check-in', async (p: CommandPayload<'booking:check-in'>) => {
    if ('code' in p) {
      const scan = parseBookingScan(p.code);
      if (!scan) return new Refusal('BOOKING_NOT_FOUND');
      if (scan.centerTag !== null && scan.centerTag !== deps.bookings.centerTag) return new Refusal('BOOKING_OTHER_CENTER');
      const b = deps.bookings.get(scan.code);
      if (!b) return new Refusal('BOOKING_NOT_FOUND');
      return once(b, p.requestId, p.lang);
    }
    const card = parseCccdQr(p.cccdQr);
    if ('problem' in card) return new Refusal('CCCD_QR_INVALID');
    const today = deps.bookings.ofPersonOn(deps.bookings.hashId(card.number), localDay(deps.clock.now()));
    const open = today.filter((b) => b.status === 'booked');
    if (open.length > 1) {
      const names = deps.config.index.service;
      return { choices: open.map((b) => ({ code: b.code, serviceName: names.get(b.serviceCode)?.nameVi ?? b.serviceCode, slotStart: b.slotStart })) };
    }
    // One booking left to check in; else the one this request already checked in; else why not.
    const b = open[0] ?? today.find((x) => x.status === 'checked-in') ?? today[0];
    if (!b) return new Refusal('BOOKING_NONE_TODAY');
    // The card's birth date may give the elderly priority (off unless configured); the date is used here and not kept.
    const priority = priorityByAge(deps.config.index.config.kiosk.agePriority, card.birthDate, localDay(deps.clock.now()));
    return once(b, p.requestId, p.lang, priority);
  });
}
