// Full pictures sent on every (re)connect, so a client never depends on having seen every event.
import { allServiceFigures } from '@core/estimate.ts';
import { availability } from '@core/issuing.ts';
import { logoUrl } from '@core/logo.ts';
import { candidatesFor, chooseNext, fifo } from '@core/routing.ts';
import type { DayState, Ticket, TicketStatus } from '@core/ticket.ts';
import { closedCounter, TICKET_STATUSES } from '@core/ticket.ts';
import type {
  CallView, Catalog, CounterSnapshot, CounterView, DisplaySnapshot, ManagerSnapshot, RatingPadSnapshot, RatingRequest,
} from '@core/views.ts';
import { boardCall, boardCounter, counterView, summarize } from '@core/views.ts';
import type { AnySnapshot } from '@core/protocol.ts';
import { ratingSettings } from '@core/rating.ts';
import { counterConsoleExtras } from './counter-console.ts';
import type { Principal } from '../auth/principal.ts';
import type { ScreenViewDeps } from './view-deps.ts';
import { searchData } from '../search/search-data.ts';

const RECENT_CALLS = 12;

/** The pictures every screen is sent, built from the live state (snapshots, calls, counters). */
export class ScreenViews {
  constructor(readonly deps: ScreenViewDeps) {}

  catalog(): Catalog {
    const state = this.deps.queue.current;
    const index = this.deps.config.index;
    const now = this.deps.clock.now();
    const cfg = index.config;
    return {
      center: { nameVi: cfg.center.nameVi, nameEn: cfg.center.nameEn, address: cfg.center.address, logoUrl: logoUrl(cfg.center) },
      day: state.day,
      departments: cfg.departments,
      services: cfg.services.map((s) => ({
        code: s.code, departmentCode: s.departmentCode, nameVi: s.nameVi, nameEn: s.nameEn, prefix: s.prefix,
        dailyCap: s.dailyCap, targetWaitMin: s.targetWaitMin, order: s.order, resultReturn: s.resultReturn,
        availability: availability(state, index, s, now),
        counters: (index.countersOfService.get(s.code) ?? []).map((c) => c.number),
      })),
      priorityCategories: cfg.priorityCategories,
      figures: allServiceFigures(state, index, now),
      searchVersion: searchData(cfg).version,
      phoneStep: this.deps.phoneStep?.() ?? false,
      agePriority: cfg.kiosk.agePriority,
    };
  }

  viewOfCounter(number: number): CounterView {
    const state = this.deps.queue.current;
    // A counter never opened today has no state yet: it reads as closed.
    const c = state.counters[String(number)] ?? closedCounter(number, 0);
    const current = c.currentTicketId ? state.tickets[c.currentTicketId] ?? null : null;
    const live = current && (current.status === 'called' || current.status === 'serving') ? current : null;
    return counterView(this.deps.config.index, c, live, this.deps.accounts.displayName(c.officerId));
  }

  allCounterViews(zone: string | null = null): CounterView[] {
    return this.deps.config.current.counters
      .filter((c) => zone === null || c.zone === zone)
      .map((c) => this.viewOfCounter(c.number));
  }

  callView(ticket: Ticket, counter: number, recall: boolean, at: number): CallView {
    const zone = this.deps.config.index.counter.get(counter)?.zone ?? '';
    return { ticket: summarize(ticket), counter, zone, recall, at };
  }

  recentCalls(state: DayState, zone: string | null): CallView[] {
    const calls: CallView[] = [];
    for (const t of Object.values(state.tickets)) {
      for (const step of t.history) {
        if ((step.type === 'called' || step.type === 'recalled') && step.counter !== undefined) {
          const view = this.callView(t, step.counter, step.type === 'recalled', step.at);
          if (zone === null || view.zone === zone) calls.push(view);
        }
      }
    }
    return calls.sort((a, b) => b.at - a.at).slice(0, RECENT_CALLS);
  }

  /** Waiting tickets for a counter: the one call-next would take first, then by arrival. */
  waitingFor(counter: number): Ticket[] {
    const state = this.deps.queue.current;
    const next = chooseNext(state, this.deps.config.index, counter, this.deps.clock.now());
    const rest = candidatesFor(state, this.deps.config.index, counter).map((c) => c.ticket).filter((t) => t.id !== next?.id).sort(fifo);
    return next ? [next, ...rest] : rest;
  }

  counterSnapshot(userId: string): CounterSnapshot {
    const user = this.deps.accounts.user(userId);
    const own = this.deps.queue.counterOfOfficer(userId);
    const all = this.deps.config.current.counters.map((c) => c.number);
    return {
      day: this.deps.queue.current.day,
      counter: own ? this.viewOfCounter(own.number) : null,
      allowedCounters: user && user.counters.length > 0 ? user.counters.filter((n) => all.includes(n)) : all,
      waiting: own ? this.waitingFor(own.number).map(summarize) : [],
      figures: allServiceFigures(this.deps.queue.current, this.deps.config.index, this.deps.clock.now()),
      ...counterConsoleExtras(this.deps, userId, own?.number ?? null),
    };
  }

  displaySnapshot(zone: string | null): DisplaySnapshot {
    const cfg = this.deps.config.current;
    return {
      center: { nameVi: cfg.center.nameVi, nameEn: cfg.center.nameEn, logoUrl: logoUrl(cfg.center) },
      day: this.deps.queue.current.day,
      zone,
      // Boards get numbers, never ticket ids (the status page's secret): core/views.ts BoardTicket.
      counters: this.allCounterViews(zone).map(boardCounter),
      recentCalls: this.recentCalls(this.deps.queue.current, zone).map(boardCall),
      figures: allServiceFigures(this.deps.queue.current, this.deps.config.index, this.deps.clock.now()),
    };
  }

  ratingRequest(ticket: Ticket): RatingRequest {
    return {
      counter: ticket.counter ?? 0,
      ticket: summarize(ticket),
      officerName: this.deps.accounts.displayName(ticket.officerId),
      timeoutSec: this.deps.config.ratingTimeoutSec,
    };
  }

  ratingSnapshot(counter: number): RatingPadSnapshot {
    const now = this.deps.clock.now();
    const pending = Object.values(this.deps.queue.current.tickets)
      .filter((t) => t.status === 'done' && t.counter === counter && !t.rating && (t.finishedAt ?? 0) > now - this.deps.config.ratingTimeoutSec * 1000)
      .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0))[0];
    return {
      counter: this.viewOfCounter(counter), pending: pending ? this.ratingRequest(pending) : null,
      settings: ratingSettings(this.deps.config.current.rating, this.deps.config.ratingTimeoutSec), now,
    };
  }

  managerSnapshot(): ManagerSnapshot {
    const state = this.deps.queue.current;
    const totals = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;
    for (const t of Object.values(state.tickets)) totals[t.status] += 1;
    return {
      day: state.day,
      counters: this.allCounterViews(),
      figures: allServiceFigures(state, this.deps.config.index, this.deps.clock.now()),
      recentCalls: this.recentCalls(state, null),
      totals,
    };
  }

  snapshotFor(p: Principal, view?: 'counter' | 'manager'): AnySnapshot {
    if (p.kind === 'user') {
      return p.user.role === 'officer' || view === 'counter'
        ? { role: 'counter', counter: this.counterSnapshot(p.user.id) }
        : { role: 'manager', manager: this.managerSnapshot() };
    }
    switch (p.device.kind) {
      case 'kiosk': return { role: 'kiosk', catalog: this.catalog() };
      case 'display': return { role: 'display', display: this.displaySnapshot(p.device.zone) };
      case 'rating': return { role: 'rating', rating: this.ratingSnapshot(p.device.counter ?? 0) };
      case 'printer': return { role: 'printer' };
    }
  }
}
