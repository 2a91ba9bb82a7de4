// Two rules every part of the queue must agree on, written once: which counter may call a ticket,
// and the order of arrival. The engine (call-ticket), the routing (call-next, estimates) and the
// counter console's provisional list all import them, so the list an officer sees and what the
// server lets them call cannot drift apart.
import type { Ticket } from './ticket.ts';

/** What the rule reads of a ticket: a full Ticket or the TicketSummary the screens get. */
export type CallableTicket = Pick<Ticket, 'status' | 'serviceCode' | 'targetCounter'>;

/** What the rule reads of a counter: its configuration or the CounterView the console gets. */
export interface CallingCounter {
  number: number;
  services: readonly { serviceCode: string }[];
}

/**
 * May this counter call the ticket? Only a waiting one: if a colleague sent it to one counter
 * (targetCounter), that counter alone, whatever its services; otherwise any counter serving its
 * service. Written as routing reads it, in one lookup per ticket (routing scans every waiting
 * ticket on every call): undefined when it may not, otherwise the counter's weight for the
 * ticket's service, 1 for a ticket sent here from a service it does not serve.
 */
export function callWeight(t: CallableTicket, counterNumber: number, weights: ReadonlyMap<string, number>): number | undefined {
  if (t.status !== 'waiting') return undefined;
  if (t.targetCounter !== null) return t.targetCounter === counterNumber ? weights.get(t.serviceCode) ?? 1 : undefined;
  return weights.get(t.serviceCode);
}

/** The same rule as a yes or no, for a counter given whole (its configuration or its CounterView). */
export function callableHere(t: CallableTicket, counter: CallingCounter): boolean {
  return callWeight(t, counter.number, new Map(counter.services.map((s) => [s.serviceCode, 1]))) !== undefined;
}

/** What the order of arrival reads of a ticket (a Ticket or a TicketSummary). */
export type Arrival = Pick<Ticket, 'queuedAt' | 'issuedAt' | 'seq' | 'id'>;

/**
 * FIFO order: earlier queue time first, then earlier issue time, then lower daily sequence, then
 * id, so it is total and every machine sorts the same tickets the same way.
 */
export function fifo(a: Arrival, b: Arrival): number {
  return a.queuedAt - b.queuedAt || a.issuedAt - b.issuedAt || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
