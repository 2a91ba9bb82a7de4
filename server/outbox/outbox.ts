// The durable outbox: record versions are written to an append-only log (outbox-log.ts) before
// they count, then delivered to a sink in cursor order — one at a time, or in batches of
// consecutive versions when the sink can take them (sendBatch) — retried with exponential backoff
// until the sink says yes; a sink that looks down pauses every delivery. Record bodies
// are not stored: they are rebuilt at delivery time by the record source (the day files are the
// truth). One mechanism for every sink: the dossier system, the province hub, messages.
import type { Logger } from 'pino';
import type { DeliveryErrorKind } from '@core/manager-live.ts';
import type { Clock } from '../deps.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { OutboxEntry, OutboxLog } from './outbox-log.ts';
import type { BatchLimits, RecordSink, SinkDelivery } from './record-sink.ts';

const DEFAULT_BATCH: BatchLimits = { entries: 200, bytes: 1_000_000 };

export interface Backoff {
  /** First retry after this; doubling up to maxMs. */
  baseMs: number;
  maxMs: number;
}

export interface OutboxDeps {
  /** Names this outbox in delivery.changed events and logs. */
  name: string;
  log: OutboxLog;
  /** Null: records are kept (for a pull API) but nothing is pushed. */
  sink: RecordSink | null;
  /** The record body of an entry's latest revision, or null when its source is gone. */
  body: (entry: OutboxEntry) => Promise<string | null>;
  backoff: Backoff;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  /**
   * On close, let a delivery in flight finish (within the sink's own timeout) and note it, instead
   * of aborting it: for sinks where a repeat reaches a person (a second SMS), not just a receiver
   * that drops it by its idempotency key.
   */
  finishInFlightOnClose?: boolean;
}

export interface DeliveryState {
  records: number;
  pending: number;
  oldestPendingAt: number | null;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  lastError: DeliveryError | null;
  nextAttemptAt: number | null;
  /**
   * Pending versions the receiver itself refused at their last try (not down: it answered no), and
   * the latest such refusal. Unlike lastError, another record's success does not clear them: a
   * refused record stays visible until it is delivered.
   */
  refusedRecords: number;
  lastRefusal: DeliveryError | null;
}

export interface DeliveryError {
  at: number;
  kind: DeliveryErrorKind;
  status: number | null;
}

interface Attempts {
  count: number;
  /** performance.now() of the next try. */
  nextAt: number;
  /** The receiver's refusal at the last try that reached it; null while it has not refused this one. */
  refusal: DeliveryError | null;
}

export class Outbox {
  /** Keys with an undelivered latest version, in cursor order (re-inserted when a new version comes). */
  private readonly pending = new Map<string, OutboxEntry>();
  private readonly attempts = new Map<string, Attempts>();
  private timer: NodeJS.Timeout | null = null;
  private pumping = false;
  private pausedUntil = 0;
  private closed = false;
  private readonly stop = new AbortController();
  private lastSuccessAt: number | null = null;
  private lastAttemptAt: number | null = null;
  private lastError: DeliveryState['lastError'] = null;
  private inFlight: Promise<void> | null = null;
  /** Keys of a batch the sink refused: sent one at a time until delivered, to find the one at fault. */
  private readonly solo = new Set<string>();
  /** Versions per batch now: halved after a timeout (a thin link), doubled back after a success. */
  private batchCap: number;

  constructor(private readonly deps: OutboxDeps) {
    this.batchCap = this.limits().entries;
    // Cursor order after a restart too: a key's place is its latest version's, not its first's.
    if (deps.sink) for (const e of [...deps.log.all()].sort((a, b) => a.seq - b.seq)) if (e.deliveredRev < e.rev) this.pending.set(e.key, e);
  }

  get log(): OutboxLog {
    return this.deps.log;
  }

  /** A new version of a record is due: durable when this resolves, then delivered in its turn. */
  async append(key: string, day: string, hash: string): Promise<OutboxEntry> {
    const entry = await this.deps.log.appendVersion(key, day, hash, this.deps.clock.now());
    if (this.deps.sink) {
      this.pending.delete(entry.key);
      this.pending.set(entry.key, entry);
      this.attempts.delete(entry.key);
      this.solo.delete(entry.key);
    }
    this.changed();
    this.kick();
    return entry;
  }

  private limits(): BatchLimits {
    return this.deps.sink?.batchLimits ?? DEFAULT_BATCH;
  }

  private changed(): void {
    this.deps.bus.emit('delivery.changed', { outbox: this.deps.name });
  }

  /** Starts delivering (after the source has caught up at start). */
  kick(delayMs = 0): void {
    if (this.closed || !this.deps.sink) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump().catch((err: unknown) => {
        this.deps.logger.error({ err, outbox: this.deps.name }, 'delivery loop failed; trying again later');
        this.kick(this.deps.backoff.baseMs);
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
        const sink = this.deps.sink!;
        // The due versions in cursor order (one unless the sink takes batches); those waiting out
        // their backoff are passed over, as they always were.
        const max = sink.sendBatch ? this.batchCap : 1;
        let soonest = Infinity;
        const due: OutboxEntry[] = [];
        for (const e of this.pending.values()) {
          const at = this.attempts.get(e.key)?.nextAt ?? 0;
          if (at > now) { soonest = Math.min(soonest, at); continue; }
          // A key of a refused batch goes alone, and ends the batch before it.
          if (this.solo.has(e.key) && due.length > 0) break;
          due.push(e);
          if (due.length >= max || this.solo.has(e.key)) break;
        }
        if (due.length === 0) {
          if (soonest < Infinity) this.kick(soonest - now);
          return;
        }
        this.inFlight = due.length === 1 ? this.deliver(due[0]!, sink) : this.deliverBatch(due, sink);
        try {
          await this.inFlight;
        } finally {
          this.inFlight = null;
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  private async deliver(entry: OutboxEntry, sink: RecordSink): Promise<void> {
    const { clock, logger, log, backoff } = this.deps;
    const rev = entry.rev;
    const body = await this.deps.body(entry);
    this.lastAttemptAt = clock.now();
    const result = body !== null
      ? await sink.deliver({ key: entry.key, revision: rev, day: entry.day, body }, this.stop.signal)
      : ({ ok: false, kind: 'missing', status: null, receiverDown: false } as const);
    if (this.closed && !this.deps.finishInFlightOnClose) return; // aborted by close(): it goes again after the restart
    if (result.ok) {
      try {
        await log.markDelivered(entry.key, rev, clock.now());
      } catch (err) {
        // Delivered but not noted: it will be sent again, under the same idempotency key.
        logger.error({ err, key: entry.key, outbox: this.deps.name }, 'could not note a delivery');
      }
      const latest = log.get(entry.key)!;
      if (latest.deliveredRev >= latest.rev) this.pending.delete(entry.key);
      this.attempts.delete(entry.key);
      this.solo.delete(entry.key);
      // A batch shrunk to one by timeouts grows back once the link carries again.
      if (sink.sendBatch) this.batchCap = Math.min(this.limits().entries, this.batchCap * 2);
      this.lastSuccessAt = clock.now();
      this.lastError = null;
    } else {
      const count = (this.attempts.get(entry.key)?.count ?? 0) + 1;
      const delay = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (count - 1));
      this.lastError = { at: clock.now(), kind: result.kind, status: result.status };
      const refusal = result.receiverDown ? this.attempts.get(entry.key)?.refusal ?? null : this.lastError;
      this.attempts.set(entry.key, { count, nextAt: performance.now() + delay, refusal });
      if (result.receiverDown) this.pausedUntil = performance.now() + delay;
      logger.warn({ outbox: this.deps.name, key: entry.key, revision: rev, kind: result.kind, status: result.status, attempt: count, retryInMs: delay }, 'delivery failed');
    }
    this.changed();
  }

  /**
   * Consecutive versions in one call of the sink, up to its byte limit: the sink took all (each is
   * marked delivered, with one fsync) or none. None because the receiver is down or slow: each waits
   * out the backoff, as a single one would. None because the receiver refused the batch (a bad entry,
   * too large, a receiver without batches): each is sent again one at a time, at once, so the bad one
   * meets its own refusal and backoff while the others go — nothing is skipped or marked unseen.
   */
  private async deliverBatch(entries: OutboxEntry[], sink: RecordSink): Promise<void> {
    const { clock, logger, log, backoff } = this.deps;
    const batch: SinkDelivery[] = [];
    let bytes = 0;
    for (const entry of entries) {
      const body = await this.deps.body(entry);
      if (body === null) {
        // Its source is gone: it meets that on its own, in the single path.
        this.solo.add(entry.key);
        break;
      }
      const size = Buffer.byteLength(body);
      if (batch.length > 0 && bytes + size > this.limits().bytes) break;
      batch.push({ key: entry.key, revision: entry.rev, day: entry.day, body });
      bytes += size;
    }
    if (batch.length === 0) return this.deliver(entries[0]!, sink);
    this.lastAttemptAt = clock.now();
    const result = await sink.sendBatch!(batch, this.stop.signal);
    if (this.closed && !this.deps.finishInFlightOnClose) return; // aborted by close(): it goes again after the restart
    const max = this.limits().entries;
    if (result.ok) {
      try {
        await log.markDeliveredMany(batch.map((d) => ({ key: d.key, rev: d.revision })), clock.now());
      } catch (err) {
        // Delivered but not noted: they will be sent again, under the same idempotency keys.
        logger.error({ err, keys: batch.length, outbox: this.deps.name }, 'could not note a delivery');
      }
      for (const d of batch) {
        const latest = log.get(d.key)!;
        if (latest.deliveredRev >= latest.rev) this.pending.delete(d.key);
        this.attempts.delete(d.key);
      }
      this.batchCap = Math.min(max, this.batchCap * 2);
      this.lastSuccessAt = clock.now();
      this.lastError = null;
    } else {
      this.lastError = { at: clock.now(), kind: result.kind, status: result.status };
      const first = batch[0]!;
      if (result.receiverDown) {
        if (result.kind === 'timeout') this.batchCap = Math.max(1, Math.floor(this.batchCap / 2));
        let delay = backoff.baseMs;
        for (const d of batch) {
          const count = (this.attempts.get(d.key)?.count ?? 0) + 1;
          delay = Math.max(delay, Math.min(backoff.maxMs, backoff.baseMs * 2 ** (count - 1)));
          this.attempts.set(d.key, { count, nextAt: 0, refusal: this.attempts.get(d.key)?.refusal ?? null });
        }
        for (const d of batch) this.attempts.get(d.key)!.nextAt = performance.now() + delay;
        this.pausedUntil = performance.now() + delay;
        logger.warn({ outbox: this.deps.name, from: first.key, versions: batch.length, kind: result.kind, status: result.status, retryInMs: delay }, 'batch delivery failed');
      } else {
        for (const d of batch) this.solo.add(d.key);
        logger.warn({ outbox: this.deps.name, from: first.key, versions: batch.length, kind: result.kind, status: result.status }, 'batch refused; sending its versions one at a time');
      }
    }
    this.changed();
  }

  /** "Retry now": forget the backoff of every pending record and send at once. */
  retryNow(): void {
    this.pausedUntil = 0;
    for (const a of this.attempts.values()) a.nextAt = 0;
    this.kick();
  }

  state(): DeliveryState {
    let next: number | null = null;
    let refusedRecords = 0;
    let lastRefusal: DeliveryError | null = null;
    for (const e of this.pending.values()) {
      const a = this.attempts.get(e.key);
      if (a) next = next === null ? a.nextAt : Math.min(next, a.nextAt);
      if (a?.refusal) {
        refusedRecords++;
        if (!lastRefusal || a.refusal.at >= lastRefusal.at) lastRefusal = a.refusal;
      }
    }
    const oldest = this.pending.values().next().value; // cursor order: the first pending is the oldest
    const toClock = (perf: number) => this.deps.clock.now() + Math.max(0, perf - performance.now());
    return {
      records: this.deps.log.size(), pending: this.pending.size, oldestPendingAt: oldest?.dueAt ?? null,
      lastSuccessAt: this.lastSuccessAt, lastAttemptAt: this.lastAttemptAt, lastError: this.lastError,
      nextAttemptAt: this.pending.size === 0 || next === null ? null : toClock(Math.max(next, this.pausedUntil)),
      refusedRecords, lastRefusal,
    };
  }

  /** Stops delivering (a delivery in flight is aborted and goes again after a restart). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.deps.finishInFlightOnClose) await this.inFlight?.catch(() => {});
    else this.stop.abort();
    if (this.timer) clearTimeout(this.timer);
    await this.deps.log.close();
  }
}
