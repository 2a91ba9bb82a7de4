// A command's working view of a day, and the checks every counter command shares.
import type { ConfigIndex } from './config.ts';
import type { CounterActor, DayChanges, DomainEvent } from './commands.ts';
import { Refusal } from './refusal.ts';
import { actionText, statusText } from './i18n.ts';
import type { CounterState, DayState, Ticket, TicketStep } from './ticket.ts';
import { closedCounter, isFinal } from './ticket.ts';

/**
 * A command's working view of a day. Tickets it changes go to an overlay instead of a copy of the
 * whole ticket map, so a command costs the same however many tickets the day holds; the overlay
 * becomes the command's `changes`.
 */
export class Draft {
  state: DayState;
  events: DomainEvent[] = [];
  readonly touchedTickets = new Map<string, Ticket>();
  readonly touchedCounters = new Map<number, CounterState>();
  sequencesChanged = false;
  readonly serviceTimesChanged = new Set<string>();

  constructor(base: DayState, readonly index: ConfigIndex, readonly now: number) {
    // Tickets stay shared with the base (read-only here); counters are few, so they are copied.
    this.state = { ...base, counters: { ...base.counters } };
  }

  /** A ticket as this command sees it: its own changes first, then the day. */
  lookup(id: string): Ticket | undefined {
    return this.touchedTickets.get(id) ?? this.state.tickets[id];
  }

  ticket(id: string): Ticket {
    const t = this.lookup(id);
    if (!t) throw new Refusal('TICKET_NOT_FOUND');
    return t;
  }

  putTicket(t: Ticket): Ticket {
    this.touchedTickets.set(t.id, t);
    return t;
  }

  counter(n: number): CounterState {
    if (!this.index.counter.has(n)) throw new Refusal('UNKNOWN_COUNTER', { counter: n });
    return this.state.counters[String(n)] ?? closedCounter(n, this.now);
  }

  putCounter(c: CounterState): CounterState {
    this.state.counters[String(c.number)] = c;
    this.touchedCounters.set(c.number, c);
    this.events.push({ type: 'counter:updated', counter: c });
    return c;
  }

  step(t: Ticket, step: Omit<TicketStep, 'at'>, changes: Partial<Ticket>): Ticket {
    return this.putTicket({ ...t, ...changes, history: [...t.history, { at: this.now, ...step }] });
  }

  changes(): DayChanges {
    const recent: Record<string, number[]> = {};
    for (const code of this.serviceTimesChanged) recent[code] = this.state.recentServiceSec[code] ?? [];
    return {
      tickets: [...this.touchedTickets.values()],
      counters: [...this.touchedCounters.values()],
      ...(this.sequencesChanged ? { sequences: this.state.sequences } : {}),
      ...(this.serviceTimesChanged.size > 0 ? { recentServiceSec: recent } : {}),
    };
  }
}

export function invalidTransition(t: Ticket, action: keyof typeof actionText): Refusal {
  return new Refusal('INVALID_TRANSITION', { action: actionText[action], status: statusText[t.status], number: t.number });
}

/** The counter must be open (not paused) and held by this officer. */
export function ownCounter(d: Draft, actor: CounterActor, allowPaused = false): CounterState {
  const c = d.counter(actor.counter);
  if (c.status === 'closed') throw new Refusal('COUNTER_NOT_OPEN', { counter: actor.counter });
  if (c.officerId !== actor.officerId) throw new Refusal('COUNTER_TAKEN', { counter: actor.counter });
  if (c.status === 'paused' && !allowPaused) throw new Refusal('COUNTER_PAUSED', { counter: actor.counter });
  return c;
}

export function currentTicket(d: Draft, c: CounterState): Ticket {
  if (!c.currentTicketId) throw new Refusal('NO_CURRENT_TICKET');
  const t = d.lookup(c.currentTicketId);
  if (!t || isFinal(t.status) || t.status === 'waiting') throw new Refusal('NO_CURRENT_TICKET');
  return t;
}

export function assertFree(d: Draft, c: CounterState): void {
  const cur = c.currentTicketId ? d.lookup(c.currentTicketId) : undefined;
  if (cur && (cur.status === 'called' || cur.status === 'serving')) throw new Refusal('COUNTER_BUSY', { number: cur.number });
}
