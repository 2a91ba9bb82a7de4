// Handlers of the counter's own commands: open, pause, resume, close.
import { fifo } from '../call-rules.ts';
import { Refusal } from '../refusal.ts';
import { waitingTickets } from '../ticket.ts';
import type { Draft } from '../draft.ts';
import { assertFree, ownCounter } from '../draft.ts';
import type { CommandOf } from './types.ts';

export function openCounter(d: Draft, cmd: CommandOf<'open-counter'>): null {
  const c = d.counter(cmd.counter);
  if (c.status !== 'closed') {
    if (c.officerId !== cmd.officerId) throw new Refusal('COUNTER_TAKEN', { counter: cmd.counter });
    return null; // already open by this officer: re-opening after a reload changes nothing
  }
  const other = Object.values(d.state.counters).find((o) => o.status !== 'closed' && o.officerId === cmd.officerId);
  if (other) throw new Refusal('OFFICER_BUSY', { counter: other.number });
  d.putCounter({
    ...c, status: 'open', officerId: cmd.officerId, since: d.now, pauseReason: null,
    normalsSincePriority: d.index.config.routing.normalPerPriority,
  });
  return null;
}

export function pauseCounter(d: Draft, cmd: CommandOf<'pause-counter'>): null {
  const c = ownCounter(d, cmd);
  assertFree(d, c);
  d.putCounter({ ...c, status: 'paused', pauseReason: cmd.reason, since: d.now });
  return null;
}

export function resumeCounter(d: Draft, cmd: CommandOf<'resume-counter'>): null {
  const c = ownCounter(d, cmd, true);
  if (c.status === 'open') return null;
  d.putCounter({ ...c, status: 'open', pauseReason: null, since: d.now });
  return null;
}

export function closeCounter(d: Draft, cmd: CommandOf<'close-counter'>): null {
  const c = d.counter(cmd.counter);
  if (c.status === 'closed') throw new Refusal('COUNTER_NOT_OPEN', { counter: cmd.counter });
  if (!cmd.override && c.officerId !== cmd.officerId) throw new Refusal('COUNTER_TAKEN', { counter: cmd.counter });
  assertFree(d, c);
  d.putCounter({ ...c, status: 'closed', officerId: null, pauseReason: null, currentTicketId: null, since: d.now });
  // Citizens sent to this very counter would wait for nobody: they go back to their service's queue.
  // In queue order, so the server (with its waiting index) and apply() send the same events.
  for (const t of [...waitingTickets(d.state)].filter((w) => w.targetCounter === c.number).sort(fifo)) {
    const freed = d.step(t, { type: 'transferred', counter: c.number, note: 'counter-closed' }, { targetCounter: null });
    d.events.push({ type: 'ticket:transferred', ticket: freed, fromService: t.serviceCode, fromCounter: c.number });
  }
  return null;
}
