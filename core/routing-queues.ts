// chooseNext's rule (core/routing.ts) on queues kept in order, for the wait projection, which calls
// a whole morning's citizens one after another: scanning every waiting ticket at each call made an
// estimate cost a third of a second with 1,000 waiting. Within one service and one kind (priority
// or normal) the rule always prefers the oldest ticket (the largest wait × the same weight, the
// earliest deadline, FIFO among equals), so only the heads of the queues need comparing.
// tests/core/routing-queues.test.ts checks it chooses as chooseNext does on random days.
import type { ConfigIndex } from './config.ts';
import type { Ticket } from './ticket.ts';
import { fifo } from './call-rules.ts';

/** A queue consumed from the front: tickets in FIFO order. */
class Line {
  private readonly items: Ticket[] = [];
  private first = 0;
  get head(): Ticket | undefined { return this.items[this.first]; }
  /** Tickets must come in FIFO order (a later one never goes before an earlier one). */
  push(t: Ticket): void { this.items.push(t); }
  shift(): void { this.first += 1; }
}

export class RoutingQueues {
  /** `${service}|p` (priority) or `${service}|n` → its line. */
  private readonly lines = new Map<string, Line>();
  /** counter → tickets a colleague sent to it. */
  private readonly targeted = new Map<number, Line>();

  constructor(private readonly index: ConfigIndex, waiting: Iterable<Ticket>) {
    for (const t of [...waiting].sort(fifo)) this.add(t);
  }

  private line(map: Map<string, Line>, key: string): Line;
  private line(map: Map<number, Line>, key: number): Line;
  private line<K>(map: Map<K, Line>, key: K): Line {
    let l = map.get(key);
    if (!l) map.set(key, (l = new Line()));
    return l;
  }

  /** A waiting ticket joins: it must not be older than any ticket of its line already in. */
  add(t: Ticket): void {
    if (t.targetCounter !== null) this.line(this.targeted, t.targetCounter).push(t);
    else this.line(this.lines, `${t.serviceCode}|${t.priority === null ? 'n' : 'p'}`).push(t);
  }

  /** The ticket chooseNext would call at `counterNumber` at `now`, taken out of its queue. */
  take(counterNumber: number, now: number, normalsSincePriority: number): Ticket | null {
    const targeted = this.targeted.get(counterNumber);
    if (targeted?.head) {
      const t = targeted.head;
      targeted.shift();
      return t;
    }
    const counter = this.index.counter.get(counterNumber);
    if (!counter) return null;
    const heads: { line: Line; ticket: Ticket; weight: number }[] = [];
    for (const s of counter.services) {
      for (const kind of ['n', 'p']) {
        const line = this.lines.get(`${s.serviceCode}|${kind}`);
        if (line?.head) heads.push({ line, ticket: line.head, weight: s.weight });
      }
    }
    if (heads.length === 0) return null;
    let chosen: (typeof heads)[number] | null = null;
    if (this.index.config.routing.maxWaitRule) {
      let deadlineOf = Infinity;
      for (const h of heads) {
        const target = this.index.service.get(h.ticket.serviceCode)?.targetWaitMin;
        if (target === undefined) continue;
        const deadline = h.ticket.queuedAt + target * 60_000;
        if (deadline < now && (deadline < deadlineOf || (deadline === deadlineOf && chosen && fifo(h.ticket, chosen.ticket) < 0))) {
          chosen = h;
          deadlineOf = deadline;
        }
      }
    }
    if (!chosen) {
      const priority = heads.filter((h) => h.ticket.priority !== null);
      const normal = heads.filter((h) => h.ticket.priority === null);
      const mix = this.index.config.routing.normalPerPriority;
      const pool = priority.length === 0 ? normal : normal.length === 0 ? priority : normalsSincePriority >= mix ? priority : normal;
      let best = -Infinity;
      for (const h of pool) {
        const score = Math.max(0, now - h.ticket.queuedAt) * h.weight;
        if (!chosen || score > best || (score === best && fifo(h.ticket, chosen.ticket) < 0)) {
          chosen = h;
          best = score;
        }
      }
    }
    chosen!.line.shift();
    return chosen!.ticket;
  }
}
