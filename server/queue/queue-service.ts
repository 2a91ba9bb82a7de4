// The only copy of the truth: today's queue state. Commands run one at a time through the pure
// engine; the new state is made durable (group commit) before the command is acknowledged and
// before anyone is told about it.
import type { Logger } from 'pino';
import type { ConfigIndex } from '@core/config.ts';
import type { Command, DomainEvent } from '@core/commands.ts';
import { apply, closeDay } from '@core/engine.ts';
import type { ErrorCode, Params } from '@core/i18n.ts';
import type { CounterState, DayState, Ticket } from '@core/ticket.ts';
import { emptyDay, isFinal } from '@core/ticket.ts';
import { localDay, nextLocalMidnight } from '@core/time.ts';
import type { Clock } from '../deps.ts';
import type { Store } from '../store/store.ts';
import { GroupCommit } from '../store/group-commit.ts';

export type Executed =
  | { ok: true; ticket: Ticket | null; counter: CounterState | null; events: DomainEvent[] }
  | { ok: false; code: ErrorCode; params: Params };

export type EventListener = (events: DomainEvent[], state: DayState) => void;

export class QueueService {
  private state: DayState;
  private readonly commit: GroupCommit<DayState>;
  /** `${deviceId}:${requestId}` → ticket id, so a repeated tap returns the same ticket. */
  private readonly requests = new Map<string, string>();
  private readonly listeners: EventListener[] = [];
  private midnightTimer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private index: ConfigIndex,
    private readonly logger: Logger,
    initial: DayState,
  ) {
    this.state = initial;
    this.commit = new GroupCommit(() => this.state, (s) => this.store.writeDay(s), initial, (durable, error) => {
      this.logger.error({ err: error }, 'day write failed; falling back to the last saved state');
      this.state = durable;
      this.reindexRequests();
    });
    this.reindexRequests();
  }

  static async open(store: Store, clock: Clock, index: ConfigIndex, logger: Logger): Promise<QueueService> {
    const log = logger.child({ module: 'queue' });
    const now = clock.now();
    const today = localDay(now);
    // A day the server did not live to close (stopped overnight, crashed) is closed now, so its
    // unfinished tickets read as expired in history rather than waiting forever.
    const days = await store.listDays();
    for (const day of days.filter((d) => d < today).slice(-3)) {
      const old = await store.readDay(day);
      if (old && Object.values(old.tickets).some((t) => !isFinal(t.status))) {
        await store.writeDay(closeDay(old, now));
        log.info({ day }, 'closed a day left open');
      }
    }
    const state = (await store.readDay(today)) ?? emptyDay(today);
    return new QueueService(store, clock, index, log, state);
  }

  get current(): DayState {
    return this.state;
  }

  get config(): ConfigIndex {
    return this.index;
  }

  onEvents(listener: EventListener): void {
    this.listeners.push(listener);
  }

  ticket(id: string): Ticket | undefined {
    return this.state.tickets[id];
  }

  counterOfOfficer(officerId: string): CounterState | undefined {
    return Object.values(this.state.counters).find((c) => c.status !== 'closed' && c.officerId === officerId);
  }

  async execute(cmd: Command): Promise<Executed> {
    const rolled = this.rolloverIfNeeded();
    if (cmd.type === 'rollover') {
      await rolled;
      return { ok: true, ticket: null, counter: null, events: [] };
    }
    if (cmd.type === 'issue' && cmd.source.requestId) {
      const existing = this.requests.get(`${cmd.source.deviceId}:${cmd.source.requestId}`);
      const ticket = existing ? this.state.tickets[existing] : undefined;
      if (ticket) {
        await this.commit.commit();
        return { ok: true, ticket: this.state.tickets[ticket.id] ?? ticket, counter: null, events: [] };
      }
    }
    const result = apply(this.state, this.index, cmd, this.clock.now());
    if (!result.ok) {
      await rolled;
      return { ok: false, code: result.code, params: result.params };
    }
    this.state = result.state;
    if (cmd.type === 'issue' && cmd.source.requestId && result.ticket) {
      this.requests.set(`${cmd.source.deviceId}:${cmd.source.requestId}`, result.ticket.id);
    }
    await Promise.all([rolled, this.commit.commit()]);
    this.publish(result.events);
    return { ok: true, ticket: result.ticket, counter: result.counter, events: result.events };
  }

  /** Crossing local midnight: yesterday is closed and written, today starts empty. */
  private rolloverIfNeeded(): Promise<void> | null {
    const now = this.clock.now();
    if (localDay(now) === this.state.day) return null;
    const result = apply(this.state, this.index, { type: 'rollover' }, now);
    if (!result.ok || !result.closedDay) return null;
    const closed = result.closedDay;
    this.state = result.state;
    this.requests.clear();
    this.logger.info({ closed: closed.day, day: this.state.day }, 'new day');
    return this.commit.idle()
      .then(() => this.store.writeDay(closed))
      .then(() => this.commit.commit())
      .then(() => this.publish(result.events));
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
    if (events.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(events, this.state);
      } catch (err) {
        this.logger.error({ err }, 'event listener failed');
      }
    }
  }

  async close(): Promise<void> {
    if (this.midnightTimer) clearTimeout(this.midnightTimer);
    await this.commit.idle();
  }
}
