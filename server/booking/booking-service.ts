// BookingService: the bookings' one copy of the truth. Every change is decided and applied in
// memory synchronously (one event-loop turn, so two requests for the last place cannot both see
// it free), appended to the journal, and acknowledged after the fsync that covers it (group
// commit: concurrent bookings share one fsync). A failed write rolls the journal back and reloads
// what is on disk, so nothing unacknowledged survives and nothing acknowledged is lost.
import type { Logger } from 'pino';
import type { BookingSettings, SlotRule } from '@core/booking/settings.ts';
import { bookingCode } from '@core/booking/codes.ts';
import { bookableDay, checkBooking, checkSlotTime, freePlaces, placesOnDay, slotTimes } from '@core/booking/slots.ts';
import type { Slot } from '@core/booking/slots.ts';
import type { Booking, BookingChange, BookingSource } from '@core/booking/types.ts';
import type { ConfigIndex } from '@core/config.ts';
import { Refusal } from '@core/refusal.ts';
import { localDay } from '@core/time.ts';
import type { Clock } from '../deps.ts';
import type { EventBus } from '../events/event-bus.ts';
import { GroupCommit } from '../store/group-commit.ts';
import type { DayJournal } from '../store/journal-file.ts';
import { lineOf, openBookingLog, readBookings } from './booking-log.ts';
import type { IdKey } from './id-key.ts';

export interface BookingServiceDeps {
  dir: string;
  config: { readonly index: ConfigIndex };
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  key: IdKey;
  random: (bytes: number) => Uint8Array;
}

export interface NewBooking {
  serviceCode: string;
  procedureCode: string | null;
  slotStart: number;
  /** Normalised (core/booking/codes.ts normalisePhone). */
  phone: string;
  /** Checked (core/booking/cccd.ts); hashed here, never stored. */
  cccd: string;
  name: string | null;
  source: BookingSource;
}

const MIN = 60_000;

export class BookingService {
  private readonly byDay = new Map<string, Booking[]>();
  private readonly byReference = new Map<string, string>();
  private readonly commit: GroupCommit<number>;
  private sweepTimer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly deps: BookingServiceDeps,
    private journal: DayJournal,
    private readonly path: string,
    private readonly bookings: Map<string, Booking>,
  ) {
    this.reindex();
    this.commit = new GroupCommit<number>(() => 0, () => this.journal.sync(), 0, (_d, err) => void this.recover(err));
  }

  static async open(deps: BookingServiceDeps): Promise<BookingService> {
    const log = await openBookingLog(deps.dir);
    return new BookingService(deps, log.journal, log.path, log.bookings);
  }

  get centerTag(): string {
    return this.deps.key.centerTag;
  }

  private get settings(): BookingSettings {
    return this.deps.config.index.config.bookings;
  }

  hashId(cccd: string): string {
    return this.deps.key.hashId(cccd);
  }

  get(code: string): Booking | undefined {
    return this.bookings.get(code);
  }

  /** A booking by its code, only with the phone it was made with (what the citizen proves). */
  find(code: string, phone: string): Booking | undefined {
    const b = this.bookings.get(code);
    return b && b.phone === phone ? b : undefined;
  }

  listDay(day: string): Booking[] {
    return [...(this.byDay.get(day) ?? [])].sort((a, b) => a.slotStart - b.slotStart || a.createdAt - b.createdAt);
  }

  /** Every booking of `day` and the days after it (the province hub's catch-up at start). */
  fromDay(day: string): Booking[] {
    const out: Booking[] = [];
    for (const [d, list] of this.byDay) if (d >= day) out.push(...list);
    return out.sort((a, b) => a.day.localeCompare(b.day) || a.createdAt - b.createdAt);
  }

  /** Bookings still to come whose slot starts in [fromMs, toMs): for reminders. */
  upcoming(fromMs: number, toMs: number): Booking[] {
    const out: Booking[] = [];
    for (let day = localDay(fromMs); day <= localDay(toMs - 1); day = nextDay(day)) {
      for (const b of this.byDay.get(day) ?? []) if (b.status === 'booked' && b.slotStart >= fromMs && b.slotStart < toMs) out.push(b);
    }
    return out.sort((a, b) => a.slotStart - b.slotStart);
  }

  /** Today's bookings of one person (by the ID number's hash). */
  ofPersonOn(idHash: string, day: string): Booking[] {
    return this.listDay(day).filter((b) => b.idHash === idHash);
  }

  /** The slots of a service on a day with their free places, or why there are none. */
  slots(serviceCode: string, day: string): Slot[] | Refusal {
    const open = this.dayOf(serviceCode, day);
    return open instanceof Refusal ? open : open.slots;
  }

  /** How many citizens can still book a service on a day (core/booking/slots.ts `placesOnDay`), or why none can. */
  placesOnDay(serviceCode: string, day: string): number | Refusal {
    const open = this.dayOf(serviceCode, day);
    return open instanceof Refusal ? open : placesOnDay(open.slots, open.rule, open.taken);
  }

  /** A bookable day's slots (past ones and those past the cut-off at 0 free), its rule and its bookings. */
  private dayOf(serviceCode: string, day: string): { slots: Slot[]; rule: SlotRule; taken: Booking[] } | Refusal {
    const index = this.deps.config.index;
    const rule = bookableDay(index, this.settings, serviceCode, day);
    if (rule instanceof Refusal) return rule;
    const now = this.deps.clock.now();
    const taken = (this.byDay.get(day) ?? []).filter((b) => b.serviceCode === serviceCode);
    const slots = freePlaces(slotTimes(index, rule, serviceCode, day), rule, taken).map((s) => (checkSlotTime(rule, s.start, now) ? { ...s, free: 0 } : s));
    return { slots, rule, taken };
  }

  /** A new booking, or the earlier one when the same source reference is repeated with the same request. */
  async create(input: NewBooking): Promise<{ booking: Booking; replayed: boolean } | Refusal> {
    const idHash = this.hashId(input.cccd);
    const refKey = referenceKey(input.source);
    if (refKey) {
      const earlier = this.bookings.get(this.byReference.get(refKey) ?? '');
      if (earlier) {
        const same = earlier.serviceCode === input.serviceCode && earlier.slotStart === input.slotStart && earlier.phone === input.phone && earlier.idHash === idHash;
        if (!same) return new Refusal('BOOKING_REFERENCE_REUSED', { reference: input.source.reference ?? '' });
        await this.commit.commit(); // it may still be on its way to the disk
        return { booking: this.bookings.get(earlier.code)!, replayed: true };
      }
    }
    if (!this.settings.enabled) return new Refusal('BOOKING_NOT_BOOKABLE', { service: input.serviceCode });
    const now = this.deps.clock.now();
    const day = localDay(input.slotStart);
    const slot = checkBooking(this.deps.config.index, this.settings, this.byDay.get(day) ?? [], { ...input, idHash }, now);
    if (slot instanceof Refusal) return slot;
    const booking: Booking = {
      code: this.newCode(), serviceCode: input.serviceCode, procedureCode: input.procedureCode, day,
      slotStart: slot.start, slotEnd: slot.end, phone: input.phone, idHash, name: input.name, status: 'booked',
      source: input.source, ticketId: null, createdAt: now, updatedAt: now,
    };
    await this.write(booking, 'created');
    return { booking, replayed: false };
  }

  async cancel(code: string, phone: string | null): Promise<Booking | Refusal> {
    const b = phone === null ? this.get(code) : this.find(code, phone);
    if (!b) return new Refusal('BOOKING_NOT_FOUND');
    if (b.status !== 'booked') return new Refusal('BOOKING_NOT_CHANGEABLE', { status: statusVi[b.status] });
    const now = this.deps.clock.now();
    const late = checkSlotTime(this.ruleOf(b), b.slotStart, now);
    if (late) return late;
    const next = { ...b, status: 'cancelled' as const, updatedAt: now };
    await this.write(next, 'cancelled');
    return next;
  }

  async move(code: string, phone: string, slotStart: number): Promise<Booking | Refusal> {
    const b = this.find(code, phone);
    if (!b) return new Refusal('BOOKING_NOT_FOUND');
    if (b.status !== 'booked') return new Refusal('BOOKING_NOT_CHANGEABLE', { status: statusVi[b.status] });
    const now = this.deps.clock.now();
    const late = checkSlotTime(this.ruleOf(b), b.slotStart, now);
    if (late) return late;
    const day = localDay(slotStart);
    const slot = checkBooking(this.deps.config.index, this.settings, this.byDay.get(day) ?? [], { serviceCode: b.serviceCode, slotStart, idHash: b.idHash, phone: b.phone }, now, b.code);
    if (slot instanceof Refusal) return slot;
    const next: Booking = { ...b, day, slotStart: slot.start, slotEnd: slot.end, updatedAt: now };
    await this.write(next, 'moved');
    return next;
  }

  /** The kiosk checked it in: the ticket it got. */
  async checkedIn(code: string, ticketId: string): Promise<Booking> {
    const b = this.bookings.get(code);
    if (!b) throw new Error(`no booking ${code}`);
    if (b.status === 'checked-in' && b.ticketId === ticketId) return b;
    const next: Booking = { ...b, status: 'checked-in', ticketId, updatedAt: this.deps.clock.now() };
    await this.write(next, 'checked-in');
    return next;
  }

  /**
   * Bookings nobody checked in become no-shows once check-in is no longer possible: the end of the
   * slot, or the end of the grace period when that is later. Nothing is freed by it.
   */
  async sweep(): Promise<number> {
    const now = this.deps.clock.now();
    const grace = this.settings.graceMin * MIN;
    const missed: Booking[] = [];
    for (const [day, list] of this.byDay) {
      if (day > localDay(now)) continue;
      for (const b of list) if (b.status === 'booked' && Math.max(b.slotEnd, b.slotStart + grace) <= now) missed.push(b);
    }
    for (const b of missed) await this.write({ ...b, status: 'no-show', updatedAt: now }, 'no-show');
    return missed.length;
  }

  /** Sweeps every `everyMs` (unref'd: it never keeps the process alive). */
  startSweeping(everyMs = 30_000): void {
    this.sweepTimer = setInterval(() => {
      this.sweep().catch((err: unknown) => this.deps.logger.error({ err, module: 'bookings' }, 'no-show sweep failed'));
    }, everyMs);
    this.sweepTimer.unref();
  }

  async close(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.commit.idle();
    await this.journal.close();
  }

  private ruleOf(b: Booking) {
    return this.settings.services[b.serviceCode] ?? this.settings.defaults;
  }

  private newCode(): string {
    for (;;) {
      const code = bookingCode(this.deps.random(8));
      if (!this.bookings.has(code)) return code;
    }
  }

  /** Applied in memory now (the next request sees it), acknowledged once on disk. */
  private async write(b: Booking, change: BookingChange): Promise<void> {
    this.put(b);
    this.journal.append(lineOf(b));
    await this.commit.commit();
    this.deps.bus.emit('booking.changed', { booking: b, change });
  }

  private put(b: Booking): void {
    const before = this.bookings.get(b.code);
    if (before && before.day !== b.day) {
      const old = this.byDay.get(before.day) ?? [];
      this.byDay.set(before.day, old.filter((x) => x.code !== b.code));
    }
    this.bookings.set(b.code, b);
    const list = this.byDay.get(b.day) ?? [];
    const i = list.findIndex((x) => x.code === b.code);
    if (i >= 0) list[i] = b;
    else list.push(b);
    this.byDay.set(b.day, list);
    const ref = referenceKey(b.source);
    if (ref) this.byReference.set(ref, b.code);
  }

  private reindex(): void {
    this.byDay.clear();
    this.byReference.clear();
    const all = [...this.bookings.values()];
    this.bookings.clear();
    for (const b of all) this.put(b);
  }

  /** A failed fsync: what was appended since the last good one is dropped, and memory is re-read from disk. */
  private async recover(err: unknown): Promise<void> {
    this.deps.logger.error({ err, module: 'bookings' }, 'booking write failed; rolling back to what is on disk');
    try {
      await this.journal.rollback();
      const onDisk = await readBookings(this.path);
      this.bookings.clear();
      for (const [code, b] of onDisk) this.bookings.set(code, b);
      this.reindex();
    } catch (e) {
      this.deps.logger.error({ err: e, module: 'bookings' }, 'booking log could not be rolled back');
    }
  }
}

function referenceKey(source: BookingSource): string | null {
  return source.reference ? `${source.kind}:${source.integration ?? ''}:${source.reference}` : null;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const statusVi: Record<Booking['status'], string> = {
  'booked': 'đã đặt', 'cancelled': 'đã hủy', 'checked-in': 'đã lấy số', 'no-show': 'vắng mặt',
};
