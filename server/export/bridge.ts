// The bridge to the dossier system. Every ticket that ends becomes a service record; every change
// of that record (a rating arriving later) a new revision of the same key. Versions go to a durable
// outbox first, then are pushed one at a time in order, signed, retried with backoff until a 2xx;
// the pull API reads the same outbox in cursor order. At start, and when a day closes, the days
// are compared with the outbox, so a record missed while the process was down is found again.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Text } from '@core/i18n.ts';
import { fill } from '@core/i18n.ts';
import type { DeliveryErrorKind, ExportStatus } from '@core/manager-live.ts';
import type { ServiceRecord, ServiceRecordBody } from '@core/service-record.ts';
import { buildServiceRecord } from '@core/service-record.ts';
import { deliveryErrorText } from '@core/text/manager.ts';
import type { DayState, Ticket } from '@core/ticket.ts';
import { isFinal } from '@core/ticket.ts';
import type { AppContext } from '../context.ts';
import { OutboxLog } from './outbox-log.ts';
import type { OutboxEntry } from './outbox-log.ts';
import { pushRecord } from './push.ts';
import type { ExportSettings } from './settings.ts';
import { targetOf } from './settings.ts';

/** Days compared with the outbox at start (the queue itself closes at most the last 3 left open). */
const RECONCILE_DAYS = 7;
const DAY_CACHE = 3;

interface Attempts {
  count: number;
  /** performance.now() of the next try. */
  nextAt: number;
}

export function recordHash(body: ServiceRecordBody): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 22);
}

export class ExportBridge {
  private readonly log: Logger;
  /** Keys with an undelivered latest version, in cursor order (re-inserted when a new version comes). */
  private readonly pending = new Map<string, OutboxEntry>();
  private readonly attempts = new Map<string, Attempts>();
  private readonly dayCache = new Map<string, DayState>();
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private pumping = false;
  private pausedUntil = 0;
  private closed = false;
  private readonly stop = new AbortController();
  private lastSuccessAt: number | null = null;
  private lastAttemptAt: number | null = null;
  private lastError: ExportStatus['lastError'] = null;
  private readonly listeners: (() => void)[] = [];
  readonly ready: Promise<void>;

  private constructor(
    private readonly ctx: AppContext,
    /** Null when neither push nor pull is configured: then nothing is recorded at all. */
    private readonly outbox: OutboxLog | null,
    readonly settings: ExportSettings,
    private readonly problem: Text | null,
  ) {
    this.log = ctx.logger.child({ module: 'export' });
    if (!outbox) {
      this.ready = Promise.resolve();
      return;
    }
    for (const e of outbox.all()) if (e.deliveredRev < e.rev) this.pending.set(e.key, e);
    ctx.queue.onEvents((events) => {
      for (const e of events) {
        if (e.type === 'day:started') this.enqueue(() => this.reconcileDays(2));
        else if ('ticket' in e && isFinal(e.ticket.status)) {
          const ticket = e.ticket;
          this.enqueue(() => this.consider(ticket));
        }
      }
    });
    this.ready = this.enqueue(() => this.reconcileDays(RECONCILE_DAYS)).then(() => this.kick());
  }

  /**
   * Records are kept from the day push or pull is first configured: a center that turns the bridge
   * on later is not flooded with its whole history.
   */
  static async start(ctx: AppContext, dir: string, settings: ExportSettings, problem: Text | null): Promise<ExportBridge> {
    const enabled = settings.pushUrl !== null || settings.apiKey !== null;
    const outbox = enabled ? await OutboxLog.open(join(dir, 'outbox.log')) : null;
    return new ExportBridge(ctx, outbox, settings, problem);
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** One change at a time, in event order: two versions of one record never race. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task).catch((err: unknown) => this.log.error({ err }, 'export bookkeeping failed'));
    this.chain = run;
    return run;
  }

  private officerName = (id: string | null) => this.ctx.accounts.displayName(id);

  /** A new version when the record differs from the last one written. */
  private async consider(ticket: Ticket): Promise<void> {
    if (this.closed || !this.outbox) return;
    const body = buildServiceRecord(ticket, this.ctx.queue.config, this.officerName);
    if (!body) return;
    const hash = recordHash(body);
    if (this.outbox.get(body.key)?.hash === hash) return;
    const entry = await this.outbox.appendVersion(body.key, ticket.day, hash, this.ctx.clock.now());
    this.pending.delete(entry.key);
    this.pending.set(entry.key, entry);
    this.attempts.delete(entry.key);
    this.changed();
    this.kick();
  }

  /** Compare recent days (and today) with the outbox. Before the outbox's first record: nothing. */
  private async reconcileDays(count: number): Promise<void> {
    if (!this.outbox) return;
    const today = this.ctx.queue.current.day;
    const first = this.outbox.size() === 0 ? today : null;
    const stored = (await this.ctx.store.listDays()).filter((d) => d < today && (first === null || d >= first)).slice(-count);
    for (const day of stored) {
      this.dayCache.delete(day); // it may have been closed since it was cached
      const state = await this.day(day);
      for (const t of Object.values(state?.tickets ?? {})) await this.consider(t);
    }
    for (const t of Object.values(this.ctx.queue.current.tickets)) await this.consider(t);
  }

  private async day(day: string): Promise<DayState | null> {
    if (day === this.ctx.queue.current.day) return this.ctx.queue.current;
    const cached = this.dayCache.get(day);
    if (cached) return cached;
    const state = await this.ctx.store.readDay(day);
    if (state) {
      this.dayCache.set(day, state);
      if (this.dayCache.size > DAY_CACHE) this.dayCache.delete(this.dayCache.keys().next().value!);
    }
    return state;
  }

  /** The record as it stands, under its latest revision and cursor. */
  async record(entry: OutboxEntry): Promise<ServiceRecord | null> {
    const ticket = (await this.day(entry.day))?.tickets[entry.key];
    const body = ticket ? buildServiceRecord(ticket, this.ctx.queue.config, this.officerName) : null;
    return body ? { ...body, revision: entry.rev, sequence: entry.seq } : null;
  }

  /** Pull API: records after a cursor, in cursor order. */
  async pull(after: number, limit: number): Promise<{ records: ServiceRecord[]; next: number; more: boolean }> {
    await this.ready;
    if (!this.outbox) return { records: [], next: after, more: false };
    const { entries, more } = this.outbox.after(after, limit);
    const records: ServiceRecord[] = [];
    for (const e of entries) {
      const r = await this.record(e);
      if (r) records.push(r);
      else this.log.error({ key: e.key, day: e.day }, 'record in the outbox without its ticket');
    }
    return { records, next: entries.length > 0 ? entries[entries.length - 1]!.seq : after, more };
  }

  // ── Push ──────────────────────────────────────────────────────────────────────────────────────

  private kick(delayMs = 0): void {
    if (this.closed || !this.settings.pushUrl) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump().catch((err: unknown) => {
        this.log.error({ err }, 'delivery loop failed; trying again later');
        this.kick(this.settings.backoffBaseMs);
      });
    }, Math.max(0, delayMs));
    this.timer.unref();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.closed) {
        const now = performance.now();
        if (this.pausedUntil > now) return this.kick(this.pausedUntil - now);
        let soonest = Infinity;
        let due: OutboxEntry | null = null;
        for (const e of this.pending.values()) {
          const at = this.attempts.get(e.key)?.nextAt ?? 0;
          if (at <= now) { due = e; break; }
          soonest = Math.min(soonest, at);
        }
        if (!due) {
          if (soonest < Infinity) this.kick(soonest - now);
          return;
        }
        await this.deliver(due);
      }
    } finally {
      this.pumping = false;
    }
  }

  private async deliver(entry: OutboxEntry): Promise<void> {
    const rev = entry.rev;
    const record = await this.record(entry);
    this.lastAttemptAt = this.ctx.clock.now();
    const result = record
      ? await pushRecord({
        url: this.settings.pushUrl!, secret: this.settings.hmacSecret!, key: entry.key, revision: rev,
        body: JSON.stringify(record), timestamp: Math.floor(this.ctx.clock.now() / 1000),
        timeoutMs: this.settings.timeoutMs, signal: this.stop.signal,
      })
      : ({ ok: false, kind: 'missing', status: null, receiverDown: false } as const);
    if (this.closed) return; // aborted by close(): it goes again after the restart
    if (result.ok) {
      try {
        await this.outbox!.markDelivered(entry.key, rev, this.ctx.clock.now());
      } catch (err) {
        // Delivered but not noted: it will be sent again, under the same idempotency key.
        this.log.error({ err, key: entry.key }, 'could not note a delivery');
      }
      const latest = this.outbox!.get(entry.key)!;
      if (latest.deliveredRev >= latest.rev) this.pending.delete(entry.key);
      this.attempts.delete(entry.key);
      this.lastSuccessAt = this.ctx.clock.now();
      this.lastError = null;
    } else {
      const count = (this.attempts.get(entry.key)?.count ?? 0) + 1;
      const delay = Math.min(this.settings.backoffMaxMs, this.settings.backoffBaseMs * 2 ** (count - 1));
      this.attempts.set(entry.key, { count, nextAt: performance.now() + delay });
      if (result.receiverDown) this.pausedUntil = performance.now() + delay;
      this.lastError = { at: this.ctx.clock.now(), kind: result.kind, status: result.status, text: errorText(result.kind, result.status, this.settings.timeoutMs) };
      this.log.warn({ key: entry.key, revision: rev, kind: result.kind, status: result.status, attempt: count, retryInMs: delay }, 'delivery failed');
    }
    this.changed();
  }

  /** "Retry now": forget the backoff of every pending record and send at once. */
  retryNow(): ExportStatus {
    this.pausedUntil = 0;
    for (const a of this.attempts.values()) a.nextAt = 0;
    this.kick();
    return this.status();
  }

  status(): ExportStatus {
    let next: number | null = null;
    for (const e of this.pending.values()) {
      const a = this.attempts.get(e.key);
      if (a) next = next === null ? a.nextAt : Math.min(next, a.nextAt);
    }
    const oldest = this.pending.values().next().value; // cursor order: the first pending is the oldest
    const toClock = (perf: number) => this.ctx.clock.now() + Math.max(0, perf - performance.now());
    const push = this.settings.pushUrl !== null;
    return {
      pushEnabled: push, pullEnabled: this.settings.apiKey !== null,
      target: targetOf(this.settings.pushUrl), problem: this.problem,
      // With push off nothing is waiting to be sent: the records are there for the pull API.
      records: this.outbox?.size() ?? 0, pending: push ? this.pending.size : 0, delivered: push ? (this.outbox?.size() ?? 0) - this.pending.size : 0,
      oldestPendingAt: push ? oldest?.dueAt ?? null : null,
      lastSuccessAt: this.lastSuccessAt, lastAttemptAt: this.lastAttemptAt, lastError: this.lastError,
      nextAttemptAt: !push || this.pending.size === 0 || next === null ? null : toClock(Math.max(next, this.pausedUntil)),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stop.abort();
    if (this.timer) clearTimeout(this.timer);
    await this.chain;
    await this.outbox?.close();
  }
}

function errorText(kind: DeliveryErrorKind, status: number | null, timeoutMs: number): Text {
  const t = deliveryErrorText[kind];
  const params = { status: status ?? '', sec: Math.round(timeoutMs / 100) / 10 };
  return { vi: fill(t.vi, params, 'vi'), en: fill(t.en, params, 'en') };
}
