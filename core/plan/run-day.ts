// One simulated day through the real engine: the plan's counters open and close on the hour, every
// arrival is an `issue`, free counters `call-next` (the center's own routing: weights, the
// normal:priority mix, the maximum-wait rule), called citizens start, finish, go missing or are
// transferred as the service's history says. Pure: time is the events' own, randomness is `rnd`.
import type { CenterConfig, ConfigIndex } from '../config.ts';
import { indexConfig } from '../config.ts';
import type { Command } from '../commands.ts';
import { decide } from '../engine.ts';
import type { DayState, Ticket } from '../ticket.ts';
import { attachWaitingIndex, emptyDay, waitingIndexOf } from '../ticket.ts';
import { localInstant } from '../time.ts';
import type { Arrival, CenterModel, StaffingPlan } from './types.ts';

const HOUR_MS = 3_600_000;

/** A wait estimate for a citizen about to take a ticket, in minutes (null: none to give). */
export type IssueEstimator = (state: DayState, index: ConfigIndex, serviceCode: string, priority: string | null, now: number) => number | null;

/** What a run tells its observer, as it happens. */
export interface DayObserver {
  /** A citizen was called after `waitMs` in the queue of `serviceCode`, entered at `queuedAt`. */
  called?(serviceCode: string, queuedAt: number, waitMs: number): void;
  /** The queue of a service changed length. */
  queue?(serviceCode: string, at: number, length: number): void;
  /** A counter was busy from `from` to `to` (call to release). */
  busy?(counter: number, from: number, to: number): void;
  /** Estimators to measure against the engine's: each asked just before an issue, on the same state. */
  compare?: Record<string, IssueEstimator>;
  /** Issued: the engine's estimate (on the ticket) and the compared estimators', for measuring. */
  issued?(ticket: Ticket, compared: Record<string, number | null>): void;
  /** Still waiting when the day ended. */
  unserved?(serviceCode: string, queuedAt: number): void;
}

/**
 * The center's configuration with the plan's counters (and their services), issuing always open.
 * `estimates`: whether tickets carry a wait estimate (the history generator measures them; the
 * plan's simulations do not need them, and projecting each one would cost more than the run).
 */
export function planIndex(config: CenterConfig, plan: StaffingPlan, estimates = true): ConfigIndex {
  const byNumber = new Map(config.counters.map((c) => [c.number, c]));
  const counters = plan.counters.map((p) => {
    const base = byNumber.get(p.counter);
    return {
      number: p.counter, nameVi: base?.nameVi ?? `Quầy ${p.counter}`, nameEn: base?.nameEn ?? `Counter ${p.counter}`,
      zone: base?.zone ?? 'plan', services: p.services, defaultOfficer: null,
    };
  });
  // Arrivals are given, so windows and working days are not the simulation's to enforce.
  const index = indexConfig({ ...config, center: { ...config.center, enforceWindows: false }, counters });
  return estimates ? index : { ...index, noEstimates: true };
}

type EvBody =
  | { t: number; kind: 'arrive'; arrival: Arrival }
  | { t: number; kind: 'open' | 'close'; counter: number }
  | { t: number; kind: 'start' | 'end'; counter: number; outcome: 'finish' | 'no-show' | 'transfer'; to: string | null };
type Ev = EvBody & { seq: number };

/** A binary min-heap on (t, seq): same inputs, same order. */
class Heap {
  private readonly items: Ev[] = [];
  private seq = 0;
  get size(): number { return this.items.length; }
  push(e: EvBody): void {
    const item = e as Ev;
    item.seq = this.seq++;
    const a = this.items;
    let i = a.length;
    a.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(item, a[p]!)) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = item;
  }
  pop(): Ev {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = l;
        if (l >= a.length) break;
        if (r < a.length && less(a[r]!, a[l]!)) m = r;
        if (!less(a[m]!, last)) break;
        a[i] = a[m]!;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}
const less = (a: Ev, b: Ev) => a.t < b.t || (a.t === b.t && a.seq < b.seq);

const draw = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)]!;

/** Runs one day; returns its final state (every ticket with its history). */
export function runDay(index: ConfigIndex, plan: StaffingPlan, model: CenterModel, arrivals: readonly Arrival[], rnd: () => number, observe: DayObserver = {}): DayState {
  const state = emptyDay(plan.day);
  attachWaitingIndex(state, new Map());
  const waiting = waitingIndexOf(state)!;
  const heap = new Heap();
  const officer = (n: number) => `sim-${n}`;
  const busySince = new Map<number, number>();
  const closing = new Set<number>();
  const transferred = new Set<string>();
  const queueLength = new Map<string, number>();
  const enteredQueue = new Map<string, number>();
  let nextId = 0;

  for (const p of plan.counters) {
    const hours = [...new Set(p.hours)].sort((a, b) => a - b);
    hours.forEach((h, i) => {
      const at = localInstant(plan.day, `${String(h).padStart(2, '0')}:00`);
      if (i === 0 || hours[i - 1] !== h - 1) heap.push({ t: at, kind: 'open', counter: p.counter });
      if (i === hours.length - 1 || hours[i + 1] !== h + 1) heap.push({ t: at + HOUR_MS, kind: 'close', counter: p.counter });
    });
  }
  for (const a of arrivals) heap.push({ t: a.at, kind: 'arrive', arrival: a });

  const run = (cmd: Exclude<Command, { type: 'rollover' }>, now: number) => {
    const d = decide(state, index, cmd, now);
    if (!d.ok) return null;
    for (const t of d.changes.tickets) {
      state.tickets[t.id] = t;
      if (t.status === 'waiting') waiting.set(t.id, t);
      else waiting.delete(t.id);
    }
    for (const c of d.changes.counters) state.counters[String(c.number)] = c;
    if (d.changes.sequences) state.sequences = d.changes.sequences;
    if (d.changes.recentServiceSec) state.recentServiceSec = { ...state.recentServiceSec, ...d.changes.recentServiceSec };
    return d;
  };
  const queueChange = (service: string, delta: number, at: number) => {
    const n = (queueLength.get(service) ?? 0) + delta;
    queueLength.set(service, n);
    observe.queue?.(service, at, n);
  };

  // A call-next that would find an empty queue costs a refusal: skip it when nothing waits here.
  const servicesOf = new Map([...index.counter.values()].map((c) => [c.number, c.services.map((s) => s.serviceCode)]));
  const somethingFor = (counter: number) => servicesOf.get(counter)!.some((s) => (queueLength.get(s) ?? 0) > 0);

  const tryCall = (counter: number, now: number): boolean => {
    const live = state.counters[String(counter)];
    if (live?.status !== 'open' || busySince.has(counter) || !somethingFor(counter)) return false;
    const d = run({ type: 'call-next', counter, officerId: officer(counter) }, now);
    if (!d?.ticket) return false;
    const t = d.ticket;
    queueChange(t.serviceCode, -1, now);
    const entered = enteredQueue.get(t.id) ?? t.queuedAt;
    observe.called?.(t.serviceCode, entered, now - entered);
    busySince.set(counter, now);
    const behaviour = model.services[t.serviceCode];
    if (behaviour && rnd() < behaviour.noShowRate) {
      heap.push({ t: now + model.noShowAfterSec * 1000, kind: 'end', counter, outcome: 'no-show', to: null });
      return true;
    }
    let outcome: 'finish' | 'transfer' = 'finish';
    let to: string | null = null;
    if (behaviour && !transferred.has(t.id) && behaviour.transferTo.length > 0 && rnd() < behaviour.transferRate) {
      let x = rnd();
      to = behaviour.transferTo[behaviour.transferTo.length - 1]!.serviceCode;
      for (const option of behaviour.transferTo) {
        if ((x -= option.share) < 0) { to = option.serviceCode; break; }
      }
      outcome = 'transfer';
    }
    const walk = model.callToStartSec.length > 0 ? draw(model.callToStartSec, rnd) : 60;
    heap.push({ t: now + walk * 1000, kind: 'start', counter, outcome, to });
    return true;
  };

  const dispatch = (serviceCode: string, now: number) => {
    const idle = (index.countersOfService.get(serviceCode) ?? [])
      .filter((c) => state.counters[String(c.number)]?.status === 'open' && !busySince.has(c.number));
    while (idle.length > 0) {
      const i = Math.floor(rnd() * idle.length);
      if (tryCall(idle[i]!.number, now)) return;
      idle.splice(i, 1);
    }
  };

  while (heap.size > 0) {
    const e = heap.pop();
    const now = e.t;
    switch (e.kind) {
      case 'arrive': {
        const a = e.arrival;
        const compared: Record<string, number | null> = {};
        for (const [name, estimate] of Object.entries(observe.compare ?? {})) compared[name] = estimate(state, index, a.serviceCode, a.priority, now);
        const d = run({ type: 'issue', id: `s${++nextId}`, serviceCode: a.serviceCode, priority: a.priority, source: { kind: 'api', deviceId: null, requestId: null } }, now);
        if (!d?.ticket) break; // a daily cap reached: turned away, as on the day
        observe.issued?.(d.ticket, compared);
        queueChange(a.serviceCode, +1, now);
        dispatch(a.serviceCode, now);
        break;
      }
      case 'open':
        closing.delete(e.counter);
        if (run({ type: 'open-counter', counter: e.counter, officerId: officer(e.counter) }, now)) {
          tryCall(e.counter, now);
        }
        break;
      case 'close':
        if (busySince.has(e.counter)) closing.add(e.counter); // after the citizen at the counter
        else run({ type: 'close-counter', counter: e.counter, officerId: officer(e.counter) }, now);
        break;
      case 'start': {
        run({ type: 'start', counter: e.counter, officerId: officer(e.counter) }, now);
        const live = state.counters[String(e.counter)]!;
        const t = state.tickets[live.currentTicketId!]!;
        const samples = model.services[t.serviceCode]?.serviceSec ?? [];
        const sec = e.outcome === 'transfer' ? 120 + rnd() * 240 : samples.length > 0 ? draw(samples, rnd) : 480;
        heap.push({ t: now + sec * 1000, kind: 'end', counter: e.counter, outcome: e.outcome, to: e.to });
        break;
      }
      case 'end': {
        const actor = { counter: e.counter, officerId: officer(e.counter) };
        let moved: Ticket | null = null;
        if (e.outcome === 'no-show') run({ type: 'no-show', ...actor }, now);
        else if (e.outcome === 'transfer') {
          moved = run({ type: 'transfer', ...actor, toService: e.to, toCounter: null, note: '' }, now)?.ticket ?? null;
          if (!moved) run({ type: 'finish', ...actor, procedureCode: null, dossierCodes: [], note: '' }, now);
        } else run({ type: 'finish', ...actor, procedureCode: null, dossierCodes: [], note: '' }, now);
        observe.busy?.(e.counter, busySince.get(e.counter)!, now);
        busySince.delete(e.counter);
        if (closing.delete(e.counter)) run({ type: 'close-counter', counter: e.counter, officerId: officer(e.counter) }, now);
        else tryCall(e.counter, now);
        if (moved) {
          transferred.add(moved.id);
          enteredQueue.set(moved.id, now);
          queueChange(moved.serviceCode, +1, now);
          dispatch(moved.serviceCode, now);
        }
        break;
      }
    }
  }
  for (const t of waiting.values()) observe.unserved?.(t.serviceCode, enteredQueue.get(t.id) ?? t.queuedAt);
  return state;
}
