// The console's waiting list between two authoritative orders from the server: a ticket event
// changes it at once (so the officer sees a new citizen immediately), then `queue:get` brings the
// exact call order. Plain functions of plain values.
import type { CounterView, TicketSummary } from '@core/views.ts';
// The same rule and order as the server's, so the provisional list agrees with what it allows.
import { callableHere, fifo } from '@core/call-rules.ts';

/**
 * The list after one ticket changed: removed when no longer callable here, otherwise replaced in
 * place, or inserted by arrival after the head (the head is the server's "next", kept until the
 * server says otherwise).
 */
export function withTicket(list: readonly TicketSummary[], t: TicketSummary, counter: Pick<CounterView, 'number' | 'services'>): TicketSummary[] {
  const without = list.filter((x) => x.id !== t.id);
  if (!callableHere(t, counter)) return without;
  const at = list.findIndex((x) => x.id === t.id);
  if (at >= 0) {
    const copy = [...list];
    copy[at] = t;
    return copy;
  }
  const head = without.slice(0, 1);
  const rest = [...without.slice(1), t].sort(fifo);
  return without.length === 0 ? [t] : [...head, ...rest];
}

/** Seconds between two instants, never negative. */
export function secondsBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / 1000));
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function clock(totalSec: number): string {
  const s = Math.max(0, Math.floor(totalSec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Dossier codes typed in one field, separated by commas, semicolons, spaces or new lines. */
export function splitCodes(raw: string): string[] {
  return [...new Set(raw.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter((c) => c.length > 0))];
}
