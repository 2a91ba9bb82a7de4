// The simulator's thread: runs and plan searches take seconds of CPU, so they run here, never on
// the server's main thread (which keeps serving the queue). Messages in, results out; one job at a
// time in order.
import { parentPort } from 'node:worker_threads';
import type { CenterConfig } from '@core/config.ts';
import type { Forecast } from '@core/plan/forecast.ts';
import { drawArrivals } from '@core/plan/forecast.ts';
import { simulate } from '@core/plan/simulate.ts';
import { suggestPlan } from '@core/plan/suggest.ts';
import type { Suggestion } from '@core/plan/suggest.ts';
import type { Arrival, CenterModel, SimulationResult, StaffingPlan } from '@core/plan/types.ts';
import { mulberry32 } from './prng.ts';

export type ArrivalSource = { kind: 'actual'; arrivals: Arrival[] } | { kind: 'forecast'; forecast: Forecast; priorityCode: string | null };

export type PlanJob =
  | { id: number; kind: 'simulate'; config: CenterConfig; plan: StaffingPlan; model: CenterModel; source: ArrivalSource; runs: number; seed: number }
  | {
      id: number; kind: 'suggest'; config: CenterConfig; day: string; model: CenterModel; source: ArrivalSource; hours: number[];
      runs: number; seed: number; share: number; maxEvaluations: number;
    };

export type PlanReply =
  | { id: number; ok: true; kind: 'simulate'; result: SimulationResult }
  | { id: number; ok: true; kind: 'suggest'; suggestion: Suggestion }
  | { id: number; ok: false; message: string };

function arrivalsOf(source: ArrivalSource): readonly Arrival[] | ((rnd: () => number) => Arrival[]) {
  return source.kind === 'actual' ? source.arrivals : (rnd) => drawArrivals(source.forecast, source.priorityCode, rnd);
}

export function handle(job: PlanJob): PlanReply {
  if (job.kind === 'simulate') {
    const result = simulate({ config: job.config, plan: job.plan, model: job.model, arrivals: arrivalsOf(job.source), runs: job.runs, rnd: mulberry32(job.seed) });
    return { id: job.id, ok: true, kind: 'simulate', result };
  }
  const expected = job.source.kind === 'forecast' ? job.source.forecast.services : [];
  const suggestion = suggestPlan({
    config: job.config, day: job.day, model: job.model, hours: job.hours, expected, arrivals: arrivalsOf(job.source),
    runs: job.runs, rngOf: () => mulberry32(job.seed), share: job.share, maxEvaluations: job.maxEvaluations,
  });
  return { id: job.id, ok: true, kind: 'suggest', suggestion };
}

parentPort?.on('message', (job: PlanJob) => {
  let reply: PlanReply;
  try {
    reply = handle(job);
  } catch (err) {
    reply = { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
