// Bookings for the province hub: the bookings sink behind an outbox of its own (its own log file, its
// own backoff), fed by the booking source (booking-source.ts). As for service records
// (hub-records.ts): one log per hub address and site code, next to the records' one
// (<data>/hub-outbox/<site>-<hash of the address>.bookings.log); a version counts once fsynced there,
// is marked delivered only after the hub's 2xx, and waits as long as the link is down.
import type { Logger } from 'pino';
import type { Booking } from '@core/booking/types.ts';
import type { DomainEvent } from '@core/commands.ts';
import type { Clock } from '../deps.ts';
import type { EventBus } from '../events/event-bus.ts';
import { Outbox } from '../outbox/outbox.ts';
import type { Backoff, DeliveryState } from '../outbox/outbox.ts';
import { OutboxLog } from '../outbox/outbox-log.ts';
import type { OutboxEntry } from '../outbox/outbox-log.ts';
import type { RecordSink } from '../outbox/record-sink.ts';
import { BookingSource } from './booking-source.ts';
import type { BookingSourceDeps } from './booking-source.ts';
import { HUB_BACKOFF, hubLogFile } from './hub-records.ts';
import type { HubIdentity } from './hub-records.ts';

export interface HubBookingsDeps extends BookingSourceDeps {
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  /** The folder of the logs (the records' folder: one log per hub, site and kind). */
  dir: string;
  sink: RecordSink;
  backoff?: Backoff;
}

export function hubBookingsLogFile(dir: string, id: HubIdentity): string {
  return hubLogFile(dir, id).replace(/\.log$/, '.bookings.log');
}

interface Current { id: string; outbox: Outbox; source: BookingSource }

export class HubBookings {
  private current: Current | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly log: Logger;

  constructor(private readonly deps: HubBookingsDeps) {
    this.log = deps.logger.child({ module: 'hub-bookings' });
  }

  /** Use the log of this identity (null: not linked, record nothing). Resolves once it has caught up. */
  use(id: HubIdentity | null): Promise<void> {
    const run = this.tail.then(() => this.switchTo(id));
    this.tail = run.catch((err: unknown) => this.log.error({ err }, 'could not open the hub bookings outbox'));
    return run;
  }

  private async switchTo(id: HubIdentity | null): Promise<void> {
    const key = id ? hubBookingsLogFile(this.deps.dir, id) : null;
    if (this.current?.id === key) {
      this.current?.outbox.retryNow();
      return;
    }
    await this.closeCurrent();
    if (!id || !key) return;
    const d = this.deps;
    const log = await OutboxLog.open(key);
    let source: BookingSource | null = null;
    const outbox = new Outbox({
      name: 'hub-bookings', log, sink: d.sink, clock: d.clock, bus: d.bus, logger: this.log, backoff: d.backoff ?? HUB_BACKOFF,
      body: (entry) => source!.body(entry.key),
    });
    source = new BookingSource(d, outbox, this.log);
    this.current = { id: key, outbox, source };
    await source.ready;
  }

  onBookingChange(booking: Booking): void {
    this.current?.source.onBookingChange(booking);
  }

  onQueueEvents(events: DomainEvent[]): void {
    this.current?.source.onQueueEvents(events);
  }

  /** The hub answered again: what waits goes now. */
  linkUp(): void {
    this.current?.outbox.retryNow();
  }

  state(): DeliveryState | null {
    return this.current?.outbox.state() ?? null;
  }

  /** Every booking of the current log with its latest and delivered revision. */
  entries(): OutboxEntry[] {
    return this.current ? [...this.current.outbox.log.all()] : [];
  }

  private async closeCurrent(): Promise<void> {
    const c = this.current;
    this.current = null;
    if (!c) return;
    await c.source.close();
    await c.outbox.close();
  }

  async close(): Promise<void> {
    await this.tail;
    await this.closeCurrent();
  }
}
