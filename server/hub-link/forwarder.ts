// INTERIM, until the durable outbox with pluggable sinks (server/outbox/) takes the hub sink: reads
// the dossier bridge's outbox in cursor order (its pull API) and hands each record to the sink, one
// at a time, in order; after a failure it waits (growing pause) and tries the same record again. The
// cursor is kept durably in <data>/hub-link-cursor.json after each batch: a crash sends the last
// batch again, which the hub ignores (same key, same revision). A newer revision of a record gets a
// new cursor position in the outbox, so it is sent again.
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { ServiceRecord } from '@core/service-record.ts';
import type { RecordSink } from '../outbox/record-sink.ts';
import { writeFileDurably } from '../store/durable-json-file.ts';

export interface ForwarderOptions {
  pull: (after: number, limit: number) => Promise<{ records: ServiceRecord[]; next: number; more: boolean }>;
  sink: RecordSink;
  /** Deliver only while linked. */
  active: () => boolean;
  cursorFile: string;
  /** The hub and site the cursor belongs to (null: not linked). */
  identity: () => string | null;
  logger: Logger;
  batch?: number;
  idleMs?: number;
  maxBackoffMs?: number;
}

export class OutboxForwarder {
  private cursor = 0;
  private cursorFor: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private closed = false;
  private failures = 0;
  private readonly stop = new AbortController();
  private readonly log: Logger;
  /** Records pulled but not yet delivered in the current batch (for the manager's "waiting"). */
  behind = 0;

  private constructor(private readonly o: ForwarderOptions) {
    this.log = o.logger.child({ module: 'hub-records' });
  }

  static async start(o: ForwarderOptions): Promise<OutboxForwarder> {
    const f = new OutboxForwarder(o);
    const text = await readFile(o.cursorFile, 'utf8').catch(() => null);
    let saved: { after?: unknown; for?: unknown } = {};
    try { saved = text ? (JSON.parse(text) as typeof saved) : {}; } catch { f.log.error({ file: o.cursorFile }, 'hub cursor unreadable: sending from the start'); }
    f.cursor = typeof saved.after === 'number' && Number.isInteger(saved.after) && saved.after >= 0 ? saved.after : 0;
    f.cursorFor = typeof saved.for === 'string' ? saved.for : null;
    f.kick();
    return f;
  }

  get position(): number {
    return this.cursor;
  }

  kick(delayMs = 0): void {
    if (this.closed) return;
    if (this.running && delayMs === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; void this.run(); }, delayMs);
    this.timer.unref();
  }

  /** The link came back or changed: no pause. */
  reset(): void {
    this.failures = 0;
    this.kick();
  }

  private async run(): Promise<void> {
    if (this.running || this.closed) return;
    if (!this.o.active()) return this.kick(this.o.idleMs ?? 2_000);
    this.running = true;
    let again = this.o.idleMs ?? 2_000;
    const identity = this.o.identity();
    if (this.cursorFor !== null && identity !== this.cursorFor) this.cursor = 0;
    this.cursorFor = identity;
    try {
      for (;;) {
        const { records, next, more } = await this.o.pull(this.cursor, this.o.batch ?? 100);
        this.behind = records.length;
        let delivered = this.cursor;
        let failed = false;
        for (const r of records) {
          const result = await this.o.sink.deliver({ key: r.key, revision: r.revision, day: r.day, body: JSON.stringify(r) }, this.stop.signal);
          if (this.closed) return;
          if (!result.ok) {
            this.failures += 1;
            again = Math.min(this.o.maxBackoffMs ?? 30_000, 500 * 2 ** (this.failures - 1));
            if (this.failures === 1) this.log.warn({ key: r.key, revision: r.revision, kind: result.kind, status: result.status }, 'record not delivered to the hub; retrying');
            failed = true;
            break;
          }
          this.failures = 0;
          delivered = r.sequence;
          this.behind -= 1;
        }
        if (!failed) delivered = next;
        if (delivered !== this.cursor) {
          this.cursor = delivered;
          await writeFileDurably(this.o.cursorFile, JSON.stringify({ after: delivered, for: identity }) + '\n');
        }
        if (failed || !more) break;
      }
    } catch (err) {
      this.log.error({ err }, 'hub forwarding failed; trying again later');
    } finally {
      this.running = false;
    }
    this.kick(again);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stop.abort();
    if (this.timer) clearTimeout(this.timer);
  }
}
