// Slots and free places: which slots a service offers on a day, how many places each still has, and
// whether a booking for one may be made now. Pure: the caller passes the day's bookings and `now`.
import type { ConfigIndex } from '../config.ts';
import { Refusal } from '../refusal.ts';
import { localDay, localInstant, localTimeOfDay, VN_OFFSET_MS } from '../time.ts';
import type { BookingSettings, SlotRule } from './settings.ts';
import { ruleFor } from './settings.ts';
import type { Booking } from './types.ts';
import { holdsPlace } from './types.ts';

const MIN = 60_000;
const DAY_MS = 24 * 60 * MIN;

export interface Slot {
  start: number;
  end: number;
  /** Places still bookable in this slot (after the walk-in share of its hour). */
  free: number;
}

/** ISO weekday of a local day YYYY-MM-DD. */
export function weekdayOf(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The local day `n` days after `day`. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Why a service has no slots on a day, or its rule when it has. */
export function bookableDay(index: ConfigIndex, settings: BookingSettings, serviceCode: string, day: string): SlotRule | Refusal {
  const service = index.service.get(serviceCode);
  if (!service) return new Refusal('UNKNOWN_SERVICE', { service: serviceCode });
  const rule = ruleFor(settings, serviceCode);
  if (!settings.enabled || !service.active || !rule.enabled) return new Refusal('BOOKING_NOT_BOOKABLE', { service: service.nameVi });
  if (!rule.workingDays.includes(weekdayOf(day)) || settings.holidays.includes(day) || index.config.center.holidays.includes(day)) {
    return new Refusal('BOOKING_DAY_CLOSED', { day: displayDay(day) });
  }
  return rule;
}

/** Start and end of every slot of a service on a day: each issuing window cut into slotMin pieces. */
export function slotTimes(index: ConfigIndex, rule: SlotRule, serviceCode: string, day: string): { start: number; end: number }[] {
  const service = index.service.get(serviceCode);
  if (!service) return [];
  const windows = [...(service.windows ?? index.config.center.defaultWindows)].sort((a, b) => a.start.localeCompare(b.start));
  const out: { start: number; end: number }[] = [];
  for (const w of windows) {
    const end = localInstant(day, w.end);
    for (let t = localInstant(day, w.start); t + rule.slotMin * MIN <= end; t += rule.slotMin * MIN) {
      out.push({ start: t, end: t + rule.slotMin * MIN });
    }
  }
  return out;
}

/** The local hour a slot starts in: the unit the walk-in share is kept per. */
function hourOf(t: number): number {
  return Math.floor((t + VN_OFFSET_MS) / (60 * MIN));
}

/** Bookings holding a place, per slot start and per local hour. */
function taken(bookings: Iterable<Booking>): { perSlot: Map<number, number>; perHour: Map<number, number> } {
  const perSlot = new Map<number, number>();
  const perHour = new Map<number, number>();
  for (const b of bookings) {
    if (!holdsPlace(b)) continue;
    perSlot.set(b.slotStart, (perSlot.get(b.slotStart) ?? 0) + 1);
    perHour.set(hourOf(b.slotStart), (perHour.get(hourOf(b.slotStart)) ?? 0) + 1);
  }
  return { perSlot, perHour };
}

/** What each local hour of these slots still has for bookings: its places after the walk-in share, less those booked. */
function hoursLeft(times: { start: number }[], rule: SlotRule, perHour: Map<number, number>): Map<number, number> {
  const slotsInHour = new Map<number, number>();
  for (const s of times) slotsInHour.set(hourOf(s.start), (slotsInHour.get(hourOf(s.start)) ?? 0) + 1);
  const left = new Map<number, number>();
  for (const [hour, slots] of slotsInHour) {
    left.set(hour, Math.floor((rule.capacity * slots * (100 - rule.walkInSharePct)) / 100) - (perHour.get(hour) ?? 0));
  }
  return left;
}

/**
 * Free places of each slot. A slot takes `capacity` citizens; of each hour's places
 * (capacity × its slots) `walkInSharePct` percent stay for walk-ins, so a slot's free places are
 * the smaller of what the slot and what its hour still have for bookings.
 */
export function freePlaces(times: { start: number; end: number }[], rule: SlotRule, bookings: Iterable<Booking>): Slot[] {
  const { perSlot, perHour } = taken(bookings);
  const left = hoursLeft(times, rule, perHour);
  return times.map((s) => {
    const free = Math.min(rule.capacity - (perSlot.get(s.start) ?? 0), left.get(hourOf(s.start))!);
    return { start: s.start, end: s.end, free: Math.max(0, free) };
  });
}

/**
 * How many citizens can still book a day: its slots' free places (a slot closed for booking given
 * at 0), but no hour more than it has left, since the slots of an hour share that. The sum of the
 * slots' free places counts an hour's places once per slot.
 */
export function placesOnDay(slots: Slot[], rule: SlotRule, bookings: Iterable<Booking>): number {
  const left = hoursLeft(slots, rule, taken(bookings).perHour);
  const freeInHour = new Map<number, number>();
  for (const s of slots) freeInHour.set(hourOf(s.start), (freeInHour.get(hourOf(s.start)) ?? 0) + s.free);
  let places = 0;
  for (const [hour, free] of freeInHour) places += Math.max(0, Math.min(free, left.get(hour)!));
  return places;
}

/** Whether a slot may be booked (or a booking moved to it) at `now`, ignoring its places. */
export function checkSlotTime(rule: SlotRule, slotStart: number, now: number): Refusal | null {
  if (slotStart <= now) return new Refusal('BOOKING_SLOT_PAST');
  if (slotStart - rule.cutoffMin * MIN < now) return new Refusal('BOOKING_CUTOFF', { minutes: rule.cutoffMin });
  const last = addDays(localDay(now), rule.daysAhead);
  if (localDay(slotStart) > last) return new Refusal('BOOKING_TOO_FAR', { days: rule.daysAhead });
  return null;
}

/** Same person: the same ID number's hash or the same phone. */
export function samePerson(b: Pick<Booking, 'idHash' | 'phone'>, who: { idHash: string; phone: string }): boolean {
  return b.idHash === who.idHash || b.phone === who.phone;
}

/** The per-person limits over one day's bookings (`except`: the booking being moved). */
export function checkLimits(
  settings: BookingSettings, dayBookings: Iterable<Booking>, who: { idHash: string; phone: string; serviceCode: string }, except: string | null = null,
): Refusal | null {
  let day = 0;
  let service = 0;
  for (const b of dayBookings) {
    if (b.code === except || !holdsPlace(b) || !samePerson(b, who)) continue;
    day += 1;
    if (b.serviceCode === who.serviceCode) service += 1;
  }
  if (day >= settings.perPersonPerDay) return new Refusal('BOOKING_LIMIT_DAY', { limit: settings.perPersonPerDay });
  if (service >= settings.perPersonPerService) return new Refusal('BOOKING_LIMIT_SERVICE', { limit: settings.perPersonPerService });
  return null;
}

export interface SlotRequest {
  serviceCode: string;
  slotStart: number;
  idHash: string;
  phone: string;
}

/**
 * The whole check of a new booking (or a move, with `except` = its code) against the day's
 * bookings: bookable day, a real slot, its time, the person's limits, a free place.
 * Returns the slot when it may be taken.
 */
export function checkBooking(
  index: ConfigIndex, settings: BookingSettings, dayBookings: Booking[], req: SlotRequest, now: number, except: string | null = null,
): { start: number; end: number } | Refusal {
  const day = localDay(req.slotStart);
  const rule = bookableDay(index, settings, req.serviceCode, day);
  if (rule instanceof Refusal) return rule;
  const times = slotTimes(index, rule, req.serviceCode, day);
  const slot = times.find((s) => s.start === req.slotStart);
  if (!slot) return new Refusal('BOOKING_SLOT_UNKNOWN', { time: localTimeOfDay(req.slotStart) });
  const late = checkSlotTime(rule, slot.start, now);
  if (late) return late;
  const limit = checkLimits(settings, dayBookings, { ...req }, except);
  if (limit) return limit;
  const others = dayBookings.filter((b) => b.serviceCode === req.serviceCode && b.code !== except);
  const free = freePlaces(times, rule, others).find((s) => s.start === slot.start)!.free;
  if (free <= 0) return new Refusal('BOOKING_SLOT_FULL', { time: localTimeOfDay(slot.start) });
  return slot;
}

/** dd/mm/yyyy, as Vietnamese write a date. */
export function displayDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}
