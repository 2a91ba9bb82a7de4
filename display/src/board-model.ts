// What a board shows, as plain values, and how each server message changes it. Pure and bounded:
// a board runs for weeks, so every list has a fixed maximum and nothing accumulates per call.
import type { ServiceFigures } from '@core/estimate.ts';
import type { BoardService, DisplaySettings } from '@core/lobby-views.ts';
import type { BoardCallView, BoardCounterView, DisplaySnapshot } from '@core/views.ts';

/** Calls kept for the "recent calls" list (the newest is also shown large); as many as the server's snapshot sends. */
export const MAX_RECENT = 12;

export interface BoardModel {
  day: string;
  zone: string | null;
  centerVi: string;
  centerEn: string;
  /** The center's logo (/media/logo?v=…), or null. */
  logoUrl: string | null;
  /** The board's counters, by number. */
  counters: BoardCounterView[];
  /** Newest first; one entry per ticket number (a recall moves it back to the top); boards never see ticket ids. */
  recent: BoardCallView[];
  /** serviceCode → figures, for the board's services only. */
  figures: Record<string, ServiceFigures>;
}

export const emptyBoard: BoardModel = { day: '', zone: null, centerVi: '', centerEn: '', logoUrl: null, counters: [], recent: [], figures: {} };

function figuresOf(list: ServiceFigures[], services: BoardService[] | null): Record<string, ServiceFigures> {
  const wanted = services ? new Set(services.map((s) => s.code)) : null;
  const out: Record<string, ServiceFigures> = {};
  for (const f of list) if (!wanted || wanted.has(f.serviceCode)) out[f.serviceCode] = f;
  return out;
}

export function fromSnapshot(s: DisplaySnapshot, services: BoardService[] | null): BoardModel {
  return {
    day: s.day,
    zone: s.zone,
    centerVi: s.center.nameVi,
    centerEn: s.center.nameEn,
    logoUrl: s.center.logoUrl,
    counters: [...s.counters].sort((a, b) => a.number - b.number),
    recent: addCalls([], [...s.recentCalls].sort((a, b) => a.at - b.at)),
    figures: figuresOf(s.figures, services),
  };
}

function addCalls(recent: BoardCallView[], calls: BoardCallView[]): BoardCallView[] {
  let list = recent;
  for (const call of calls) list = [call, ...list.filter((c) => c.ticket.number !== call.ticket.number)].slice(0, MAX_RECENT);
  return list;
}

/** A call of this board's zone (others are ignored: a zone board shows only its counters). */
export function belongs(m: BoardModel, zone: string): boolean {
  return m.zone === null || m.zone === zone;
}

export function withCall(m: BoardModel, call: BoardCallView): BoardModel {
  if (!belongs(m, call.zone)) return m;
  const counters = m.counters.map((c) => (c.number === call.counter ? { ...c, current: call.ticket } : c));
  return { ...m, counters, recent: addCalls(m.recent, [call]) };
}

export function withCounter(m: BoardModel, view: BoardCounterView): BoardModel {
  if (!belongs(m, view.zone) || !m.counters.some((c) => c.number === view.number)) return m;
  return { ...m, counters: m.counters.map((c) => (c.number === view.number ? view : c)) };
}

export function withFigures(m: BoardModel, figures: ServiceFigures[], services: BoardService[] | null): BoardModel {
  return { ...m, figures: figuresOf(figures, services) };
}

export interface WaitingRow {
  service: BoardService;
  waiting: number;
}

/**
 * Waiting counts to show: every service of the board when they fit, else the busiest ones and how
 * many services with somebody waiting are left out (one with nobody waiting is not "left out"),
 * so an all-zones board of 60 services stays readable.
 */
export function waitingRows(m: BoardModel, services: BoardService[], max: number): { rows: WaitingRow[]; hidden: number } {
  const all = services.map((service) => ({ service, waiting: m.figures[service.code]?.waiting ?? 0 }));
  if (all.length <= max) return { rows: all, hidden: 0 };
  const busy = all.filter((r) => r.waiting > 0).sort((a, b) => b.waiting - a.waiting || a.service.order - b.service.order);
  const rows = busy.slice(0, max);
  return { rows, hidden: busy.length - rows.length };
}

/** Server time now, from the offset measured when the settings arrived. */
export function serverNow(settings: DisplaySettings | null, receivedAt: number, localNow: number): number {
  return settings ? settings.now + (localNow - receivedAt) : localNow;
}
