// One durable outbox per hub identity, with the source that feeds it: the shape both the service
// records (hub-records.ts) and the bookings (hub-bookings.ts) send the hub in. A log per hub
// address and site code, so a site enrolled with another hub, or under another code, starts a new
// log; the same identity again only retries what waits. Links and unlinks run one at a time: an
// outbox is closed before the next one opens.
import type { Logger } from 'pino';
import type { Clock } from '../deps.ts';
import type { EventBus } from '../events/event-bus.ts';
import { Outbox } from '../outbox/outbox.ts';
import type { Backoff, DeliveryState } from '../outbox/outbox.ts';
import { OutboxLog } from '../outbox/outbox-log.ts';
import type { OutboxEntry } from '../outbox/outbox-log.ts';
import type { RecordSink } from '../outbox/record-sink.ts';

export const HUB_BACKOFF: Backoff = { baseMs: 1_000, maxMs: 30_000 };

/** The identity a log belongs to: the site's code and the hub's address. */
export interface HubIdentity { site: string; url: string }

/** What feeds an outbox: caught up once `ready`, closed before its outbox. */
export interface SlotSource {
  ready: Promise<unknown>;
  close(): Promise<void>;
}

export interface HubOutboxSlotOptions<S extends SlotSource> {
  /** The outbox's name (logs, delivery state). */
  name: string;
  /** The log file of an identity. */
  file: (id: HubIdentity) => string;
  logger: Logger;
  clock: Clock;
  bus: EventBus;
  sink: RecordSink;
  backoff?: Backoff;
  /** The source feeding a new outbox. */
  source: (outbox: Outbox) => S;
  /** An entry's body to send, from the source (null: nothing to send any more). */
  body: (source: S, entry: OutboxEntry) => Promise<string | null>;
}

export class HubOutboxSlot<S extends SlotSource> {
  private current: { id: string; outbox: Outbox; source: S } | null = null;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly slot: HubOutboxSlotOptions<S>) {}

  /** The source of the log in use (null: not linked). */
  protected get source(): S | null {
    return this.current?.source ?? null;
  }

  /** Use the log of this identity (null: not linked, record nothing). Resolves once it has caught up. */
  use(id: HubIdentity | null): Promise<void> {
    const run = this.tail.then(() => this.switchTo(id));
    this.tail = run.catch((err: unknown) => this.slot.logger.error({ err }, `could not open the ${this.slot.name} outbox`));
    return run;
  }

  private async switchTo(id: HubIdentity | null): Promise<void> {
    const key = id ? this.slot.file(id) : null;
    if (this.current?.id === key) {
      this.current?.outbox.retryNow();
      return;
    }
    await this.closeCurrent();
    if (!key) return;
    const o = this.slot;
    const log = await OutboxLog.open(key);
    let source: S | null = null;
    const outbox = new Outbox({
      name: o.name, log, sink: o.sink, clock: o.clock, bus: o.bus, logger: o.logger, backoff: o.backoff ?? HUB_BACKOFF,
      body: (entry) => o.body(source!, entry),
    });
    source = o.source(outbox);
    this.current = { id: key, outbox, source };
    await source.ready;
  }

  /** The hub answered again: what waits goes now, not after the longest pause. */
  linkUp(): void {
    this.current?.outbox.retryNow();
  }

  state(): DeliveryState | null {
    return this.current?.outbox.state() ?? null;
  }

  /** Every key of the current log with its latest and delivered revision (tests, the manager's count). */
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
