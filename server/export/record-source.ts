// The record source of an outbox: every ticket that ends becomes a service record; every change of
// that record (a rating arriving later) a new revision of the same key, appended to the outbox
// given. At start, and when a day closes, recent days are compared with the outbox, so a record
// missed while the process was down is found again. The dossier bridge (bridge.ts) and the province
// hub link (hub-link/hub-records.ts) each feed their own outbox through one of these.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { DomainEvent } from '@core/commands.ts';
import type { ServiceRecord, ServiceRecordBody } from '@core/service-record.ts';
import { buildServiceRecord } from '@core/service-record.ts';
import type { DayState, Ticket } from '@core/ticket.ts';
import { isFinal } from '@core/ticket.ts';
import type { AccountService } from '../auth/accounts.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { OutboxEntry } from '../outbox/outbox-log.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { Store } from '../store/store.ts';

/** Days compared with the outbox at start (the queue itself closes at most the last 3 left open). */
export const RECONCILE_DAYS = 7;
const DAY_CACHE = 3;

export function recordHash(body: ServiceRecordBody): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 22);
}

export interface RecordSourceDeps {
  store: Pick<Store, 'listDays' | 'readDay'>;
  queue: Pick<QueueService, 'current'>;
  config: LiveConfig;
  accounts: Pick<AccountService, 'displayName'>;
  logger: Logger;
}

export class RecordSource {
  private readonly dayCache = new Map<string, DayState>();
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** The outbox has caught up with the days (reconciled at start); then it may deliver. */
  readonly ready: Promise<void>;

  constructor(private readonly deps: RecordSourceDeps, private readonly outbox: Outbox, private readonly log: Logger) {
    this.ready = this.enqueue(() => this.reconcileDays(RECONCILE_DAYS)).then(() => outbox.kick());
  }

  onQueueEvents(events: DomainEvent[]): void {
    for (const e of events) {
      if (e.type === 'day:started') void this.enqueue(() => this.reconcileDays(2));
      else if ('ticket' in e && isFinal(e.ticket.status)) {
        const ticket = e.ticket;
        void this.enqueue(() => this.consider(ticket));
      }
    }
  }

  /** One change at a time, in event order: two versions of one record never race. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task).catch((err: unknown) => this.log.error({ err }, 'record bookkeeping failed'));
    this.chain = run;
    return run;
  }

  private officerName = (id: string | null) => this.deps.accounts.displayName(id);

  /** A new version when the record differs from the last one written. */
  private async consider(ticket: Ticket): Promise<void> {
    if (this.closed) return;
    const body = buildServiceRecord(ticket, this.deps.config.index, this.officerName);
    if (!body) return;
    const hash = recordHash(body);
    if (this.outbox.log.get(body.key)?.hash === hash) return;
    await this.outbox.append(body.key, ticket.day, hash);
  }

  /** Compare recent days (and today) with the outbox. Before the outbox's first record: nothing. */
  private async reconcileDays(count: number): Promise<void> {
    const today = this.deps.queue.current.day;
    const first = this.outbox.log.size() === 0 ? today : null;
    const stored = (await this.deps.store.listDays()).filter((d) => d < today && (first === null || d >= first)).slice(-count);
    for (const day of stored) {
      this.dayCache.delete(day); // it may have been closed since it was cached
      const state = await this.day(day);
      for (const t of Object.values(state?.tickets ?? {})) await this.consider(t);
    }
    for (const t of Object.values(this.deps.queue.current.tickets)) await this.consider(t);
  }

  private async day(day: string): Promise<DayState | null> {
    if (day === this.deps.queue.current.day) return this.deps.queue.current;
    const cached = this.dayCache.get(day);
    if (cached) return cached;
    const state = await this.deps.store.readDay(day);
    if (state) {
      this.dayCache.set(day, state);
      if (this.dayCache.size > DAY_CACHE) this.dayCache.delete(this.dayCache.keys().next().value!);
    }
    return state;
  }

  /** The record as it stands, under its latest revision and cursor. */
  async record(entry: OutboxEntry): Promise<ServiceRecord | null> {
    const ticket = (await this.day(entry.day))?.tickets[entry.key];
    const body = ticket ? buildServiceRecord(ticket, this.deps.config.index, this.officerName) : null;
    return body ? { ...body, revision: entry.rev, sequence: entry.seq } : null;
  }

  /** Stops taking changes once those already queued are written. */
  async close(): Promise<void> {
    this.closed = true;
    await this.chain;
  }
}
