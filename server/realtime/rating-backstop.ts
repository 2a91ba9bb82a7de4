// "No answer in time is recorded as not rated." The pad records it itself when its countdown ends;
// this is the server's backstop for a pad that is switched off, offline or reloading at that
// moment. It only acts for counters that have a rating pad: where no pad exists nobody was asked,
// so there is nothing to record. Timers are rebuilt from the day's state when the server starts.
import type { DomainEvent } from '@core/commands.ts';
import { ratingBackstopMs } from '@core/rating.ts';
import type { Ticket } from '@core/ticket.ts';
import type { Logger } from 'pino';
import type { AccountService } from '../auth/accounts.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { Clock } from '../deps.ts';
import type { Extension } from '../events/extensions.ts';
import type { QueueService } from '../queue/queue-service.ts';

export interface RatingBackstop extends Extension {
  /** Tickets with a pending backstop timer (for tests and diagnostics). */
  pending(): string[];
}

export interface RatingBackstopDeps {
  queue: Pick<QueueService, 'current' | 'ticket' | 'execute'>;
  accounts: Pick<AccountService, 'devices'>;
  config: LiveConfig;
  clock: Clock;
  logger: Logger;
}

export function createRatingBackstop({ queue, accounts, config, clock, logger }: RatingBackstopDeps): RatingBackstop {
  const log = logger.child({ module: 'rating-backstop' });
  const timers = new Map<string, NodeJS.Timeout>();

  const counterHasPad = (counter: number | null) =>
    counter !== null && accounts.devices().some((d) => d.kind === 'rating' && d.counter === counter && d.revokedAt === null);

  const cancel = (ticketId: string) => {
    const timer = timers.get(ticketId);
    if (timer) clearTimeout(timer);
    timers.delete(ticketId);
  };

  const recordNotRated = async (ticketId: string, counter: number) => {
    timers.delete(ticketId);
    const t = queue.ticket(ticketId);
    if (!t || t.status !== 'done' || t.rating) return;
    const result = await queue.execute({ type: 'rate', counter, ticketId, score: null, reasons: [], comment: '' });
    // ALREADY_RATED: the pad answered while this was queued; that answer stands.
    if (!result.ok && result.code !== 'ALREADY_RATED') log.warn({ ticketId, code: result.code }, 'could not record "not rated"');
  };

  const schedule = (t: Ticket) => {
    if (t.status !== 'done' || t.rating || t.counter === null || !counterHasPad(t.counter)) return;
    cancel(t.id);
    const counter = t.counter;
    // The countdown is read per ticket: an admin may change it during the day.
    const delay = Math.max(0, (t.finishedAt ?? clock.now()) + ratingBackstopMs(config.ratingTimeoutSec) - clock.now());
    const timer = setTimeout(() => {
      recordNotRated(t.id, counter).catch((err: unknown) => log.error({ err, ticketId: t.id }, 'backstop failed'));
    }, delay);
    timer.unref();
    timers.set(t.id, timer);
  };

  for (const t of Object.values(queue.current.tickets)) schedule(t);

  return {
    name: 'rating-backstop',
    onQueueEvents(events: DomainEvent[]) {
      for (const e of events) {
        if (e.type === 'ticket:finished') schedule(e.ticket);
        else if (e.type === 'ticket:rated') cancel(e.ticket.id);
        else if (e.type === 'day:started') for (const id of [...timers.keys()]) cancel(id);
      }
    },
    pending: () => [...timers.keys()],
    close() {
      for (const id of [...timers.keys()]) cancel(id);
    },
  };
}
