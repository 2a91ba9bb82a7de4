// Moving every waiting ticket of one service to another, as an admin does before removing a
// service (or when its counters cannot serve today). The tickets keep their number and their
// place in time (queuedAt), so nobody loses their wait; each gets a "transferred" step naming who
// moved them. Tickets already called or being served stay with their officer.
import type { Command } from './commands.ts';
import type { Draft } from './draft.ts';
import { Refusal } from './refusal.ts';
import { waitingTickets } from './ticket.ts';
import { fifo } from './call-rules.ts';

export type MoveWaiting = Extract<Command, { type: 'move-waiting' }>;

export function moveWaiting(d: Draft, cmd: MoveWaiting): null {
  const target = d.index.service.get(cmd.toService);
  if (!d.index.service.has(cmd.fromService)) throw new Refusal('UNKNOWN_SERVICE', { service: cmd.fromService });
  // A queue nobody serves would strand them: the target must have a counter.
  const servedBy = d.index.countersOfService.get(cmd.toService) ?? [];
  if (!target || cmd.toService === cmd.fromService || servedBy.length === 0) throw new Refusal('MOVE_TARGET_INVALID', { service: cmd.toService });
  const counters = new Set(servedBy.map((c) => c.number));
  // In queue order: the server's index of waiting tickets and a plain day list them differently,
  // and both must send the same events in the same order.
  const moving = [...waitingTickets(d.state)].filter((t) => t.status === 'waiting' && t.serviceCode === cmd.fromService).sort(fifo);
  for (const t of moving) {
    const moved = d.step(t, { type: 'transferred', officerId: cmd.by, note: cmd.note || undefined }, {
      serviceCode: target.code, departmentCode: target.departmentCode,
      // Sent to one counter: it stays there if that counter serves the new service.
      targetCounter: t.targetCounter !== null && counters.has(t.targetCounter) ? t.targetCounter : null,
    });
    d.events.push({ type: 'ticket:transferred', ticket: moved, fromService: cmd.fromService, fromCounter: null });
  }
  return null;
}
