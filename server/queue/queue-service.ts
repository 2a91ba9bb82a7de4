// The only copy of the truth: today's queue state. Commands run one at a time through the pure
// engine; their changes are journaled (group commit) before anyone hears of them, and fsynced
// before the command is acknowledged.
import type { Logger } from 'pino';
import type { Command, DomainEvent } from '@core/commands.ts';
import { closeDay, decide, rollover } from '@core/engine.ts';
import type { ErrorCode, Params } from '@core/i18n.ts';
import type { CounterState, DayState, Ticket } from '@core/ticket.ts';
import { attachWaitingIndex, buildWaitingIndex, emptyDay, isFinal } from '@core/ticket.ts';
import { localDay, nextLocalMidnight } from '@core/time.ts';
import type { Clock } from '../deps.ts';
import type { Store } from '../store/store.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { EventBus } from '../events/event-bus.ts';
import { applyChangesInPlace, captureUndo, revertInPlace } from '../store/day-changes.ts';
import type { Undo } from '../store/day-changes.ts';
import { DayWriter } from './day-writer.ts';

function withWaitingIndex(state: DayState): DayState {
  attachWaitingIndex(state, buildWaitingIndex(state));
  return state;
}

/** Reopening an unwritable journal is retried after this long, doubling up to the maximum. */
const REOPEN_FIRST_MS = 250;
const REOPEN_MAX_MS = 10_000;

/** The day cannot be written (EPERM, EROFS, ENOSPC…): commands are refused until it can. */
export interface WriteFault {
  since: number;
  error: string;
}

export type Executed =
  | { ok: true; ticket: Ticket | null; counter: CounterState | null; events: DomainEvent[] }
  | { ok: false; code: ErrorCode; params: Params };

export class QueueService {
  private state: DayState;
  private writer: DayWriter;
  /** Set while the journal is repaired after a failed write; commands wait for it. */
  private reloading: Promise<void> | null = null;
  /** Changes applied in memory but not yet fsynced, oldest first, with what they replaced. */
  private unsynced: { seq: number; undo: Undo }[] = [];
  /** `${deviceId}:${requestId}` → ticket id, so a repeated tap returns the same ticket. */
  private readonly requests = new Map<string, string>();
  private midnightTimer: NodeJS.Timeout | null = null;
  private rolling: Promise<void> | null = null;
  private fault: WriteFault | null = null;
  /** True while the journal cannot even be opened: commands are refused at once, not held. */
  private unopenable = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly config: LiveConfig,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    initial: DayState,
  ) {
    this.state = withWaitingIndex(initial);
    this.writer = this.newWriter(initial);
    this.reindexRequests();
  }

  static async open(store: Store, clock: Clock, config: LiveConfig, bus: EventBus, logger: Logger): Promise<QueueService> {
    const log = logger.child({ module: 'queue' });
    const now = clock.now();
    const today = localDay(now);
    // A day the server did not live to close (stopped overnight, crashed) is closed now, so its
    // unfinished tickets read as expired in history rather than waiting forever, and its journal
    // is folded into its snapshot.
    const days = await store.listDays();
    for (const day of days.filter((d) => d < today).slice(-3)) {
      const old = await store.readDay(day);
      if (!old) continue;
      const open = Object.values(old.tickets).some((t) => !isFinal(t.status));
      if (open || (await store.hasJournal(day))) {
        await store.writeDay(open ? closeDay(old, now) : old);
        await store.deleteJournal(day);
        log.info({ day }, 'closed a day left open');
      }
    }
    const state = (await store.readDay(today)) ?? emptyDay(today);
    return new QueueService(store, clock, config, bus, log, state);
  }

  private newWriter(state: DayState, startSeq = state.journalSeq ?? 0): DayWriter {
    const writer: DayWriter = new DayWriter(this.store, state.day, () => this.state, startSeq, (error) => this.writeFailed(writer, error));
    // A journal that cannot be opened is a failure even before anyone records a change, so the
    // manager hears of it at start, not at the first citizen's ticket.
    writer.ready.catch((error: unknown) => this.writeFailed(writer, error));
    return writer;
  }

  private writeFailed(writer: DayWriter, error: unknown): void {
    if (this.writer !== writer) return;
    this.logger.error({ err: error, day: writer.day }, 'day write failed; taking back what was not on disk');
    // Synchronously, so nobody sees a change whose command is being refused.
    for (const { undo } of this.unsynced.reverse()) revertInPlace(this.state, undo);
    this.unsynced = [];
    this.reindexRequests();
    this.setFault(error);
    if (!this.reloading) {
      this.reloading = this.repair(writer);
      this.reloading.catch((err: unknown) => this.logger.error({ err }, 'journal repair failed'));
    }
  }

  /**
   * After a failed write: cut the journal back to what was fsynced and carry on with a new writer.
   * A journal that cannot be reopened (read-only disk, immutable file, wrong owner) is retried with
   * backoff until it can; meanwhile every command is refused at once and the server stays up.
   */
  private async repair(failed: DayWriter): Promise<void> {
    await failed.rollback();
    const seq = failed.syncedSeq;
    if (!(await this.reopen(seq))) {
      this.unopenable = true;
      this.logger.error({ err: this.fault?.error, day: this.state.day }, 'the day journal cannot be opened: every command is refused until it can (retrying)');
      this.retryOpen(seq, REOPEN_FIRST_MS);
    }
    this.reloading = null;
  }

  private async reopen(seq: number): Promise<boolean> {
    const writer = this.newWriter(this.state, seq);
    const ok = await writer.ready.then(() => !this.closed, () => false);
    if (ok) this.writer = writer;
    else await writer.release();
    return ok;
  }

  private retryOpen(seq: number, delay: number): void {
    this.retryTimer = setTimeout(() => {
      void this.reopen(seq).then((ok) => {
        if (ok) {
          this.unopenable = false;
          this.clearFault();
        } else if (!this.closed) {
          this.retryOpen(seq, Math.min(delay * 2, REOPEN_MAX_MS));
        }
      });
    }, delay);
    this.retryTimer.unref();
  }

  /** Set while the day cannot be written; the manager sees it as an alert. */
  get writeFault(): WriteFault | null {
    return this.fault;
  }

  private setFault(error: unknown): void {
    if (this.fault) return;
    const code = (error as NodeJS.ErrnoException | null)?.code;
    this.fault = { since: this.clock.now(), error: code ?? (error instanceof Error ? error.message : String(error)) };
    this.bus.emit('storage.changed');
  }

  private clearFault(): void {
    if (!this.fault) return;
    this.logger.info({ day: this.state.day }, 'the day can be written again');
    this.fault = null;
    this.bus.emit('storage.changed');
  }

  get current(): DayState {
    return this.state;
  }

  ticket(id: string): Ticket | undefined {
    return this.state.tickets[id];
  }

  counterOfOfficer(officerId: string): CounterState | undefined {
    return Object.values(this.state.counters).find((c) => c.status !== 'closed' && c.officerId === officerId);
  }

  async execute(cmd: Command): Promise<Executed> {
    if (this.reloading) await this.reloading;
    // Refused before the engine runs: nothing is applied that the journal could not take.
    if (this.unopenable) throw new Error(`day ${this.state.day}: the journal cannot be written (${this.fault?.error ?? 'unknown'})`);
    this.rolloverIfNeeded();
    if (this.rolling) await this.rolling;
    if (cmd.type === 'rollover') return { ok: true, ticket: null, counter: null, events: [] };
    if (cmd.type === 'issue' && cmd.source.requestId) {
      const existing = this.requests.get(`${cmd.source.deviceId}:${cmd.source.requestId}`);
      const ticket = existing ? this.state.tickets[existing] : undefined;
      if (ticket) {
        await this.writer.durable();
        return { ok: true, ticket: this.state.tickets[ticket.id] ?? ticket, counter: null, events: [] };
      }
    }
    const decision = decide(this.state, this.config.index, cmd, this.clock.now());
    if (!decision.ok) return { ok: false, code: decision.code, params: decision.params };
    const undo = captureUndo(this.state, decision.changes);
    applyChangesInPlace(this.state, decision.changes);
    if (cmd.type === 'issue' && cmd.source.requestId && decision.ticket) {
      this.requests.set(`${cmd.source.deviceId}:${cmd.source.requestId}`, decision.ticket.id);
    }
    const recorded = this.writer.record(decision.changes);
    this.unsynced.push({ seq: recorded.seq, undo });
    void recorded.synced.then(() => this.forgetUndo(recorded.seq), () => {});
    // Screens hear of a change once it is written to the OS: a crash of this process cannot lose
    // it any more. The acknowledgement waits for fsync: then not even a power cut can.
    await recorded.written;
    this.publish(decision.events);
    await recorded.synced;
    this.clearFault(); // a write went through: the disk takes writes again
    return { ok: true, ticket: decision.ticket, counter: decision.counter, events: decision.events };
  }

  private forgetUndo(seq: number): void {
    let i = 0;
    while (i < this.unsynced.length && this.unsynced[i]!.seq <= seq) i += 1;
    if (i > 0) this.unsynced.splice(0, i);
  }

  /** Crossing local midnight: yesterday is closed and written, today starts empty (core's rollover()). */
  private rolloverIfNeeded(): void {
    const next = rollover(this.state, this.clock.now());
    if (!next) return; // same day, or a clock stepping back: a day is never reopened
    const previous = this.writer;
    this.state = withWaitingIndex(next.state);
    this.writer = this.newWriter(this.state);
    this.requests.clear();
    this.unsynced = []; // yesterday's pending writes are covered by its final snapshot
    this.logger.info({ closed: next.closedDay.day, day: next.state.day }, 'new day');
    this.rolling = previous.finish(next.closedDay).then(() => this.publish(next.events), (err: unknown) => {
      this.logger.error({ err, day: next.closedDay.day }, 'could not write the closed day');
    }).finally(() => { this.rolling = null; });
  }

  /** Roll over at local midnight even when nobody does anything, so boards clear by themselves. */
  startMidnightTimer(): void {
    const delay = nextLocalMidnight(this.clock.now()) - this.clock.now() + 1_000;
    this.midnightTimer = setTimeout(() => {
      this.execute({ type: 'rollover' })
        .catch((err: unknown) => this.logger.error({ err }, 'rollover failed'))
        .finally(() => this.startMidnightTimer());
    }, Math.min(delay, 2 ** 31 - 1));
    this.midnightTimer.unref();
  }

  private reindexRequests(): void {
    this.requests.clear();
    for (const t of Object.values(this.state.tickets)) {
      if (t.source.requestId) this.requests.set(`${t.source.deviceId}:${t.source.requestId}`, t.id);
    }
  }

  private publish(events: DomainEvent[]): void {
    if (events.length > 0) this.bus.emit('queue.events', events, this.state);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.midnightTimer) clearTimeout(this.midnightTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.rolling) await this.rolling;
    await this.writer.durable().catch(() => {});
    await this.writer.release();
  }
}
