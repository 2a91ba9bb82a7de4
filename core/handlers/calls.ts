// Handlers that call a citizen to the counter and what follows the call: call-next, call a given
// ticket, recall, start serving.
import { callableHere } from '../call-rules.ts';
import { Refusal } from '../refusal.ts';
import type { CounterState, Ticket } from '../ticket.ts';
import type { Draft } from '../draft.ts';
import { assertFree, currentTicket, invalidTransition, ownCounter } from '../draft.ts';
import { chooseNext } from '../routing.ts';
import { nextBookedCount } from '../booking/ordering.ts';
import type { CommandOf } from './types.ts';

function call(d: Draft, c: CounterState, t: Ticket, officerId: string): Ticket {
  const called = d.step(t, { type: 'called', counter: c.number, officerId }, {
    status: 'called', calledAt: d.now, counter: c.number, officerId, targetCounter: null, calls: 1,
  });
  // The call is announced before the counter's update: it is what the lobby is waiting for.
  d.events.push({ type: 'ticket:called', ticket: called, counter: c.number, recall: false });
  const mix = d.index.config.routing.normalPerPriority;
  d.putCounter({
    ...c, currentTicketId: called.id,
    normalsSincePriority: called.priority ? 0 : Math.min(c.normalsSincePriority + 1, mix),
    // Kept only once a booked ticket was called, so counters of centers without bookings stay as they were.
    ...(called.booking || c.bookedSinceWalkIn !== undefined
      ? { bookedSinceWalkIn: nextBookedCount(c.bookedSinceWalkIn ?? 0, !!called.booking, d.index.config.bookings.bookedPerWalkIn) } : {}),
  });
  return called;
}

export function callNext(d: Draft, cmd: CommandOf<'call-next'>): Ticket {
  const c = ownCounter(d, cmd);
  assertFree(d, c);
  const next = chooseNext(d.state, d.index, c.number, d.now);
  if (!next) throw new Refusal('QUEUE_EMPTY');
  return call(d, c, next, cmd.officerId);
}

export function callTicket(d: Draft, cmd: CommandOf<'call-ticket'>): Ticket {
  const c = ownCounter(d, cmd);
  assertFree(d, c);
  const t = d.ticket(cmd.ticketId);
  if (t.status === 'called' || t.status === 'serving') throw new Refusal('TICKET_TAKEN', { number: t.number });
  if (t.status !== 'waiting') throw invalidTransition(t, 'call');
  // ownCounter() has checked that the counter is configured.
  if (!callableHere(t, d.index.counter.get(c.number)!)) throw new Refusal('NOT_FOR_THIS_COUNTER', { number: t.number });
  return call(d, c, t, cmd.officerId);
}

export function recall(d: Draft, cmd: CommandOf<'recall'>): Ticket {
  const c = ownCounter(d, cmd);
  const t = currentTicket(d, c);
  if (t.status !== 'called') throw invalidTransition(t, 'recall');
  const recalled = d.step(t, { type: 'recalled', counter: c.number, officerId: cmd.officerId }, { calls: t.calls + 1 });
  d.events.push({ type: 'ticket:called', ticket: recalled, counter: c.number, recall: true });
  return recalled;
}

export function start(d: Draft, cmd: CommandOf<'start'>): Ticket {
  const c = ownCounter(d, cmd);
  const t = currentTicket(d, c);
  if (t.status !== 'called') throw invalidTransition(t, 'start');
  const started = d.step(t, { type: 'started', counter: c.number, officerId: cmd.officerId }, { status: 'serving', startedAt: d.now });
  d.events.push({ type: 'ticket:started', ticket: started });
  return started;
}
