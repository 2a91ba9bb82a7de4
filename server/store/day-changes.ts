// Applying a command's changes to the server's own copy of the day, in place. The engine's
// evolve() does the same as a pure copy; in place, a change costs the same however full the
// day is. Also used to replay the journal at start.
import type { DayChanges } from '@core/commands.ts';
import type { DayState } from '@core/ticket.ts';
import { waitingIndexOf } from '@core/ticket.ts';

export function applyChangesInPlace(state: DayState, changes: DayChanges): void {
  const waiting = waitingIndexOf(state);
  for (const t of changes.tickets) {
    state.tickets[t.id] = t;
    if (waiting && t.status === 'waiting') waiting.set(t.id, t);
    else waiting?.delete(t.id);
  }
  for (const c of changes.counters) state.counters[String(c.number)] = c;
  // The small maps are replaced, never edited, so an Undo can keep the old ones by reference.
  if (changes.sequences) state.sequences = { ...changes.sequences };
  if (changes.recentServiceSec) state.recentServiceSec = { ...state.recentServiceSec, ...changes.recentServiceSec };
}

/** What a change replaced, so it can be taken back if its write fails. */
export interface Undo {
  tickets: [string, DayState['tickets'][string] | undefined][];
  counters: [string, DayState['counters'][string] | undefined][];
  sequences: DayState['sequences'];
  recentServiceSec: DayState['recentServiceSec'];
}

/** Call before applyChangesInPlace: records the values the change is about to replace. */
export function captureUndo(state: DayState, changes: DayChanges): Undo {
  return {
    tickets: changes.tickets.map((t) => [t.id, state.tickets[t.id]]),
    counters: changes.counters.map((c) => [String(c.number), state.counters[String(c.number)]]),
    sequences: state.sequences,
    recentServiceSec: state.recentServiceSec,
  };
}

export function revertInPlace(state: DayState, undo: Undo): void {
  const waiting = waitingIndexOf(state);
  for (const [id, previous] of undo.tickets) {
    if (previous) state.tickets[id] = previous;
    else delete state.tickets[id];
    if (waiting && previous?.status === 'waiting') waiting.set(id, previous);
    else waiting?.delete(id);
  }
  for (const [key, previous] of undo.counters) {
    if (previous) state.counters[key] = previous;
    else delete state.counters[key];
  }
  state.sequences = undo.sequences;
  state.recentServiceSec = undo.recentServiceSec;
}
