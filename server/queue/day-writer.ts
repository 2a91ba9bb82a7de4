// Makes a day's changes durable, in order, in batches (group commit):
//   record(changes) → `written` once the batch is in the OS (it survives a crash of this process)
//                   → `synced`  once it is fsynced (it survives a power cut).
// Every `snapshotEvery` entries the whole day is written as a snapshot and the journal emptied, so
// a restart replays at most that many lines.
import type { DayChanges } from '@core/commands.ts';
import type { DayState } from '@core/ticket.ts';
import type { Store } from '../store/store.ts';
import type { DayJournal } from '../store/journal-file.ts';

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  promise.catch(() => {}); // a caller may stop at `written`; the rejection is reported there
  return { promise, resolve, reject };
}

interface Entry {
  seq: number;
  line: string;
  written: Deferred;
  synced: Deferred;
}

export interface Recorded {
  seq: number;
  written: Promise<void>;
  synced: Promise<void>;
}

export class DayWriter {
  /** Recorded while the journal could not take them at once (opening, a snapshot under way). */
  private pending: Entry[] = [];
  /** In the OS, waiting for the next fsync. */
  private unsynced: Entry[] = [];
  private running = false;
  private seq: number;
  /** The last entry known to be on disk (fsynced or in a snapshot). */
  syncedSeq: number;
  private sinceSnapshot = 0;
  private failure: unknown = null;
  /** A write that failed inside record(): the pump reports it, after the caller noted its undo. */
  private appendError: unknown = null;
  private last: Entry | null = null;
  private final: { state: DayState; done: Deferred } | null = null;
  private readonly journal: Promise<DayJournal>;
  /** Resolves once the journal is open; rejects if it cannot be (EPERM, EROFS…). */
  readonly ready: Promise<void>;
  /** The journal once open, for writes made at once in record(). */
  private open: DayJournal | null = null;
  private snapshotting = false;
  private finished = false;

  constructor(
    private readonly store: Store,
    readonly day: string,
    /** The live state: at any moment it holds exactly the changes recorded so far. */
    private readonly current: () => DayState,
    startSeq: number,
    private readonly onFailure: (error: unknown) => void,
    private readonly snapshotEvery = 1000,
  ) {
    this.seq = startSeq;
    this.syncedSeq = startSeq;
    this.journal = store.openJournal(day);
    this.ready = this.journal.then((j) => {
      this.open = j;
      this.sinceSnapshot += j.entriesAtOpen;
    });
    this.ready.catch(() => {}); // the owner hears of it through `ready`, a batch through the pump
  }

  /**
   * The change is in the OS when `written` resolves. Usually that is already so when this returns:
   * the line is written at once, so the screens can be told in the same turn of the event loop;
   * only the fsync is shared with the other changes of the moment (group commit).
   */
  record(changes: DayChanges): Recorded {
    const seq = ++this.seq;
    const entry: Entry = { seq, line: `${JSON.stringify({ n: seq, c: changes })}\n`, written: deferred(), synced: deferred() };
    if (this.failure || this.final) {
      const error = this.failure ?? new Error(`day ${this.day} is closed`);
      entry.written.reject(error);
      entry.synced.reject(error);
      return { seq, written: entry.written.promise, synced: entry.synced.promise };
    }
    this.last = entry;
    const direct = this.open && !this.snapshotting && !this.appendError && this.pending.length === 0
      && this.sinceSnapshot + this.unsynced.length + 1 < this.snapshotEvery;
    if (direct) {
      try {
        this.open!.append(entry.line);
        entry.written.resolve();
        this.unsynced.push(entry);
      } catch (error) {
        this.appendError = error;
        this.pending.push(entry);
      }
    } else {
      this.pending.push(entry);
    }
    this.kick();
    return { seq, written: entry.written.promise, synced: entry.synced.promise };
  }

  /** Resolves once everything recorded so far is fsynced. */
  durable(): Promise<void> {
    return this.last?.synced.promise ?? Promise.resolve();
  }

  /** Write the day's final state as its snapshot and retire the journal (at local midnight). */
  finish(finalState: DayState): Promise<void> {
    if (!this.final) {
      this.final = { state: finalState, done: deferred() };
      this.kick();
    }
    return this.final.done.promise;
  }

  /**
   * The app is closing: once everything recorded is fsynced, release the journal's file. Without
   * this an in-process restart (server/supervisor.ts) would leave one open handle per restart.
   * Anything recorded later is refused, never written through a stale handle.
   */
  async release(): Promise<void> {
    await this.durable().catch(() => {});
    this.failure ??= new Error(`day ${this.day}: the app is closing`);
    const journal = await this.journal.catch(() => null);
    await journal?.close().catch(() => {});
  }

  /** Undo a failed batch's partial write; the owner then reloads the day from disk. */
  async rollback(): Promise<void> {
    const journal = await this.journal.catch(() => null); // never opened: nothing to undo
    if (!journal) return;
    await journal.rollback().catch(() => {});
    await journal.close().catch(() => {});
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.pump().finally(() => {
      this.running = false;
      if ((this.pending.length > 0 || this.unsynced.length > 0 || this.final) && !this.failure && !this.finished) this.kick();
    });
  }

  private async pump(): Promise<void> {
    let batch: Entry[] = [];
    try {
      const journal = await this.journal;
      while (this.pending.length > 0 || this.unsynced.length > 0 || (this.final && !this.finished)) {
        if (this.appendError) throw this.appendError;
        batch = this.pending.splice(0);
        if (this.final || this.sinceSnapshot + this.unsynced.length + batch.length >= this.snapshotEvery) {
          await this.snapshot(journal, batch);
          batch = [];
          continue;
        }
        if (batch.length > 0) {
          journal.append(batch.map((e) => e.line).join(''));
          for (const e of batch) e.written.resolve();
          this.unsynced.push(...batch);
          batch = [];
        }
        const syncing = this.unsynced.splice(0);
        batch = syncing; // rejected with the rest if the fsync fails
        await journal.sync();
        batch = [];
        this.syncedSeq = syncing[syncing.length - 1]!.seq;
        this.sinceSnapshot += syncing.length;
        for (const e of syncing) e.synced.resolve();
      }
    } catch (error) {
      this.failure = error;
      for (const e of [...batch, ...this.unsynced.splice(0), ...this.pending.splice(0)]) {
        e.written.reject(error);
        e.synced.reject(error);
      }
      this.final?.done.reject(error);
      this.onFailure(error);
    }
  }

  /** The whole day as a snapshot, then an empty journal: it holds every change recorded so far. */
  private async snapshot(journal: DayJournal, batch: Entry[]): Promise<void> {
    this.snapshotting = true; // changes recorded meanwhile wait in `pending`, for the new journal
    try {
      // No line is written directly while this runs, so `unsynced` holds exactly what was before.
      const covered = [...this.unsynced, ...batch];
      const state = this.final?.state ?? this.current();
      const coveredSeq = this.seq;
      await this.store.writeDay({ ...state, journalSeq: coveredSeq });
      this.syncedSeq = coveredSeq;
      await journal.reset();
      this.sinceSnapshot = 0;
      this.unsynced = [];
      for (const e of covered) { e.written.resolve(); e.synced.resolve(); }
      if (this.final) {
        await journal.close();
        await this.store.deleteJournal(this.day);
        this.finished = true;
        this.final.done.resolve();
      }
    } finally {
      this.snapshotting = false;
    }
  }
}
