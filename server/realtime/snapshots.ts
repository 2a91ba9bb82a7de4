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
import { counterView, summarize } from '@core/views.ts';
import type { AnySnapshot } from '@core/protocol.ts';
import type { AppContext, Principal } from '../context.ts';
import { ratingSettings } from '@core/rating.ts';
import { counterConsoleExtras } from './counter-console.ts';
import { searchData } from '../search/search-data.ts';

const RECENT_CALLS = 12;

export function catalog(ctx: AppContext): Catalog {
  const state = ctx.queue.current;
  const index = ctx.queue.config;
  const now = ctx.clock.now();
  const cfg = index.config;
  return {
    center: { nameVi: cfg.center.nameVi, nameEn: cfg.center.nameEn, address: cfg.center.address, logoUrl: logoUrl(cfg.center) },
    day: state.day,
    departments: cfg.departments,
    services: cfg.services.map((s) => ({
      code: s.code, departmentCode: s.departmentCode, nameVi: s.nameVi, nameEn: s.nameEn, prefix: s.prefix,
      dailyCap: s.dailyCap, targetWaitMin: s.targetWaitMin, order: s.order,
      availability: availability(state, index, s, now),
      counters: (index.countersOfService.get(s.code) ?? []).map((c) => c.number),
    })),
    priorityCategories: cfg.priorityCategories,
    figures: allServiceFigures(state, index, now),
    searchVersion: searchData(cfg).version,
  };
}

export function viewOfCounter(ctx: AppContext, number: number): CounterView {
  const state = ctx.queue.current;
  // A counter never opened today has no state yet: it reads as closed.
  const c = state.counters[String(number)] ?? closedCounter(number, 0);
  const current = c.currentTicketId ? state.tickets[c.currentTicketId] ?? null : null;
  const live = current && (current.status === 'called' || current.status === 'serving') ? current : null;
  return counterView(ctx.queue.config, c, live, ctx.accounts.displayName(c.officerId));
}

export function allCounterViews(ctx: AppContext, zone: string | null = null): CounterView[] {
  return ctx.queue.config.config.counters
    .filter((c) => zone === null || c.zone === zone)
    .map((c) => viewOfCounter(ctx, c.number));
}

export function callView(ctx: AppContext, ticket: Ticket, counter: number, recall: boolean, at: number): CallView {
  const zone = ctx.queue.config.counter.get(counter)?.zone ?? '';
  return { ticket: summarize(ticket), counter, zone, recall, at };
}

export function recentCalls(ctx: AppContext, state: DayState, zone: string | null): CallView[] {
  const calls: CallView[] = [];
  for (const t of Object.values(state.tickets)) {
    for (const step of t.history) {
      if ((step.type === 'called' || step.type === 'recalled') && step.counter !== undefined) {
        const view = callView(ctx, t, step.counter, step.type === 'recalled', step.at);
        if (zone === null || view.zone === zone) calls.push(view);
      }
    }
  }
  return calls.sort((a, b) => b.at - a.at).slice(0, RECENT_CALLS);
}

/** Waiting tickets for a counter: the one call-next would take first, then by arrival. */
export function waitingFor(ctx: AppContext, counter: number): Ticket[] {
  const state = ctx.queue.current;
  const next = chooseNext(state, ctx.queue.config, counter, ctx.clock.now());
  const rest = candidatesFor(state, ctx.queue.config, counter).map((c) => c.ticket).filter((t) => t.id !== next?.id).sort(fifo);
  return next ? [next, ...rest] : rest;
}

export function counterSnapshot(ctx: AppContext, userId: string): CounterSnapshot {
  const user = ctx.accounts.user(userId);
  const own = ctx.queue.counterOfOfficer(userId);
  const all = ctx.queue.config.config.counters.map((c) => c.number);
  return {
    day: ctx.queue.current.day,
    counter: own ? viewOfCounter(ctx, own.number) : null,
    allowedCounters: user && user.counters.length > 0 ? user.counters.filter((n) => all.includes(n)) : all,
    waiting: own ? waitingFor(ctx, own.number).map(summarize) : [],
    figures: allServiceFigures(ctx.queue.current, ctx.queue.config, ctx.clock.now()),
    ...counterConsoleExtras(ctx, userId, own?.number ?? null),
  };
}

export function displaySnapshot(ctx: AppContext, zone: string | null): DisplaySnapshot {
  const cfg = ctx.queue.config.config;
  return {
    center: { nameVi: cfg.center.nameVi, nameEn: cfg.center.nameEn, logoUrl: logoUrl(cfg.center) },
    day: ctx.queue.current.day,
    zone,
    counters: allCounterViews(ctx, zone),
    recentCalls: recentCalls(ctx, ctx.queue.current, zone),
    figures: allServiceFigures(ctx.queue.current, ctx.queue.config, ctx.clock.now()),
  };
}

export function ratingRequest(ctx: AppContext, ticket: Ticket): RatingRequest {
  return {
    counter: ticket.counter ?? 0,
    ticket: summarize(ticket),
    officerName: ctx.accounts.displayName(ticket.officerId),
    timeoutSec: ctx.ratingTimeoutSec,
  };
}

export function ratingSnapshot(ctx: AppContext, counter: number): RatingPadSnapshot {
  const now = ctx.clock.now();
  const pending = Object.values(ctx.queue.current.tickets)
    .filter((t) => t.status === 'done' && t.counter === counter && !t.rating && (t.finishedAt ?? 0) > now - ctx.ratingTimeoutSec * 1000)
    .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0))[0];
  return {
    counter: viewOfCounter(ctx, counter), pending: pending ? ratingRequest(ctx, pending) : null,
    settings: ratingSettings(ctx.queue.config.config.rating, ctx.ratingTimeoutSec), now,
  };
}

export function managerSnapshot(ctx: AppContext): ManagerSnapshot {
  const state = ctx.queue.current;
  const totals = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;
  for (const t of Object.values(state.tickets)) totals[t.status] += 1;
  return {
    day: state.day,
    counters: allCounterViews(ctx),
    figures: allServiceFigures(state, ctx.queue.config, ctx.clock.now()),
    recentCalls: recentCalls(ctx, state, null),
    totals,
  };
}

export function snapshotFor(ctx: AppContext, p: Principal, view?: 'counter' | 'manager'): AnySnapshot {
  if (p.kind === 'user') {
    return p.user.role === 'officer' || view === 'counter'
      ? { role: 'counter', counter: counterSnapshot(ctx, p.user.id) }
      : { role: 'manager', manager: managerSnapshot(ctx) };
  }
  switch (p.device.kind) {
    case 'kiosk': return { role: 'kiosk', catalog: catalog(ctx) };
    case 'display': return { role: 'display', display: displaySnapshot(ctx, p.device.zone) };
    case 'rating': return { role: 'rating', rating: ratingSnapshot(ctx, p.device.counter ?? 0) };
    case 'printer': return { role: 'printer' };
  }
}
