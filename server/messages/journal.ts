// The messages due, on disk: one fsynced JSON line per message (its key, kind, phone, text, the
// values of its placeholders) written before the message goes to a provider's outbox, and one
// per outcome that is not a delivery (expired, opted out). The outboxes keep only keys and
// revisions (server/outbox): the body of a message is read back from here when it is sent, so
// a message is the same text after a restart. Messages older than the retention are dropped when
// the journal opens (phone numbers are not kept longer than needed), unless still undelivered.
import { mkdir, open } from 'node:fs/promises';
import { readJsonLines } from '../store/json-lines.ts';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Text } from '@core/i18n.ts';
import type { MessageKind } from '@core/messages/templates.ts';
import { writeFileDurably } from '../store/durable-json-file.ts';

export type Provider = 'sms' | 'zns';
/** `failed`: the provider refused it for a reason no retry cures (core/messages/zns-errors.ts). */
export type Outcome = 'expired' | 'opted-out' | 'failed';

export interface MessageRecord {
  key: string;
  kind: MessageKind;
  /** 0xxxxxxxxx. */
  phone: string;
  day: string;
  provider: Provider;
  /** The SMS text, rendered from the template when the message became due. */
  text: string;
  /** The placeholders' values (ZNS fills its template_data from them). */
  values: Record<string, string>;
  at: number;
  expiresAt: number;
  outcome: Outcome | null;
  /** Why it failed for good (Vietnamese, for the manager), when `outcome` is `failed`. */
  reason?: Text | null;
  /** When the outcome was noted. */
  outcomeAt?: number | null;
}

interface MessageLine { k: string; kind: MessageKind; to: string; d: string; p: Provider; t: string; v: Record<string, string>; at: number; exp: number }
interface OutcomeLine { x: string; o: Outcome; at: number; r?: Text }

export class MessageJournal {
  private readonly records = new Map<string, MessageRecord>();
  private handle: FileHandle | null = null;
  private length = 0;
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(readonly path: string) {}

  /** keep(key): whether an old record must stay (its delivery is still pending). */
  static async open(path: string, opts: { now: number; retentionMs: number; keep: (key: string) => boolean }): Promise<MessageJournal> {
    const journal = new MessageJournal(path);
    await mkdir(dirname(path), { recursive: true });
    const { lines, validLength } = await readLines(path);
    for (const line of lines) journal.replay(line);
    let length = validLength;
    let dropped = 0;
    for (const r of [...journal.records.values()]) {
      if (r.at < opts.now - opts.retentionMs && !opts.keep(r.key)) { journal.records.delete(r.key); dropped += 1; }
    }
    if (dropped > 0) {
      const text = [...journal.records.values()].map((r) => linesOf(r).join('\n') + '\n').join('');
      await writeFileDurably(path, text);
      length = Buffer.byteLength(text);
    }
    journal.handle = await open(path, 'a');
    try {
      await journal.handle.truncate(length);
    } catch (err) {
      // Closed here, not left to the garbage collector (Node's DEP0137).
      await journal.handle.close().catch(() => {});
      throw err;
    }
    journal.length = length;
    return journal;
  }

  private replay(line: MessageLine | OutcomeLine): void {
    if ('x' in line) {
      const r = this.records.get(line.x);
      if (r) { r.outcome = line.o; r.outcomeAt = line.at; if (line.r) r.reason = line.r; }
      return;
    }
    this.records.set(line.k, {
      key: line.k, kind: line.kind, phone: line.to, day: line.d, provider: line.p, text: line.t, values: line.v,
      at: line.at, expiresAt: line.exp, outcome: null,
    });
  }

  get(key: string): MessageRecord | undefined {
    return this.records.get(key);
  }

  all(): IterableIterator<MessageRecord> {
    return this.records.values();
  }

  /** Durable when it resolves. A key already written is not written again. */
  append(r: Omit<MessageRecord, 'outcome'>): Promise<boolean> {
    return this.serially(async () => {
      if (this.records.has(r.key)) return false;
      const full: MessageRecord = { ...r, outcome: null };
      await this.write(linesOf(full)[0]!);
      this.records.set(r.key, full);
      return true;
    });
  }

  note(key: string, outcome: Outcome, at: number, reason: Text | null = null): Promise<void> {
    return this.serially(async () => {
      const r = this.records.get(key);
      if (!r || r.outcome) return;
      await this.write(JSON.stringify({ x: key, o: outcome, at, ...(reason ? { r: reason } : {}) } satisfies OutcomeLine));
      r.outcome = outcome;
      r.outcomeAt = at;
      if (reason) r.reason = reason;
    });
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => {});
    return result;
  }

  private async write(line: string): Promise<void> {
    if (!this.handle) throw new Error('message journal is closed');
    const bytes = Buffer.from(line + '\n', 'utf8');
    try {
      await this.handle.write(bytes);
      await this.handle.datasync();
      this.length += bytes.length;
    } catch (err) {
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

function linesOf(r: MessageRecord): string[] {
  const out = [JSON.stringify({ k: r.key, kind: r.kind, to: r.phone, d: r.day, p: r.provider, t: r.text, v: r.values, at: r.at, exp: r.expiresAt } satisfies MessageLine)];
  if (r.outcome) out.push(JSON.stringify({ x: r.key, o: r.outcome, at: r.outcomeAt ?? r.at, ...(r.reason ? { r: r.reason } : {}) } satisfies OutcomeLine));
  return out;
}

async function readLines(path: string): Promise<{ lines: (MessageLine | OutcomeLine)[]; validLength: number }> {
  return (await readJsonLines<MessageLine | OutcomeLine>(path)) ?? { lines: [], validLength: 0 };
}
