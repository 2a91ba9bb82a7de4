// What-if: many runs of a day (core/plan/run-day.ts) under one staffing plan, summed up per service
// and hour: waits p50/p90, share within the target, longest queue, counter utilisation.
// Deterministic: the caller passes the PRNG (core has no randomness of its own).
import type { CenterConfig } from '../config.ts';
import { percentile } from '../statistics.ts';
import { localWeekdayHour } from '../reports.ts';
import { planIndex, runDay } from './run-day.ts';
import type { Arrival, CenterModel, SimulationResult, StaffingPlan, WaitFigures } from './types.ts';

const HOUR_MS = 3_600_000;

export interface SimulationInput {
  config: CenterConfig;
  plan: StaffingPlan;
  model: CenterModel;
  /** The same arrivals every run (a past day), or drawn anew for each run (a forecast). */
  arrivals: readonly Arrival[] | ((rnd: () => number) => Arrival[]);
  runs: number;
  rnd: () => number;
}

const hourOf = (at: number) => localWeekdayHour(at)[1];

class Cell {
  waits: number[] = [];
  within = 0;
  unserved = 0;
  longest: number[] = [];

  add(waitMs: number, targetMs: number): void {
    this.waits.push(waitMs / 1000);
    if (waitMs <= targetMs) this.within += 1;
  }

  figures(runs: number): WaitFigures {
    const sorted = Float64Array.from(this.waits).sort();
    const all = sorted.length + this.unserved;
    const longest = this.longest.length === 0 ? [0] : this.longest;
    return {
      calledPerRun: sorted.length / runs,
      unservedPerRun: this.unserved / runs,
      p50Sec: percentile(sorted, 50),
      p90Sec: percentile(sorted, 90),
      withinTarget: all === 0 ? null : this.within / all,
      longestQueueMean: longest.reduce((a, b) => a + b, 0) / runs,
      longestQueueMax: Math.max(...longest),
    };
  }
}

export function simulate(input: SimulationInput): SimulationResult {
  const { config, plan, model, runs, rnd } = input;
  const index = planIndex(config, plan, false);
  const targetMs = new Map(config.services.map((s) => [s.code, s.targetWaitMin * 60_000]));
  const hours = [...new Set(plan.counters.flatMap((c) => c.hours))].sort((a, b) => a - b);
  const cells = new Map<string, Cell>(); // `${service}|${hour}`, hour -1 = the whole day
  const cell = (service: string, hour: number) => {
    const key = `${service}|${hour}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = new Cell()));
    return c;
  };
  const busyByHour = new Map<number, number>();
  const busyByCounter = new Map<number, number>();

  for (let r = 0; r < runs; r++) {
    const arrivals = typeof input.arrivals === 'function' ? input.arrivals(rnd) : input.arrivals;
    const longest = new Map<string, number>(); // `${service}|${hour}` → longest queue this run
    const queued = new Map<string, number>();
    let total = 0;
    runDay(index, plan, model, arrivals, rnd, {
      called(service, queuedAt, waitMs) {
        const target = targetMs.get(service) ?? Infinity;
        cell(service, hourOf(queuedAt)).add(waitMs, target);
        cell(service, -1).add(waitMs, target);
        cell('*', hourOf(queuedAt)).add(waitMs, target);
        cell('*', -1).add(waitMs, target);
      },
      unserved(service, queuedAt) {
        for (const [s, h] of [[service, hourOf(queuedAt)], [service, -1], ['*', hourOf(queuedAt)], ['*', -1]] as const) cell(s, h).unserved += 1;
      },
      queue(service, at, length) {
        for (const key of [`${service}|${hourOf(at)}`, `${service}|-1`]) longest.set(key, Math.max(longest.get(key) ?? 0, length));
        const all = (queued.get(service) ?? 0);
        total += length - all;
        queued.set(service, length);
        longest.set('*|-1', Math.max(longest.get('*|-1') ?? 0, total));
      },
      busy(counter, from, to) {
        busyByCounter.set(counter, (busyByCounter.get(counter) ?? 0) + (to - from));
        for (let t = from; t < to;) {
          const hourEnd = (Math.floor(t / HOUR_MS) + 1) * HOUR_MS; // local hours start on UTC hours (UTC+7)
          const end = Math.min(to, hourEnd);
          const h = hourOf(t);
          busyByHour.set(h, (busyByHour.get(h) ?? 0) + (end - t));
          t = end;
        }
      },
    });
    for (const [key, n] of longest) {
      const [service, hour] = key.split('|');
      cell(service!, Number(hour)).longest.push(n);
    }
  }

  const figures = (service: string, hour: number) => (cells.get(`${service}|${hour}`) ?? new Cell()).figures(runs);
  const openAt = (h: number) => plan.counters.filter((c) => c.hours.includes(h)).length;
  const activeHours = [...new Set([...hours, ...[...cells.keys()].map((k) => Number(k.split('|')[1])).filter((h) => h >= 0)])].sort((a, b) => a - b);
  return {
    day: plan.day,
    runs,
    seedNote: 'deterministic for the PRNG given',
    hours: activeHours,
    services: config.services.filter((s) => cells.has(`${s.code}|-1`)).map((s) => ({
      serviceCode: s.code,
      targetWaitMin: s.targetWaitMin,
      day: figures(s.code, -1),
      byHour: activeHours.filter((h) => cells.has(`${s.code}|${h}`)).map((hour) => ({ hour, ...figures(s.code, hour) })),
    })),
    utilisation: activeHours.map((hour) => {
      const open = openAt(hour);
      return { hour, openCounters: open, busyShare: open === 0 ? null : Math.min(1, (busyByHour.get(hour) ?? 0) / runs / (open * HOUR_MS)) };
    }),
    counters: plan.counters.map((c) => ({
      counter: c.counter,
      openHours: c.hours.length,
      busyShare: c.hours.length === 0 ? null : Math.min(1, (busyByCounter.get(c.counter) ?? 0) / runs / (c.hours.length * HOUR_MS)),
    })),
    totals: figures('*', -1),
    counterHours: plan.counters.reduce((n, c) => n + c.hours.length, 0),
  };
}
