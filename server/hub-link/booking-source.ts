// The booking source of the hub's bookings outbox: every change of a booking (made, moved,
// cancelled, checked in, missed) and every change of its ticket that the booking report reads (its
// first call) becomes a new version of the booking's key, when what the hub would get differs from
// the last version written (compared by hash, as the record source does for service records).
// At start, and when a day starts, bookings are compared with the outbox: a change missed while the
// process was down (killed between the booking's fsync and the outbox's) is found again. Before the
// outbox's first version (the site just linked), today's and later bookings are sent, not the past.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { addDays } from '@core/booking/slots.ts';
import type { Booking } from '@core/booking/types.ts';
import type { DomainEvent } from '@core/commands.ts';
import { hubBookingOf } from '@core/hub-bookings.ts';
import type { HubBooking } from '@core/hub-bookings.ts';
import type { DayState } from '@core/ticket.ts';
import type { BookingService } from '../booking/booking-service.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { Store } from '../store/store.ts';

/** Past days compared with the outbox at start (a booking's no-show sweep or a missed call of a few days ago). */
export const BOOKING_RECONCILE_DAYS = 7;
const DAY_CACHE = 3;

export interface BookingSourceDeps {
  bookings: Pick<BookingService, 'get' | 'fromDay'>;
  queue: Pick<QueueService, 'current'>;
  store: Pick<Store, 'readDay'>;
  config: LiveConfig;
}

export function bookingHash(b: HubBooking): string {
  return createHash('sha256').update(JSON.stringify(b)).digest('base64url').slice(0, 22);
}

export class BookingSource {
  private readonly dayCache = new Map<string, DayState | null>();
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** The outbox has caught up with the bookings; then it may deliver. */
  readonly ready: Promise<void>;

  constructor(private readonly deps: BookingSourceDeps, private readonly outbox: Outbox, private readonly log: Logger) {
    this.ready = this.enqueue(() => this.reconcile()).then(() => outbox.kick());
  }

  onBookingChange(booking: Booking): void {
    void this.enqueue(() => this.consider(booking.code));
  }

  onQueueEvents(events: DomainEvent[]): void {
    for (const e of events) {
      if (e.type === 'day:started') void this.enqueue(() => this.reconcile());
      else if ('ticket' in e && e.ticket.booking) {
        const code = e.ticket.booking.code;
        void this.enqueue(() => this.consider(code));
      }
    }
  }

  /** One change at a time, in event order: two versions of one booking never race. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task).catch((err: unknown) => this.log.error({ err }, 'booking bookkeeping for the hub failed'));
    this.chain = run;
    return run;
  }

  /** A new version when what the hub would get differs from the last version written. */
  private async consider(code: string): Promise<void> {
    if (this.closed) return;
    const b = this.deps.bookings.get(code);
    if (!b) return;
    const hash = bookingHash(await this.hubBooking(b));
    if (this.outbox.log.get(code)?.hash === hash) return;
    await this.outbox.append(code, b.day, hash);
  }

  private async reconcile(): Promise<void> {
    this.dayCache.clear(); // a day may have closed since it was cached
    const today = this.deps.queue.current.day;
    let linkedSince: number | null = null;
    for (const e of this.outbox.log.all()) if (linkedSince === null || e.dueAt < linkedSince) linkedSince = e.dueAt;
    for (const b of this.deps.bookings.fromDay(addDays(today, -BOOKING_RECONCILE_DAYS))) {
      const due = b.day >= today || this.outbox.log.get(b.code) !== undefined || (linkedSince !== null && b.updatedAt >= linkedSince);
      if (due) await this.consider(b.code);
    }
  }

  private async day(day: string): Promise<DayState | null> {
    const current = this.deps.queue.current;
    if (day === current.day) return current;
    if (this.dayCache.has(day)) return this.dayCache.get(day)!;
    const state = await this.deps.store.readDay(day).catch(() => null);
    this.dayCache.set(day, state);
    if (this.dayCache.size > DAY_CACHE) this.dayCache.delete(this.dayCache.keys().next().value!);
    return state;
  }

  /** The booking as the hub gets it now, with its ticket read from its day. */
  async hubBooking(b: Booking): Promise<HubBooking> {
    const ticket = b.ticketId ? (await this.day(b.day))?.tickets[b.ticketId] ?? null : null;
    return hubBookingOf(b, this.deps.config.index, ticket);
  }

  /** The body of a key's latest version (null: the booking is gone from the site's log). */
  async body(code: string): Promise<string | null> {
    const b = this.deps.bookings.get(code);
    return b ? JSON.stringify(await this.hubBooking(b)) : null;
  }

  /** Stops taking changes once those already queued are written. */
  async close(): Promise<void> {
    this.closed = true;
    await this.chain;
  }
}
