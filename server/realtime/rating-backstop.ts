// "No answer in time is recorded as not rated." The pad records it itself when its countdown ends;
// this is the server's backstop for a pad that is switched off, offline or reloading at that
// moment. It only acts for counters that have a rating pad: where no pad exists nobody was asked,
// so there is nothing to record. Timers are rebuilt from the day's state when the server starts.
import type { DomainEvent } from '@core/commands.ts';
import { ratingBackstopMs } from '@core/rating.ts';
import type { Ticket } from '@core/ticket.ts';
import type { AppContext } from '../context.ts';

export interface RatingBackstop {
  /** Tickets with a pending backstop timer (for tests and diagnostics). */
  pending(): string[];
  close(): void;
}

export function attachRatingBackstop(ctx: AppContext): RatingBackstop {
  const log = ctx.logger.child({ module: 'rating-backstop' });
  const timers = new Map<string, NodeJS.Timeout>();

  const counterHasPad = (counter: number | null) =>
    counter !== null && ctx.accounts.devices().some((d) => d.kind === 'rating' && d.counter === counter && d.revokedAt === null);

  const cancel = (ticketId: string) => {
    const timer = timers.get(ticketId);
    if (timer) clearTimeout(timer);
    timers.delete(ticketId);
  };

  const recordNotRated = async (ticketId: string, counter: number) => {
    timers.delete(ticketId);
    const t = ctx.queue.ticket(ticketId);
    if (!t || t.status !== 'done' || t.rating) return;
    const result = await ctx.queue.execute({ type: 'rate', counter, ticketId, score: null, reasons: [], comment: '' });
    // ALREADY_RATED: the pad answered while this was queued; that answer stands.
    if (!result.ok && result.code !== 'ALREADY_RATED') log.warn({ ticketId, code: result.code }, 'could not record "not rated"');
  };

  const schedule = (t: Ticket) => {
    if (t.status !== 'done' || t.rating || t.counter === null || !counterHasPad(t.counter)) return;
    cancel(t.id);
    const counter = t.counter;
    // The countdown is read per ticket: an admin may change it during the day.
    const delay = Math.max(0, (t.finishedAt ?? ctx.clock.now()) + ratingBackstopMs(ctx.ratingTimeoutSec) - ctx.clock.now());
    const timer = setTimeout(() => {
      recordNotRated(t.id, counter).catch((err: unknown) => log.error({ err, ticketId: t.id }, 'backstop failed'));
    }, delay);
    timer.unref();
    timers.set(t.id, timer);
  };

  for (const t of Object.values(ctx.queue.current.tickets)) schedule(t);

  ctx.queue.onEvents((events: DomainEvent[]) => {
    for (const e of events) {
      if (e.type === 'ticket:finished') schedule(e.ticket);
      else if (e.type === 'ticket:rated') cancel(e.ticket.id);
      else if (e.type === 'day:started') for (const id of [...timers.keys()]) cancel(id);
    }
  });

  return {
    pending: () => [...timers.keys()],
    close() {
      for (const id of [...timers.keys()]) cancel(id);
    },
  };
}
