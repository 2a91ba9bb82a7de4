// Generated histories where the truth is known, for the forecast, simulator and planner tests and
// the plan bench: arrivals drawn from a stated weekly × hourly × month-end shape, each day run
// through the real engine (core/plan/run-day.ts) with stated service times, so every ticket has
// a real wait, a real estimate at issue and the first estimator's alongside.
import type { CenterConfig } from '@core/config.ts';
import { CenterConfigSchema, indexConfig } from '@core/config.ts';
import type { ReportRow } from '@core/reports.ts';
import { reportRow } from '@core/reports.ts';
import { localInstant } from '@core/time.ts';
import { planIndex, runDay } from '@core/plan/run-day.ts';
import { poisson } from '@core/plan/forecast.ts';
import type { Arrival, CenterModel, StaffingPlan } from '@core/plan/types.ts';
import type { IssueEstimator } from '@core/plan/run-day.ts';
import { aheadOfNew, queueShareWaitMin, simpleWaitMin } from '@core/estimate.ts';
import type { EstimateSample } from '@core/estimate-accuracy.ts';
import { mulberry32 } from './random.ts';
import { closeDay } from '@core/engine.ts';
import type { DayState } from '@core/ticket.ts';

export interface Shape {
  /** Expected tickets per working day per service, on an ordinary Tuesday–Thursday. */
  perDay: Record<string, number>;
  /** ISO weekday (1 = Monday) → factor. */
  weekday: Record<number, number>;
  /** Local hour → share of the day's tickets (sums to 1). */
  hourly: Record<number, number>;
  monthEnd: number;
}

export const SHAPE: Shape = {
  perDay: { HOTICH: 90, DATDAI: 60, DOANHNGHIEP: 40 },
  weekday: { 1: 1.35, 2: 1, 3: 1, 4: 1, 5: 0.8 },
  hourly: { 7: 0.14, 8: 0.2, 9: 0.18, 10: 0.12, 13: 0.1, 14: 0.13, 15: 0.09, 16: 0.04 },
  monthEnd: 1.3,
};

/** Expected tickets of a service in a local hour of a day (the truth the forecast should find). */
export function expectedRate(shape: Shape, day: string, service: string, hour: number): number {
  const weekday = ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const monthEnd = Number(day.slice(8, 10)) >= 25 ? shape.monthEnd : 1;
  return (shape.perDay[service] ?? 0) * (shape.weekday[weekday] ?? 0) * monthEnd * (shape.hourly[hour] ?? 0);
}

export function drawDay(shape: Shape, day: string, rnd: () => number, priorityShare = 0.08): Arrival[] {
  const out: Arrival[] = [];
  for (const service of Object.keys(shape.perDay)) {
    for (const hour of Object.keys(shape.hourly).map(Number)) {
      const n = poisson(expectedRate(shape, day, service, hour), rnd);
      const start = localInstant(day, `${String(hour).padStart(2, '0')}:00`);
      for (let i = 0; i < n; i++) out.push({ at: start + Math.floor(rnd() * 3_600_000), serviceCode: service, priority: rnd() < priorityShare ? 'elderly' : null });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

export function smallCenter(): CenterConfig {
  return CenterConfigSchema.parse({
    center: { nameVi: 'Trung tâm thử kế hoạch', nameEn: 'Plan test center' },
    departments: [{ code: 'STP', nameVi: 'Sở Tư pháp', nameEn: 'Justice' }, { code: 'STC', nameVi: 'Sở Tài chính', nameEn: 'Finance' }],
    services: [
      { code: 'HOTICH', departmentCode: 'STP', nameVi: 'Hộ tịch', nameEn: 'Civil status', prefix: 'A', targetWaitMin: 20, defaultServiceMin: 8 },
      { code: 'DATDAI', departmentCode: 'STC', nameVi: 'Đất đai', nameEn: 'Land', prefix: 'B', targetWaitMin: 30, defaultServiceMin: 12 },
      { code: 'DOANHNGHIEP', departmentCode: 'STC', nameVi: 'Doanh nghiệp', nameEn: 'Business', prefix: 'C', targetWaitMin: 20, defaultServiceMin: 10 },
    ],
    counters: [
      { number: 1, nameVi: 'Quầy 1', nameEn: 'Counter 1', zone: 'A', services: [{ serviceCode: 'HOTICH', weight: 2 }, { serviceCode: 'DOANHNGHIEP' }] },
      { number: 2, nameVi: 'Quầy 2', nameEn: 'Counter 2', zone: 'A', services: [{ serviceCode: 'HOTICH' }] },
      { number: 3, nameVi: 'Quầy 3', nameEn: 'Counter 3', zone: 'A', services: [{ serviceCode: 'HOTICH' }, { serviceCode: 'DATDAI' }] },
      { number: 4, nameVi: 'Quầy 4', nameEn: 'Counter 4', zone: 'B', services: [{ serviceCode: 'DATDAI', weight: 3 }, { serviceCode: 'DOANHNGHIEP' }] },
      { number: 5, nameVi: 'Quầy 5', nameEn: 'Counter 5', zone: 'B', services: [{ serviceCode: 'DATDAI' }] },
      { number: 6, nameVi: 'Quầy 6', nameEn: 'Counter 6', zone: 'B', services: [{ serviceCode: 'DOANHNGHIEP' }, { serviceCode: 'HOTICH' }] },
    ],
    priorityCategories: [{ code: 'elderly', nameVi: 'Người cao tuổi', nameEn: 'Elderly' }],
    routing: {},
  });
}

/** Service times (s) the truth is made of: skewed long, as real ones are. */
export function trueModel(config: CenterConfig, rnd = mulberry32(7)): CenterModel {
  const services: CenterModel['services'] = {};
  for (const s of config.services) {
    const mean = s.defaultServiceMin * 60;
    // a lognormal-like spread: most near the mean, a long tail
    const serviceSec = Array.from({ length: 400 }, () => Math.round(mean * Math.exp(0.5 * Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd()) - 0.125)));
    const others = config.services.filter((o) => o.code !== s.code);
    services[s.code] = {
      serviceSec, noShowRate: 0.06, transferRate: 0.04, priorityShare: 0.08,
      transferTo: others.map((o) => ({ serviceCode: o.code, share: 1 / others.length })),
    };
  }
  return { services, callToStartSec: [40, 60, 80, 100], noShowAfterSec: 180 };
}

/** Every counter open in the morning and afternoon sessions. */
export function fullPlan(config: CenterConfig, day: string, hours = [7, 8, 9, 10, 11, 13, 14, 15, 16]): StaffingPlan {
  return { day, counters: config.counters.map((c) => ({ counter: c.number, services: c.services, hours })) };
}

/** The `count` working days (Mon–Fri) ending the day before `end`, oldest first. */
export function workingDaysBefore(end: string, count: number): string[] {
  const out: string[] = [];
  let t = Date.parse(`${end}T12:00:00Z`);
  while (out.length < count) {
    t -= 86_400_000;
    const d = new Date(t).getUTCDay();
    if (d !== 0 && d !== 6) out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out.reverse();
}

/** The first estimator (people ahead × median ÷ weight share), as a ticket issued now would get it. */
export const simpleAtIssue: IssueEstimator = (state, index, code, priority) => simpleWaitMin(state, index, code, aheadOfNew(state, code, priority));
/** The second (queue only: demand share, idle counters, mean + walk), blind to the time of day. */
export const queueShareAtIssue: IssueEstimator = (state, index, code, priority) => queueShareWaitMin(state, index, code, aheadOfNew(state, code, priority), false);

export interface GeneratedDay {
  day: string;
  arrivals: Arrival[];
  plan: StaffingPlan;
  rows: ReportRow[];
  /** The day as the store keeps it (closed: anyone still waiting expired). */
  state: DayState;
  /**
   * Each called ticket's estimate at issue and its real wait: `engine` is the one on the ticket,
   * the others those of the estimators compared (by default the first one, `simple`).
   */
  estimates: Record<string, EstimateSample[]>;
}

/** Days run through the engine with the true model; `planOf` may thin the counters per day. */
export function generateDays(config: CenterConfig, days: readonly string[], opts: { seed: number; shape?: Shape; planOf?: (day: string) => StaffingPlan; model?: CenterModel; compare?: Record<string, IssueEstimator> }): GeneratedDay[] {
  const rnd = mulberry32(opts.seed);
  const model = opts.model ?? trueModel(config);
  const shape = opts.shape ?? SHAPE;
  const hourOf = (at: number) => new Date(at + 7 * 3_600_000).getUTCHours();
  return days.map((day) => {
    const arrivals = drawDay(shape, day, rnd);
    const plan = opts.planOf?.(day) ?? fullPlan(config, day);
    const compare = opts.compare ?? { simple: simpleAtIssue };
    const compared = new Map<string, Record<string, number | null>>();
    const state = runDay(planIndex(config, plan), plan, model, arrivals, rnd, { compare, issued: (t, c) => compared.set(t.id, c) });
    const rows = Object.values(state.tickets).map(reportRow);
    const estimates: Record<string, EstimateSample[]> = { engine: [] };
    for (const name of Object.keys(compare)) estimates[name] = [];
    for (const t of Object.values(state.tickets)) {
      const r = reportRow(t);
      if (r.firstWaitSec === null) continue;
      const base = { serviceCode: r.issuedFor, hour: hourOf(t.issuedAt), actualMin: r.firstWaitSec / 60 };
      if (t.estimateMin != null) estimates.engine!.push({ ...base, estimateMin: t.estimateMin });
      for (const [name, value] of Object.entries(compared.get(t.id) ?? {})) if (value != null) estimates[name]!.push({ ...base, estimateMin: value });
    }
    return { day, arrivals, plan, rows, state: closeDay(state, localInstant(day, '23:00')), estimates };
  });
}

export { indexConfig };

/** A shape for the shared test center (tests/helpers/center.ts): land and civil status all day. */
export const TEST_CENTER_SHAPE: Shape = { ...SHAPE, perDay: { DATDAI: 45, HOTICH: 40 } };

/** Writes generated days into a store, as the server would have closed them. */
export async function writeHistory(store: { writeDay(state: DayState): Promise<void> }, config: CenterConfig, days: readonly string[], seed: number, shape = TEST_CENTER_SHAPE): Promise<GeneratedDay[]> {
  const generated = generateDays(config, days, { seed, shape });
  for (const d of generated) await store.writeDay(d.state);
  return generated;
}
