// Which tickets are likely to be called next, so the voice can prepare their number words before
// the call (server/voice/piece-plan.ts): each service's first waiting tickets, priority ones
// first, then by how long they have waited. A guess, not the routing rule: a wrong guess only
// costs the synthesis it would have cost anyway. Pure.
import type { Ticket } from './ticket.ts';

export type WaitingTicket = Pick<Ticket, 'serviceCode' | 'number' | 'priority' | 'queuedAt' | 'seq'>;

const before = (a: WaitingTicket, b: WaitingTicket) =>
  (a.priority === null ? 1 : 0) - (b.priority === null ? 1 : 0) || a.queuedAt - b.queuedAt || a.seq - b.seq;

/** Up to `perService` numbers per service, in one pass over the waiting tickets. */
export function likelyNextNumbers(waiting: Iterable<WaitingTicket>, perService: number): string[] {
  const heads = new Map<string, WaitingTicket[]>();
  for (const t of waiting) {
    let head = heads.get(t.serviceCode);
    if (!head) heads.set(t.serviceCode, (head = []));
    if (head.length === perService && before(t, head[head.length - 1]!) >= 0) continue;
    let i = head.length;
    while (i > 0 && before(t, head[i - 1]!) < 0) i--;
    head.splice(i, 0, t);
    if (head.length > perService) head.pop();
  }
  return [...heads.values()].flatMap((head) => head.map((t) => t.number));
}
