// The citizen's wait, projected forward in time with the center's own routing rule.
//
// What the history of engine-run days showed the queue-only estimates get wrong, by hour of issue
// (tests/bench/plan-bench.ts prints it): they assume the counters open now keep working, at the
// same pace, on the queues as they stand. The day says otherwise:
// - the lunch break and the end of the day: counters stop at the end of a session (the hours the
//   service's issuing windows touch, as the plan's default staffing has it) and a wait that runs
//   into the break lasts the break too;
// - arrivals keep coming while a citizen waits: priority tickets are called before normal ones
//   (one after every N normal), other services share the counters, and the maximum-wait rule
//   reorders everything past its target; the pace of arrivals is today's recent one;
// - who is called next at a counter of several services follows the weighted wait, not a fixed
//   share: chooseNext's rule decides (core/routing-queues.ts, the same choice on ordered queues),
//   on expected service times.
// Pure and deterministic: expected values, no randomness; `now` is the caller's.
import type { ConfigIndex } from './config.ts';
import type { DayState, Ticket } from './ticket.ts';
import { waitingTickets } from './ticket.ts';
import { RoutingQueues } from './routing-queues.ts';
import { localDay, localInstant } from './time.ts';

const MIN = 60_000;
/** Seconds between a call and the citizen reaching the counter (walk, documents out): not in the samples. */
export const CALL_OVERHEAD_SEC = 75;
/** How far back today's arrivals are counted to know their pace. */
const PACE_WINDOW_MS = 60 * MIN;
/** Calls projected at most (a runaway guard; a day has far fewer before anyone's turn). */
const MAX_STEPS = 20_000;
const SELF_ID = '\u0000self';

export interface Session {
  from: number;
  to: number;
}

/**
 * A service's working sessions on a day: the whole hours its issuing windows touch, joined, so
 * 07:00–11:30 and 13:00–16:30 give 07:00–12:00 and 13:00–17:00 (the plan's default staffing).
 */
export function sessionsOf(index: ConfigIndex, serviceCode: string, day: string): Session[] {
  const service = index.service.get(serviceCode);
  const windows = service?.windows ?? index.config.center.defaultWindows;
  const hours = new Set<number>();
  for (const w of windows) {
    const [sh, sm] = w.start.split(':').map(Number) as [number, number];
    const [eh, em] = w.end.split(':').map(Number) as [number, number];
    for (let h = sh; h * 60 < eh * 60 + em && h < 24; h++) if (h * 60 + 60 > sh * 60 + sm) hours.add(h);
  }
  const sorted = [...hours].sort((a, b) => a - b);
  const out: Session[] = [];
  const midnight = localInstant(day, '00:00');
  for (const h of sorted) {
    const from = midnight + h * 60 * MIN;
    const last = out[out.length - 1];
    if (last && last.to === from) last.to = from + 60 * MIN;
    else out.push({ from, to: from + 60 * MIN });
  }
  return out;
}

/** Issuing windows of a service as instants of the day: when new citizens can still arrive. */
function issuingUntil(index: ConfigIndex, serviceCode: string, day: string, now: number): number {
  const windows = index.service.get(serviceCode)?.windows ?? index.config.center.defaultWindows;
  const midnight = localInstant(day, '00:00');
  const at = (hhmm: string) => midnight + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * MIN;
  for (const w of windows) {
    const from = at(w.start);
    const to = at(w.end);
    if (from <= now && now < to) return to;
  }
  return now;
}

/** Mean of the recent service times, or the configured default: waits add up means. */
export function meanServiceSec(state: DayState, index: ConfigIndex, serviceCode: string): number {
  const samples = state.recentServiceSec[serviceCode] ?? [];
  if (samples.length === 0) return (index.service.get(serviceCode)?.defaultServiceMin ?? 8) * 60;
  return samples.reduce((a, b) => a + b, 0) / samples.length;
}

/** One service's expected arrivals: evenly spaced at today's recent pace, priority in its share. */
interface Stream { code: string; at: number; gap: number; until: number; share: number; owed: number }

/** Today's pace of arrivals per service, continued evenly until its issuing window closes. */
function arrivalStreams(state: DayState, index: ConfigIndex, services: ReadonlySet<string>, now: number, day: string): Stream[] {
  const counts = new Map<string, { recent: number; all: number; priority: number; first: number }>();
  const tickets = state.tickets;
  for (const id in tickets) {
    const t = tickets[id]!;
    if (t.issuedAt > now || !services.has(t.serviceCode)) continue;
    const c = counts.get(t.serviceCode) ?? { recent: 0, all: 0, priority: 0, first: t.issuedAt };
    c.all += 1;
    if (t.priority !== null) c.priority += 1;
    if (t.issuedAt >= now - PACE_WINDOW_MS) c.recent += 1;
    c.first = Math.min(c.first, t.issuedAt);
    counts.set(t.serviceCode, c);
  }
  const out: Stream[] = [];
  for (const [code, c] of counts) {
    const service = index.service.get(code);
    // nobody more comes once the day's tickets are gone
    if (c.recent === 0 || (service?.dailyCap != null && (state.sequences[service.prefix] ?? 0) >= service.dailyCap)) continue;
    // the pace over the last hour, or since the first ticket when the day is younger (15 min at least)
    const gap = Math.max(15 * MIN, Math.min(PACE_WINDOW_MS, now - c.first)) / c.recent;
    const until = issuingUntil(index, code, day, now);
    if (now + gap / 2 < until) out.push({ code, at: now + gap / 2, gap, until, share: c.priority / c.all, owed: 0.5 });
  }
  return out;
}

function expectedTicket(id: string, serviceCode: string, departmentCode: string, priority: string | null, at: number): Ticket {
  return {
    id, day: '', seq: Number.MAX_SAFE_INTEGER, number: '', serviceCode, departmentCode, priority,
    status: 'waiting', issuedAt: at, queuedAt: at, calledAt: null, startedAt: null, finishedAt: null,
    counter: null, officerId: null, targetCounter: null, calls: 0, procedureCode: null, dossierCodes: [],
    note: null, transfers: [], history: [], source: { kind: 'api', deviceId: null, requestId: null },
    rating: null, endReason: null,
  };
}

/**
 * Milliseconds until the ticket is called: `selfId` for a ticket already waiting, or null for one
 * issued now with `serviceCode` and `priority`. Null when no counter serving it is open.
 */
export function projectWaitMs(
  state: DayState, index: ConfigIndex, serviceCode: string, priority: string | null, now: number, selfId: string | null,
): number | null {
  const self = selfId === null ? null : state.tickets[selfId];
  const target = self?.targetCounter ?? null;
  const isOpen = (n: number) => state.counters[String(n)]?.status === 'open';
  const mine = target !== null ? (isOpen(target) ? [target] : []) : (index.countersOfService.get(serviceCode) ?? []).map((c) => c.number).filter(isOpen);
  if (mine.length === 0) return null;
  // Every open counter takes part: one that does not serve this service still drains the queues
  // of the counters that do, and so frees them sooner.
  const counters = [...index.counter.values()].filter((c) => isOpen(c.number));
  const services = new Set(counters.flatMap((c) => c.services.map((s) => s.serviceCode)));
  const me = self ?? expectedTicket(SELF_ID, serviceCode, index.service.get(serviceCode)?.departmentCode ?? '', priority, now);
  const waiting = [...waitingTickets(state)];
  if (!self) waiting.push(me);
  const queues = new RoutingQueues(index, waiting);
  const normalsSince = new Map<number, number>();

  const day = localDay(now);
  const sessions = sessionsOf(index, serviceCode, day);
  const inSession = sessions.some((s) => s.from <= now && now < s.to);
  // Outside every session (a center trying the system after hours) the counters open now go on.
  const workTime = (t: number): number => {
    if (!inSession) return t;
    for (const s of sessions) {
      if (t < s.from) return s.from;
      if (t < s.to) return t;
    }
    return Infinity;
  };

  const perCall = new Map<string, number>();
  const callMs = (code: string) => {
    let v = perCall.get(code);
    if (v === undefined) perCall.set(code, (v = (meanServiceSec(state, index, code) + CALL_OVERHEAD_SEC) * 1000));
    return v;
  };
  const free = counters.map((c) => {
    const live = state.counters[String(c.number)]!;
    normalsSince.set(c.number, live.normalsSincePriority);
    const current = live.currentTicketId === null ? undefined : state.tickets[live.currentTicketId];
    const serves = new Set(c.services.map((x) => x.serviceCode));
    if (current?.status !== 'called' && current?.status !== 'serving') return { number: c.number, serves, at: now };
    // what remains of the citizen at the counter: the mean less what has passed, a minute at least
    const elapsed = now - (current.calledAt ?? now);
    return { number: c.number, serves, at: now + Math.max(MIN, callMs(current.serviceCode) - elapsed) };
  });

  const streams = arrivalStreams(state, index, services, now, day);
  let arrived = 0;
  /** When the next expected citizen this counter may call comes. */
  const nextFor = (servesCodes: ReadonlySet<string>) => streams.reduce((m, x) => (servesCodes.has(x.code) ? Math.min(m, x.at) : m), Infinity);
  /** Expected citizens who have come by `t` join the queue. */
  const admit = (t: number) => {
    for (const x of streams) {
      while (x.at <= t && x.at < x.until) {
        x.owed += x.share;
        const priority = x.owed >= 1 ? 'expected' : null;
        if (priority) x.owed -= 1;
        const id = `\u0000a${++arrived}`;
        queues.add(expectedTicket(id, x.code, index.service.get(x.code)?.departmentCode ?? '', priority, x.at));
        x.at += x.gap;
      }
      if (x.at >= x.until) x.at = Infinity;
    }
  };
  for (let step = 0; step < MAX_STEPS && free.length > 0; step++) {
    let k = 0;
    for (let i = 1; i < free.length; i++) if (free[i]!.at < free[k]!.at) k = i;
    const counter = free[k]!;
    const t = workTime(counter.at);
    if (t === Infinity) { free.splice(k, 1); continue; }
    admit(t);
    const called = queues.take(counter.number, t, normalsSince.get(counter.number)!);
    if (called === null) {
      // idle until someone else arrives; with nobody to come, this counter is done for the day
      const coming = nextFor(counter.serves);
      if (coming < Infinity) counter.at = coming;
      else free.splice(k, 1);
      continue;
    }
    if (called.id === me.id) return t - now;
    const mix = index.config.routing.normalPerPriority;
    normalsSince.set(counter.number, called.priority ? 0 : Math.min(normalsSince.get(counter.number)! + 1, mix));
    counter.at = t + callMs(called.serviceCode);
  }
  // The day ends (or the guard trips) before the turn comes: the wait runs to the end of the day.
  const end = sessions[sessions.length - 1]?.to ?? now;
  return Math.max(0, end - now);
}
