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
import type { Backoff } from '../outbox/outbox.ts';
import type { RecordSink } from '../outbox/record-sink.ts';
import { BookingSource } from './booking-source.ts';
import type { BookingSourceDeps } from './booking-source.ts';
import { hubLogFile } from './hub-records.ts';
import { HubOutboxSlot } from './hub-outbox-slot.ts';
import type { HubIdentity } from './hub-outbox-slot.ts';

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

export class HubBookings extends HubOutboxSlot<BookingSource> {
  constructor(deps: HubBookingsDeps) {
    const logger = deps.logger.child({ module: 'hub-bookings' });
    super({
      name: 'hub-bookings', file: (id) => hubBookingsLogFile(deps.dir, id), logger, clock: deps.clock, bus: deps.bus, sink: deps.sink, backoff: deps.backoff,
      source: (outbox) => new BookingSource(deps, outbox, logger),
      body: (source, entry) => source.body(entry.key),
    });
  }

  onBookingChange(booking: Booking): void {
    this.source?.onBookingChange(booking);
  }

  onQueueEvents(events: DomainEvent[]): void {
    this.source?.onQueueEvents(events);
  }
}
