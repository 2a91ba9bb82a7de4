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
import type { Logger } from 'pino';
import type { DomainEvent } from '@core/commands.ts';
import type { Clock } from '../deps.ts';
import type { EventBus } from '../events/event-bus.ts';
import { RecordSource } from '../export/record-source.ts';
import type { RecordSourceDeps } from '../export/record-source.ts';
import { Outbox } from '../outbox/outbox.ts';
import type { Backoff, DeliveryState } from '../outbox/outbox.ts';
import { OutboxLog } from '../outbox/outbox-log.ts';
import type { OutboxEntry } from '../outbox/outbox-log.ts';
import type { RecordSink } from '../outbox/record-sink.ts';

export interface HubRecordsDeps extends RecordSourceDeps {
  clock: Clock;
  bus: EventBus;
  /** The folder of the logs (one per hub and site). */
  dir: string;
  sink: RecordSink;
  backoff?: Backoff;
}

export const HUB_BACKOFF: Backoff = { baseMs: 1_000, maxMs: 30_000 };

/** The identity a log belongs to: the site's code and the hub's address. */
export interface HubIdentity { site: string; url: string }

export function hubLogFile(dir: string, id: HubIdentity): string {
  const url = createHash('sha256').update(id.url).digest('hex').slice(0, 12);
  return join(dir, `${id.site}-${url}.log`);
}

interface Current { id: string; outbox: Outbox; source: RecordSource }

export class HubRecords {
  private current: Current | null = null;
  /** Links and unlinks one at a time: an outbox is closed before the next one opens. */
  private tail: Promise<unknown> = Promise.resolve();
  private readonly log: Logger;

  constructor(private readonly deps: HubRecordsDeps) {
    this.log = deps.logger.child({ module: 'hub-records' });
  }

  /** Use the log of this identity (null: not linked, record nothing). Resolves once it has caught up. */
  use(id: HubIdentity | null): Promise<void> {
    const run = this.tail.then(() => this.switchTo(id));
    this.tail = run.catch((err: unknown) => this.log.error({ err }, 'could not open the hub outbox'));
    return run;
  }

  private async switchTo(id: HubIdentity | null): Promise<void> {
    const key = id ? hubLogFile(this.deps.dir, id) : null;
    if (this.current?.id === key) {
      this.current?.outbox.retryNow();
      return;
    }
    await this.closeCurrent();
    if (!id || !key) return;
    const d = this.deps;
    const log = await OutboxLog.open(key);
    let source: RecordSource | null = null;
    const outbox = new Outbox({
      name: 'hub', log, sink: d.sink, clock: d.clock, bus: d.bus, logger: this.log, backoff: d.backoff ?? HUB_BACKOFF,
      body: async (entry) => {
        const record = await source!.record(entry);
        return record ? JSON.stringify(record) : null;
      },
    });
    source = new RecordSource(d, outbox, this.log);
    this.current = { id: key, outbox, source };
    await source.ready;
  }

  onQueueEvents(events: DomainEvent[]): void {
    this.current?.source.onQueueEvents(events);
  }

  /** The hub answered again: what waits goes now, not after the longest pause. */
  linkUp(): void {
    this.current?.outbox.retryNow();
  }

  state(): DeliveryState | null {
    return this.current?.outbox.state() ?? null;
  }

  /** Every record of the current log with its latest and delivered revision (tests, the manager's count). */
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
