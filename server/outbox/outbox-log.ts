// The export outbox on disk: an append-only log of small lines, each fsynced before it counts.
//   {"s":12,"k":"<key>","d":"2026-11-23","r":2,"h":"<hash>","t":1795400000000}   version r of record k is due (cursor s) since t
//   {"ok":"<key>","r":2,"at":1795400000000}                    version r of k was delivered (2xx)
// Record bodies are not stored: they are rebuilt from the day files, which are the truth. So a
// year of records costs a few MB here, and a record can never disagree with its ticket for long.
// A torn last line (the process died mid-write) is cut off on open; a log with many superseded
// lines is rewritten compactly on open.
import { mkdir, open } from 'node:fs/promises';
import { readJsonLines } from '../store/json-lines.ts';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileDurably } from '../store/durable-json-file.ts';

export interface OutboxEntry {
  key: string;
  day: string;
  /** Latest revision, its hash and its cursor position. */
  rev: number;
  hash: string;
  seq: number;
  /** When the latest revision was written (server clock). */
  dueAt: number;
  deliveredRev: number;
  deliveredAt: number | null;
}

interface VersionLine { s: number; k: string; d: string; r: number; h: string; t: number }
interface DeliveredLine { ok: string; r: number; at: number }

export class OutboxLog {
  private readonly entries = new Map<string, OutboxEntry>();
  /** Cursor order: one slot per version written; a slot is live while its key's latest seq is it. */
  private readonly bySeq: { seq: number; key: string }[] = [];
  private nextSeq = 1;
  private handle: FileHandle | null = null;
  private length = 0;
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(readonly path: string) {}

  static async open(path: string): Promise<OutboxLog> {
    const log = new OutboxLog(path);
    await mkdir(dirname(path), { recursive: true });
    const { lines, validLength } = await readLines(path);
    for (const line of lines) log.replay(line);
    let length = validLength;
    if (lines.length > 2 * log.entries.size + 1_000) {
      const compact = log.compactText();
      await writeFileDurably(path, compact);
      length = Buffer.byteLength(compact);
    }
    log.handle = await open(path, 'a');
    try {
      await log.handle.truncate(length);
    } catch (err) {
      await log.handle.close().catch(() => {});
      throw err;
    }
    log.length = length;
    return log;
  }

  private replay(line: VersionLine | DeliveredLine): void {
    if ('ok' in line) {
      const e = this.entries.get(line.ok);
      if (e && line.r > e.deliveredRev) {
        e.deliveredRev = line.r;
        e.deliveredAt = line.at;
      }
      return;
    }
    const old = this.entries.get(line.k);
    this.entries.set(line.k, {
      key: line.k, day: line.d, rev: line.r, hash: line.h, seq: line.s, dueAt: line.t,
      deliveredRev: old?.deliveredRev ?? 0, deliveredAt: old?.deliveredAt ?? null,
    });
    this.bySeq.push({ seq: line.s, key: line.k });
    this.nextSeq = Math.max(this.nextSeq, line.s + 1);
  }

  private compactText(): string {
    const live = this.bySeq.filter((slot) => this.entries.get(slot.key)?.seq === slot.seq);
    this.bySeq.splice(0, this.bySeq.length, ...live);
    const out: string[] = [];
    for (const { key } of live) {
      const e = this.entries.get(key)!;
      out.push(JSON.stringify({ s: e.seq, k: e.key, d: e.day, r: e.rev, h: e.hash, t: e.dueAt } satisfies VersionLine));
      if (e.deliveredRev > 0) out.push(JSON.stringify({ ok: e.key, r: e.deliveredRev, at: e.deliveredAt ?? 0 } satisfies DeliveredLine));
    }
    return out.length === 0 ? '' : out.join('\n') + '\n';
  }

  get(key: string): OutboxEntry | undefined {
    return this.entries.get(key);
  }

  all(): IterableIterator<OutboxEntry> {
    return this.entries.values();
  }

  size(): number {
    return this.entries.size;
  }

  /** The newest day that has records, to know where to look for changes missed while down. */
  lastDay(): string | null {
    let last: string | null = null;
    for (const e of this.entries.values()) if (last === null || e.day > last) last = e.day;
    return last;
  }

  /** Write a new version of a record; it counts (and gets its cursor) once it is on disk. */
  appendVersion(key: string, day: string, hash: string, at: number): Promise<OutboxEntry> {
    return this.serially(async () => {
      const old = this.entries.get(key);
      const line: VersionLine = { s: this.nextSeq, k: key, d: day, r: (old?.rev ?? 0) + 1, h: hash, t: at };
      await this.write(line);
      this.nextSeq += 1;
      this.replay(line);
      return this.entries.get(key)!;
    });
  }

  markDelivered(key: string, rev: number, at: number): Promise<void> {
    return this.markDeliveredMany([{ key, rev }], at);
  }

  /** Several deliveries (a batch the receiver took) noted with one write and one fsync. */
  markDeliveredMany(items: readonly { key: string; rev: number }[], at: number): Promise<void> {
    return this.serially(async () => {
      const lines = items.map((i): DeliveredLine => ({ ok: i.key, r: i.rev, at }));
      await this.write(lines);
      for (const line of lines) this.replay(line);
    });
  }

  /** Live versions after a cursor, in cursor order, and whether more follow. */
  after(cursor: number, limit: number): { entries: OutboxEntry[]; more: boolean } {
    let lo = 0;
    let hi = this.bySeq.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.bySeq[mid]!.seq <= cursor) lo = mid + 1;
      else hi = mid;
    }
    const entries: OutboxEntry[] = [];
    for (let i = lo; i < this.bySeq.length; i++) {
      const slot = this.bySeq[i]!;
      const e = this.entries.get(slot.key);
      if (!e || e.seq !== slot.seq) continue; // superseded by a newer version further on
      if (entries.length === limit) return { entries, more: true };
      entries.push(e);
    }
    return { entries, more: false };
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => {});
    return result;
  }

  private async write(line: VersionLine | DeliveredLine | DeliveredLine[]): Promise<void> {
    if (!this.handle) throw new Error('outbox log is closed');
    const lines = Array.isArray(line) ? line : [line];
    if (lines.length === 0) return;
    const bytes = Buffer.from(lines.map((l) => JSON.stringify(l) + '\n').join(''), 'utf8');
    try {
      await this.handle.write(bytes);
      await this.handle.datasync();
      this.length += bytes.length;
    } catch (err) {
      // Never leave half a line for the next one to be glued to.
      await this.handle.truncate(this.length).catch(() => {});
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.tail;
    await this.handle?.close();
    this.handle = null;
  }
}

async function readLines(path: string): Promise<{ lines: (VersionLine | DeliveredLine)[]; validLength: number }> {
  return (await readJsonLines<VersionLine | DeliveredLine>(path)) ?? { lines: [], validLength: 0 };
}
