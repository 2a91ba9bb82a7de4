// The bridge to the dossier system: the record source of the export outbox. Every ticket that
// ends becomes a service record; every change of that record (a rating arriving later) a new
// revision of the same key, appended to the durable outbox (server/outbox), which pushes it to
// the HTTP sink; the pull API reads the same outbox in cursor order. At start, and when a day
// closes, the days are compared with the outbox, so a record missed while the process was down
// is found again.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { DomainEvent } from '@core/commands.ts';
import type { Text } from '@core/i18n.ts';
import { fill } from '@core/i18n.ts';
import type { DeliveryErrorKind, ExportStatus } from '@core/manager-live.ts';
import type { ServiceRecord, ServiceRecordBody } from '@core/service-record.ts';
import { buildServiceRecord } from '@core/service-record.ts';
import { deliveryErrorText } from '@core/text/manager.ts';
import type { DayState, Ticket } from '@core/ticket.ts';
import { isFinal } from '@core/ticket.ts';
import type { AccountService } from '../auth/accounts.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { Clock } from '../deps.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Extension } from '../events/extensions.ts';
import { Outbox } from '../outbox/outbox.ts';
import { OutboxLog } from '../outbox/outbox-log.ts';
import type { OutboxEntry } from '../outbox/outbox-log.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { Store } from '../store/store.ts';
import { httpPushSink } from './http-sink.ts';
import type { ExportSettings } from './settings.ts';
import { targetOf } from './settings.ts';

/** Days compared with the outbox at start (the queue itself closes at most the last 3 left open). */
const RECONCILE_DAYS = 7;
const DAY_CACHE = 3;

export function recordHash(body: ServiceRecordBody): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 22);
}

export interface ExportBridgeDeps {
  store: Pick<Store, 'listDays' | 'readDay'>;
  queue: Pick<QueueService, 'current'>;
  config: LiveConfig;
  accounts: Pick<AccountService, 'displayName'>;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
}

export class ExportBridge implements Extension {
  readonly name = 'export-bridge';
  private readonly log: Logger;
  private readonly dayCache = new Map<string, DayState>();
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  readonly ready: Promise<void>;

  private constructor(
    private readonly deps: ExportBridgeDeps,
    /** Null when neither push nor pull is configured: then nothing is recorded at all. */
    private readonly outbox: Outbox | null,
    readonly settings: ExportSettings,
    private readonly problem: Text | null,
  ) {
    this.log = deps.logger.child({ module: 'export' });
    this.ready = outbox ? this.enqueue(() => this.reconcileDays(RECONCILE_DAYS)).then(() => outbox.kick()) : Promise.resolve();
  }

  /**
   * Records are kept from the day push or pull is first configured: a center that turns the bridge
   * on later is not flooded with its whole history.
   */
  static async start(deps: ExportBridgeDeps, dir: string, settings: ExportSettings, problem: Text | null): Promise<ExportBridge> {
    const enabled = settings.pushUrl !== null || settings.apiKey !== null;
    if (!enabled) return new ExportBridge(deps, null, settings, problem);
    const log = await OutboxLog.open(join(dir, 'outbox.log'));
    let bridge: ExportBridge | null = null;
    const sink = settings.pushUrl ? httpPushSink({ url: settings.pushUrl, secret: settings.hmacSecret!, timeoutMs: settings.timeoutMs }, deps.clock) : null;
    const outbox = new Outbox({
      name: 'export', log, sink, clock: deps.clock, bus: deps.bus, logger: deps.logger.child({ module: 'export' }),
      backoff: { baseMs: settings.backoffBaseMs, maxMs: settings.backoffMaxMs },
      body: async (entry) => {
        const record = await bridge!.record(entry);
        return record ? JSON.stringify(record) : null;
      },
    });
    bridge = new ExportBridge(deps, outbox, settings, problem);
    return bridge;
  }

  onQueueEvents(events: DomainEvent[]): void {
    if (!this.outbox) return;
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
    const run = this.chain.then(task).catch((err: unknown) => this.log.error({ err }, 'export bookkeeping failed'));
    this.chain = run;
    return run;
  }

  private officerName = (id: string | null) => this.deps.accounts.displayName(id);

  /** A new version when the record differs from the last one written. */
  private async consider(ticket: Ticket): Promise<void> {
    if (this.closed || !this.outbox) return;
    const body = buildServiceRecord(ticket, this.deps.config.index, this.officerName);
    if (!body) return;
    const hash = recordHash(body);
    if (this.outbox.log.get(body.key)?.hash === hash) return;
    await this.outbox.append(body.key, ticket.day, hash);
  }

  /** Compare recent days (and today) with the outbox. Before the outbox's first record: nothing. */
  private async reconcileDays(count: number): Promise<void> {
    if (!this.outbox) return;
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

  /** Pull API: records after a cursor, in cursor order. */
  async pull(after: number, limit: number): Promise<{ records: ServiceRecord[]; next: number; more: boolean }> {
    await this.ready;
    if (!this.outbox) return { records: [], next: after, more: false };
    const { entries, more } = this.outbox.log.after(after, limit);
    const records: ServiceRecord[] = [];
    for (const e of entries) {
      const r = await this.record(e);
      if (r) records.push(r);
      else this.log.error({ key: e.key, day: e.day }, 'record in the outbox without its ticket');
    }
    return { records, next: entries.length > 0 ? entries[entries.length - 1]!.seq : after, more };
  }

  /** "Retry now": forget the backoff of every pending record and send at once. */
  retryNow(): ExportStatus {
    this.outbox?.retryNow();
    return this.status();
  }

  status(): ExportStatus {
    const push = this.settings.pushUrl !== null;
    const s = this.outbox?.state();
    const records = s?.records ?? 0;
    // With push off nothing is waiting to be sent: the records are there for the pull API.
    return {
      pushEnabled: push, pullEnabled: this.settings.apiKey !== null,
      target: targetOf(this.settings.pushUrl), problem: this.problem,
      records, pending: push ? s?.pending ?? 0 : 0, delivered: push ? records - (s?.pending ?? 0) : 0,
      oldestPendingAt: push ? s?.oldestPendingAt ?? null : null,
      lastSuccessAt: s?.lastSuccessAt ?? null, lastAttemptAt: s?.lastAttemptAt ?? null,
      lastError: s?.lastError ? { ...s.lastError, text: errorText(s.lastError.kind, s.lastError.status, this.settings.timeoutMs) } : null,
      nextAttemptAt: push ? s?.nextAttemptAt ?? null : null,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.chain;
    await this.outbox?.close();
  }
}

function errorText(kind: DeliveryErrorKind, status: number | null, timeoutMs: number): Text {
  const t = deliveryErrorText[kind];
  const params = { status: status ?? '', sec: Math.round(timeoutMs / 100) / 10 };
  return { vi: fill(t.vi, params, 'vi'), en: fill(t.en, params, 'en') };
}
