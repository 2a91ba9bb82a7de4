// Handlers of a ticket's life outside the counter: issued at a kiosk, cancelled, rated.
import { checkIssuing, newTicket } from '../issuing.ts';
import { Refusal } from '../refusal.ts';
import type { Ticket } from '../ticket.ts';
import type { Draft } from '../draft.ts';
import { invalidTransition } from '../draft.ts';
import type { CommandOf } from './types.ts';

export function issue(d: Draft, cmd: CommandOf<'issue'>): Ticket {
  const prepared = checkIssuing(d.state, d.index, cmd, d.now);
  if (prepared instanceof Refusal) throw prepared;
  if (d.lookup(cmd.id)) throw new Refusal('VALIDATION_FAILED');
  d.state.sequences = { ...d.state.sequences, [prepared.prefix]: prepared.seq };
  d.sequencesChanged = true;
  const t = d.putTicket(newTicket(d.state.day, cmd, prepared, d.now));
  d.events.push({ type: 'ticket:issued', ticket: t });
  return t;
}

export function cancel(d: Draft, cmd: CommandOf<'cancel'>): Ticket {
  const t = d.ticket(cmd.ticketId);
  if (t.status !== 'waiting') throw invalidTransition(t, 'cancel');
  const cancelled = d.step(t, { type: 'cancelled', officerId: cmd.by, note: cmd.reason || undefined }, {
    status: 'cancelled', finishedAt: d.now, endReason: cmd.reason || 'cancelled',
  });
  d.events.push({ type: 'ticket:cancelled', ticket: cancelled });
  return cancelled;
}

export function rate(d: Draft, cmd: CommandOf<'rate'>): Ticket {
  const t = d.ticket(cmd.ticketId);
  if (t.status !== 'done' || t.counter !== cmd.counter) throw new Refusal('NOT_SERVED_HERE', { number: t.number });
  if (t.rating) throw new Refusal('ALREADY_RATED', { number: t.number });
  const rated = d.step(t, { type: 'rated', counter: cmd.counter }, {
    rating: { at: d.now, score: cmd.score, reasons: cmd.reasons, comment: cmd.comment, counter: cmd.counter, officerId: t.officerId },
  });
  d.events.push({ type: 'ticket:rated', ticket: rated });
  return rated;
}
