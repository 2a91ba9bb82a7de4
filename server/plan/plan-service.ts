// The counter plan behind /api/manager/plan: a day's forecast and the center's behaviour from the
// report history, simulations and plan suggestions run on the worker thread, the roster export.
import type { Logger } from 'pino';
import type { CenterConfig, ConfigIndex } from '@core/config.ts';
import type { ReportRow } from '@core/reports.ts';
import { localWeekdayHour } from '@core/reports.ts';
import { windowsOf } from '@core/issuing.ts';
import { arrivalsByDay, forecastDay } from '@core/plan/forecast.ts';
import { arrivalsOf, learnModel } from '@core/plan/model.ts';
import type { PlanDay, PlanRun, PlanSuggestion, SimulateBody } from '@core/plan/protocol.ts';
import type { StaffingPlan } from '@core/plan/types.ts';
import { rosterTables } from '@core/plan/roster.ts';
import type { RosterTables } from '@core/plan/roster.ts';
import type { ArrivalSource } from './plan-worker.ts';
import type { PlanWorker } from './worker-client.ts';

/** Past days looked at: the forecast's weeks and the service times' recent months. */
const HISTORY_DAYS = 182;
const MODEL_DAYS = 60;

export interface PlanDeps {
  history: { ready(): Promise<void>; chunks(from: string, to: string): ReportRow[][] };
  config: () => ConfigIndex;
  today: () => string;
  /** Name of the officer who usually works at a counter. */
  officerOf: (counter: number) => string | null;
  worker: PlanWorker;
  log: Logger;
}

const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Hours any issuing window touches: when counters may be open. */
export function issuingHours(index: ConfigIndex): number[] {
  const hours = new Set<number>();
  for (const s of index.config.services.filter((x) => x.active)) {
    for (const w of windowsOf(index, s)) {
      const [sh, sm] = w.start.split(':').map(Number) as [number, number];
      const [eh, em] = w.end.split(':').map(Number) as [number, number];
      const end = eh * 60 + em;
      for (let h = sh; h * 60 < end && h < 24; h++) if (h * 60 + 60 > sh * 60 + sm) hours.add(h);
    }
  }
  return [...hours].sort((a, b) => a - b);
}

export class PlanService {
  constructor(private readonly deps: PlanDeps) {}

  private async inputs(day: string) {
    await this.deps.history.ready();
    const index = this.deps.config();
    const cfg = index.config;
    const basisEnd = day < this.deps.today() ? day : this.deps.today();
    const chunks = this.deps.history.chunks(shiftDay(basisEnd, -HISTORY_DAYS), shiftDay(basisEnd, -1));
    const modelChunks = chunks.filter((c) => c.length > 0 && c[0]!.day >= shiftDay(basisEnd, -MODEL_DAYS));
    const model = learnModel(modelChunks.length > 0 ? modelChunks : chunks, cfg.services);
    const forecast = forecastDay(arrivalsByDay(chunks), day, { holidays: cfg.center.holidays, services: cfg.services.filter((s) => s.active).map((s) => s.code) });
    const actualRows = day < this.deps.today() ? this.deps.history.chunks(day, day).flat() : null;
    return { index, cfg, model, forecast, actualRows, historyDays: chunks.length };
  }

  private defaultPlan(index: ConfigIndex, day: string): StaffingPlan {
    const hours = issuingHours(index);
    return { day, counters: index.config.counters.map((c) => ({ counter: c.number, services: c.services, hours })) };
  }

  async day(day: string): Promise<PlanDay> {
    const { index, cfg, forecast, actualRows, historyDays } = await this.inputs(day);
    let actual: PlanDay['actual'] = null;
    if (actualRows) {
      actual = cfg.services.filter((s) => s.active).map((s) => {
        const hourly = new Array<number>(24).fill(0);
        for (const r of actualRows) if (r.issuedFor === s.code) hourly[localWeekdayHour(r.issuedAt)[1]]! += 1;
        return { serviceCode: s.code, hourly };
      });
    }
    return {
      day, today: this.deps.today(), past: actualRows !== null, hours: issuingHours(index), forecast, actual,
      plan: this.defaultPlan(index, day),
      services: cfg.services.filter((s) => s.active).map((s) => ({ code: s.code, nameVi: s.nameVi, nameEn: s.nameEn, targetWaitMin: s.targetWaitMin })),
      counters: cfg.counters.map((c) => ({ number: c.number, nameVi: c.nameVi, nameEn: c.nameEn, officer: this.deps.officerOf(c.number), services: c.services })),
      historyDays,
    };
  }

  /** Codes the plan names that the configuration does not know, as readable problems. */
  problems(plan: StaffingPlan): { path: string; message: string }[] {
    const cfg = this.deps.config();
    const out: { path: string; message: string }[] = [];
    plan.counters.forEach((c, i) => {
      if (!cfg.counter.has(c.counter)) out.push({ path: `plan.counters.${i}.counter`, message: `không có quầy ${c.counter}` });
      c.services.forEach((s, j) => {
        if (!cfg.service.has(s.serviceCode)) out.push({ path: `plan.counters.${i}.services.${j}`, message: `không có lĩnh vực ${s.serviceCode}` });
      });
      if (new Set(c.services.map((s) => s.serviceCode)).size !== c.services.length) out.push({ path: `plan.counters.${i}.services`, message: 'lĩnh vực bị trùng' });
    });
    return out;
  }

  private source(cfg: CenterConfig, forecast: PlanDay['forecast'], actualRows: ReportRow[] | null, mode: 'forecast' | 'actual'): ArrivalSource {
    const priorityCode = cfg.priorityCategories[0]?.code ?? null;
    return mode === 'actual' && actualRows ? { kind: 'actual', arrivals: arrivalsOf(actualRows, priorityCode) } : { kind: 'forecast', forecast, priorityCode };
  }

  async simulate(body: SimulateBody): Promise<PlanRun> {
    const started = performance.now();
    const { cfg, model, forecast, actualRows } = await this.inputs(body.plan.day);
    const reply = await this.deps.worker.run({
      kind: 'simulate', config: cfg, plan: body.plan, model, source: this.source(cfg, forecast, actualRows, body.arrivals), runs: body.runs, seed: body.seed,
    });
    return { result: reply.result, ms: Math.round(performance.now() - started) };
  }

  async suggest(day: string, share: number, seed: number): Promise<PlanSuggestion> {
    const started = performance.now();
    const { index, cfg, model, forecast } = await this.inputs(day);
    const reply = await this.deps.worker.run({
      kind: 'suggest', config: cfg, day, model, source: this.source(cfg, forecast, null, 'forecast'), hours: issuingHours(index),
      runs: 10, seed, share, maxEvaluations: 40,
    });
    const s = reply.suggestion;
    return { plan: s.plan, result: s.result, meetsTarget: s.meetsTarget, evaluations: s.evaluations, ms: Math.round(performance.now() - started) };
  }

  async roster(plan: StaffingPlan): Promise<RosterTables> {
    const cfg = this.deps.config();
    const { result } = await this.simulate({ plan, arrivals: 'forecast', runs: 20, seed: 1 });
    return rosterTables(plan, {
      counter: (n) => cfg.counter.get(n)?.nameVi ?? `Quầy ${n}`,
      officer: (n) => this.deps.officerOf(n),
      service: (code) => cfg.service.get(code)?.nameVi ?? code,
    }, result);
  }
}
