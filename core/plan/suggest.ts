// A suggested staffing plan: the fewest counter-hours that keep every service within its target
// wait for `share` of its citizens, in simulation. Each counter offers only the services it is set
// up for (its officer's competence), with its weights. Greedy, then local improvement:
// 1. a fluid start: per hour, counters are opened until the expected work of every service fits;
// 2. while a service misses its target, open a counter at the hour where it fails worst;
// 3. try closing each counter-hour, least busy first; keep the closure if every target still holds.
// Every evaluation uses the same random draws (rngOf gives a fresh PRNG on the same seed), so
// two plans are compared on the same days, not on luck.
import type { CenterConfig } from '../config.ts';
import { simulate } from './simulate.ts';
import type { Arrival, CenterModel, SimulationResult, StaffingPlan } from './types.ts';

export interface SuggestInput {
  config: CenterConfig;
  day: string;
  model: CenterModel;
  /** Hours counters may open (the issuing windows' hours). */
  hours: number[];
  /** Expected arrivals per service and hour (a forecast), for the fluid start. */
  expected: { serviceCode: string; hourly: number[] }[];
  arrivals: readonly Arrival[] | ((rnd: () => number) => Arrival[]);
  runs: number;
  rngOf: () => () => number;
  /** Share of citizens within target required of every service (default 0.9). */
  share?: number;
  /** Counters that may be used (default: all configured). */
  counters?: number[];
  /** Upper bound on simulations of a whole plan (each `runs` days). */
  maxEvaluations?: number;
}

export interface Suggestion {
  plan: StaffingPlan;
  result: SimulationResult;
  meetsTarget: boolean;
  evaluations: number;
}

type Cells = Map<number, Set<number>>; // counter → open hours

const meanSec = (xs: number[]) => (xs.length === 0 ? 480 : xs.reduce((a, b) => a + b, 0) / xs.length);

export function failingServices(result: SimulationResult, share: number): string[] {
  return result.services.filter((s) => s.day.withinTarget !== null && s.day.withinTarget < share).map((s) => s.serviceCode);
}

export function suggestPlan(input: SuggestInput): Suggestion {
  const share = input.share ?? 0.9;
  const maxEvaluations = input.maxEvaluations ?? 60;
  const allowed = new Set(input.counters ?? input.config.counters.map((c) => c.number));
  const counters = input.config.counters.filter((c) => allowed.has(c.number));
  const walk = meanSec(input.model.callToStartSec);
  const workSec = (service: string) => meanSec(input.model.services[service]?.serviceSec ?? []) + walk;
  const cells: Cells = new Map(counters.map((c) => [c.number, new Set<number>()]));
  const toPlan = (): StaffingPlan => ({
    day: input.day,
    counters: counters.filter((c) => cells.get(c.number)!.size > 0)
      .map((c) => ({ counter: c.number, services: c.services, hours: [...cells.get(c.number)!].sort((a, b) => a - b) })),
  });
  let evaluations = 0;
  const evaluate = (): SimulationResult => {
    evaluations += 1;
    return simulate({ config: input.config, plan: toPlan(), model: input.model, arrivals: input.arrivals, runs: input.runs, rnd: input.rngOf() });
  };
  const openOne = (hour: number, service: string): number | null => {
    // the closed counter that serves this service with the largest share of its weight
    let best: { n: number; score: number } | null = null;
    for (const c of counters) {
      if (cells.get(c.number)!.has(hour)) continue;
      const mine = c.services.find((s) => s.serviceCode === service);
      if (!mine) continue;
      const score = mine.weight / c.services.reduce((n, s) => n + s.weight, 0) - c.number * 1e-6;
      if (!best || score > best.score) best = { n: c.number, score };
    }
    if (!best) return null;
    cells.get(best.n)!.add(hour);
    return best.n;
  };

  // 1. fluid start: counters' capacity shared by weight must cover each service's expected work
  for (const hour of input.hours) {
    const need = new Map(input.expected.map((e) => [e.serviceCode, ((e.hourly[hour] ?? 0) * workSec(e.serviceCode)) / 3600]));
    for (;;) {
      const [service, remaining] = [...need].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? ['', 0];
      if (remaining <= 0.25) break; // a quarter of a counter is left to the simulation to decide
      const opened = openOne(hour, service);
      if (opened === null) { need.set(service, 0); continue; }
      const counter = counters.find((c) => c.number === opened)!;
      const total = counter.services.reduce((n, s) => n + s.weight * ((need.get(s.serviceCode) ?? 0) > 0 ? 1 : 0), 0) || 1;
      for (const s of counter.services) {
        const left = need.get(s.serviceCode) ?? 0;
        if (left > 0) need.set(s.serviceCode, left - s.weight / total);
      }
    }
  }

  // 2. add where targets fail
  let result = evaluate();
  while (evaluations < maxEvaluations) {
    const failing = failingServices(result, share);
    if (failing.length === 0) break;
    let added = false;
    for (const service of failing) {
      const svc = result.services.find((s) => s.serviceCode === service)!;
      const worst = svc.byHour
        .filter((h) => input.hours.includes(h.hour))
        .map((h) => ({ hour: h.hour, miss: (1 - (h.withinTarget ?? 1)) * (h.calledPerRun + h.unservedPerRun) }))
        .sort((a, b) => b.miss - a.miss || a.hour - b.hour);
      for (const w of worst) if (openOne(w.hour, service) !== null) { added = true; break; }
    }
    if (!added) break; // nothing left to open: the target cannot be met with these counters
    result = evaluate();
  }

  // 3. close what is not needed, least busy counter-hours first
  if (failingServices(result, share).length === 0) {
    const busy = new Map(result.utilisation.map((u) => [u.hour, u.busyShare ?? 0]));
    const counterBusy = new Map(result.counters.map((c) => [c.counter, c.busyShare ?? 0]));
    const order = [...cells].flatMap(([n, hours]) => [...hours].map((h) => ({ n, h, score: (busy.get(h) ?? 0) + (counterBusy.get(n) ?? 0) })))
      .sort((a, b) => a.score - b.score || b.n - a.n || a.h - b.h);
    for (const { n, h } of order) {
      if (evaluations >= maxEvaluations) break;
      cells.get(n)!.delete(h);
      const trial = evaluate();
      if (failingServices(trial, share).length === 0) result = trial;
      else cells.get(n)!.add(h);
    }
  }
  return { plan: toPlan(), result, meetsTarget: failingServices(result, share).length === 0, evaluations };
}
