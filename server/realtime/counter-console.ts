// What the counter console needs besides the queue: who is signed in, the names of services and
// counters (for the list and for transfers), and what this counter ended today.
import { closedCounter, type Ticket } from '@core/ticket.ts';
import type { CounterSnapshot } from '@core/views.ts';
import { summarize } from '@core/views.ts';
import { searchData } from '../search/search-data.ts';
import type { ScreenViewDeps } from './view-deps.ts';

const RECENT = 10;

type Extras = Pick<CounterSnapshot, 'now' | 'officer' | 'services' | 'counters' | 'priorityCategories' | 'recent' | 'searchVersion'>;

/** When a ticket left this counter for good, or null if it did not (yet). */
function endedHereAt(t: Ticket, counter: number): number | null {
  if ((t.status === 'done' || t.status === 'no-show') && t.counter === counter) return t.finishedAt;
  const away = t.transfers.findLast((tr) => tr.fromCounter === counter);
  return away ? away.at : null;
}

export function counterConsoleExtras(deps: ScreenViewDeps, userId: string, counter: number | null): Extras {
  const state = deps.queue.current;
  const cfg = deps.config.current;
  const user = deps.accounts.user(userId);
  const recent: { at: number; ticket: Ticket }[] = [];
  if (counter !== null) {
    for (const t of Object.values(state.tickets)) {
      const at = endedHereAt(t, counter);
      if (at !== null) recent.push({ at, ticket: t });
    }
    recent.sort((a, b) => b.at - a.at);
  }
  return {
    now: deps.clock.now(),
    officer: user ? { id: user.id, displayName: user.displayName } : null,
    services: cfg.services.map((s) => ({
      code: s.code, departmentCode: s.departmentCode, nameVi: s.nameVi, nameEn: s.nameEn, prefix: s.prefix, targetWaitMin: s.targetWaitMin,
    })),
    counters: cfg.counters.map((c) => ({
      number: c.number, nameVi: c.nameVi, nameEn: c.nameEn, zone: c.zone, services: c.services.map((s) => s.serviceCode),
      status: (state.counters[String(c.number)] ?? closedCounter(c.number, 0)).status,
      usual: user !== undefined && c.defaultOfficer === user.username,
    })),
    priorityCategories: cfg.priorityCategories,
    recent: recent.slice(0, RECENT).map((r) => summarize(r.ticket)),
    searchVersion: searchData(cfg).version,
  };
}
