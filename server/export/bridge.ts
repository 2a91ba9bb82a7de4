// The bridge to the dossier system: a record source (record-source.ts: ended tickets → service
// records, a later rating → a new revision of the same key) feeding its durable outbox
// (server/outbox), which pushes to the HTTP sink; the pull API reads the same outbox in cursor order.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { DomainEvent } from '@core/commands.ts';
import type { Text } from '@core/i18n.ts';
import { fill } from '@core/i18n.ts';
import type { DeliveryErrorKind, ExportStatus } from '@core/manager-live.ts';
import type { ServiceRecord } from '@core/service-record.ts';
import { deliveryErrorText } from '@core/text/manager.ts';
import type { Clock } from '../deps.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Extension } from '../events/extensions.ts';
import { Outbox } from '../outbox/outbox.ts';
import { OutboxLog } from '../outbox/outbox-log.ts';
import type { OutboxEntry } from '../outbox/outbox-log.ts';
import { RecordSource } from './record-source.ts';
import type { RecordSourceDeps } from './record-source.ts';
import { httpPushSink } from './http-sink.ts';
import type { ExportSettings } from './settings.ts';
import { targetOf } from './settings.ts';

export { recordHash } from './record-source.ts';

export interface ExportBridgeDeps extends RecordSourceDeps {
  clock: Clock;
  bus: EventBus;
}

export class ExportBridge implements Extension {
  readonly name = 'export-bridge';
  private readonly log: Logger;
  private readonly source: RecordSource | null;
  readonly ready: Promise<void>;

  private constructor(
    private readonly deps: ExportBridgeDeps,
    /** Null when neither push nor pull is configured: then nothing is recorded at all. */
    private readonly outbox: Outbox | null,
    readonly settings: ExportSettings,
    private readonly problem: Text | null,
  ) {
    this.log = deps.logger.child({ module: 'export' });
    this.source = outbox ? new RecordSource(deps, outbox, this.log) : null;
    this.ready = this.source?.ready ?? Promise.resolve();
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
    this.source?.onQueueEvents(events);
  }

  /** The record as it stands, under its latest revision and cursor. */
  async record(entry: OutboxEntry): Promise<ServiceRecord | null> {
    return this.source ? this.source.record(entry) : null;
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
      refusedRecords: push ? s?.refusedRecords ?? 0 : 0,
      lastRefusal: push && s?.lastRefusal ? { ...s.lastRefusal, text: errorText(s.lastRefusal.kind, s.lastRefusal.status, this.settings.timeoutMs) } : null,
    };
  }

  async close(): Promise<void> {
    await this.source?.close();
    await this.outbox?.close();
  }
}

function errorText(kind: DeliveryErrorKind, status: number | null, timeoutMs: number): Text {
  const t = deliveryErrorText[kind];
  const params = { status: status ?? '', sec: Math.round(timeoutMs / 100) / 10 };
  return { vi: fill(t.vi, params, 'vi'), en: fill(t.en, params, 'en') };
}
