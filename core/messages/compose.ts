// From what happened (a call, a queue move, a booking) to the message due: its idempotency key,
// the citizen's phone, the values of its placeholders, how long it stays worth sending. Pure.
import type { ConfigIndex } from '../config.ts';
import { peopleAhead } from '../estimate.ts';
import type { DayState, Ticket } from '../ticket.ts';
import { waitingTickets } from '../ticket.ts';
import { localDay, localTimeOfDay } from '../time.ts';
import type { MessageKind } from './templates.ts';

/** What the messages need of a booking (the bookings part owns the full record). */
export interface BookingForMessage {
  code: string;
  serviceCode: string;
  /** Local day, YYYY-MM-DD. */
  day: string;
  /** Epoch ms of the slot's start and end. */
  slotStart: number;
  slotEnd: number;
  /** 0xxxxxxxxx. */
  phone: string;
  status: string;
  createdAt?: number;
}

export interface DueMessage {
  /** Idempotency key: one message per (kind, ticket or booking), whatever happens. */
  key: string;
  kind: MessageKind;
  phone: string;
  day: string;
  values: Record<string, string>;
  /** After this a message is no longer worth sending (a call two hours late misleads). */
  expiresAt: number;
}

const MIN = 60_000;
/** A call or a "còn 3 người" stays useful this long; a confirmation a day; a reminder until its slot. */
export const TICKET_MESSAGE_LIFE_MS = 30 * MIN;
export const CONFIRMATION_LIFE_MS = 24 * 60 * MIN;

/** A ticket sent to another service is called again: that call is a message of its own. */
const ticketKey = (kind: MessageKind, t: Ticket) => `${kind}:${t.id}#${t.transfers.length}`;
/** A moved booking is confirmed and reminded again for its new slot. */
const bookingKey = (kind: MessageKind, b: BookingForMessage) => `${kind}:${b.code}@${b.slotStart}`;

function ticketValues(index: ConfigIndex, t: Ticket): Record<string, string> {
  return { number: t.number, service: index.service.get(t.serviceCode)?.nameVi ?? t.serviceCode, center: index.config.center.nameVi };
}

export function callMessage(index: ConfigIndex, t: Ticket, counter: number, now: number): DueMessage | null {
  if (!t.phone) return null;
  return {
    key: ticketKey('call', t), kind: 'call', phone: t.phone, day: t.day,
    values: { ...ticketValues(index, t), counter: String(counter) }, expiresAt: now + TICKET_MESSAGE_LIFE_MS,
  };
}

export function nearTurnMessage(index: ConfigIndex, t: Ticket, ahead: number, now: number): DueMessage | null {
  if (!t.phone) return null;
  return {
    key: ticketKey('near-turn', t), kind: 'near-turn', phone: t.phone, day: t.day,
    values: { ...ticketValues(index, t), ahead: String(ahead) }, expiresAt: now + TICKET_MESSAGE_LIFE_MS,
  };
}

export function nearTurnKey(t: Ticket): string {
  return ticketKey('near-turn', t);
}

/**
 * Waiting tickets with a phone that now have between 1 and `threshold` people ahead (0 ahead: the
 * call itself is next). Only the services given are looked at: a move elsewhere changes nothing.
 */
export function nearTurnDue(state: DayState, threshold: number, services: ReadonlySet<string>, sent: (key: string) => boolean): { ticket: Ticket; ahead: number }[] {
  const due: { ticket: Ticket; ahead: number }[] = [];
  for (const t of waitingTickets(state)) {
    if (!t.phone || !services.has(t.serviceCode) || sent(nearTurnKey(t))) continue;
    const ahead = peopleAhead(state, t);
    if (ahead >= 1 && ahead <= threshold) due.push({ ticket: t, ahead });
  }
  return due;
}

function bookingValues(index: ConfigIndex, b: BookingForMessage): Record<string, string> {
  const [y, m, d] = localDay(b.slotStart).split('-');
  return {
    code: b.code, service: index.service.get(b.serviceCode)?.nameVi ?? b.serviceCode,
    date: `${d}/${m}/${y}`, time: localTimeOfDay(b.slotStart), center: index.config.center.nameVi,
  };
}

export function confirmationMessage(index: ConfigIndex, b: BookingForMessage, now: number): DueMessage {
  return {
    key: bookingKey('booking-confirmation', b), kind: 'booking-confirmation', phone: b.phone, day: localDay(now),
    values: bookingValues(index, b), expiresAt: Math.min(b.slotStart, now + CONFIRMATION_LIFE_MS),
  };
}

export function reminderMessage(index: ConfigIndex, b: BookingForMessage, now: number): DueMessage {
  return {
    key: bookingKey('booking-reminder', b), kind: 'booking-reminder', phone: b.phone, day: localDay(now),
    values: bookingValues(index, b), expiresAt: b.slotStart,
  };
}

/** A booking cancelled (by the citizen with code and phone, or by the portal): said once, while the slot is still ahead. */
export function cancellationMessage(index: ConfigIndex, b: BookingForMessage, now: number): DueMessage {
  return {
    key: `booking-cancelled:${b.code}`, kind: 'booking-cancelled', phone: b.phone, day: localDay(now),
    values: bookingValues(index, b), expiresAt: Math.min(b.slotStart, now + CONFIRMATION_LIFE_MS),
  };
}

export function confirmationKey(b: BookingForMessage): string {
  return bookingKey('booking-confirmation', b);
}
