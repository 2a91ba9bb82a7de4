// Service records for the province hub: the hub sink behind an outbox of its own (its own log file,
// its own backoff), fed by a record source like the dossier bridge's (export/record-source.ts).
// Records are kept from the moment the site is linked: one log per hub address and site code
// (<data>/hub-outbox/<site>-<hash of the address>.log), so a site enrolled with another hub, or
// under another code, owes that hub everything from its enrolment and owes nothing it sent the
// previous one; a revoked and re-enrolled site keeps its log and sends its backlog.
// A link down for days: the versions wait in the log (fsynced before they count), the outbox retries
// with a growing pause, and the link coming back (LinkState up) sends them at once, in order.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { DomainEvent } from '@core/commands.ts';
import type { Clock } from '../deps.ts';
import type { EventBus } from '../events/event-bus.ts';
import { RecordSource } from '../export/record-source.ts';
import type { RecordSourceDeps } from '../export/record-source.ts';
import type { Backoff } from '../outbox/outbox.ts';
import type { RecordSink } from '../outbox/record-sink.ts';
import { HubOutboxSlot } from './hub-outbox-slot.ts';
import type { HubIdentity } from './hub-outbox-slot.ts';

export { HUB_BACKOFF } from './hub-outbox-slot.ts';
export type { HubIdentity } from './hub-outbox-slot.ts';

export interface HubRecordsDeps extends RecordSourceDeps {
  clock: Clock;
  bus: EventBus;
  /** The folder of the logs (one per hub and site). */
  dir: string;
  sink: RecordSink;
  backoff?: Backoff;
}

export function hubLogFile(dir: string, id: HubIdentity): string {
  const url = createHash('sha256').update(id.url).digest('hex').slice(0, 12);
  return join(dir, `${id.site}-${url}.log`);
}

export class HubRecords extends HubOutboxSlot<RecordSource> {
  constructor(deps: HubRecordsDeps) {
    const logger = deps.logger.child({ module: 'hub-records' });
    super({
      name: 'hub', file: (id) => hubLogFile(deps.dir, id), logger, clock: deps.clock, bus: deps.bus, sink: deps.sink, backoff: deps.backoff,
      source: (outbox) => new RecordSource(deps, outbox, logger),
      body: async (source, entry) => {
        const record = await source.record(entry);
        return record ? JSON.stringify(record) : null;
      },
    });
  }

  onQueueEvents(events: DomainEvent[]): void {
    this.source?.onQueueEvents(events);
  }
}
