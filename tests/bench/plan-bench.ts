// The counter plan's costs and the estimator's measured gain:
//   1. one day of a 30-counter center (the bench center's 10 services, counters as in seed.ts,
//      about 1,000 tickets) simulated 100 times in one thread, as the plan worker runs it: wall time
//      and CPU time (the machine may be shared; CPU time is what the simulation itself costs);
//   2. a year of engine-run days (250 working days of the same services, ~400 tickets a day, staffed
//      tight as a real center is: 10 counters all day, 3 more in the morning rush, lunch 12–13):
//      the estimate each ticket was given at issue (after: the projection, core/estimate-projection.ts)
//      against the estimator before it (queue share, blind to the time of day) and the first one
//      (median × weight share), all against the real wait to the first call (median absolute
//      error, share within ±5 min and ±25 %), overall and per hour of issue.
// Prints a table and a final `BENCH_JSON {…}` line. Run alone: npx tsx tests/bench/plan-bench.ts
import { CenterConfigSchema } from '@core/config.ts';
import { estimateAccuracy } from '@core/estimate-accuracy.ts';
import type { EstimateErrorFigures, EstimateSample } from '@core/estimate-accuracy.ts';
import { arrivalsOf, learnModel } from '@core/plan/model.ts';
import { simulate } from '@core/plan/simulate.ts';
import type { StaffingPlan } from '@core/plan/types.ts';
import { benchConfig, servicesOfCounter } from './seed.ts';
import { generateDays, queueShareAtIssue, simpleAtIssue, workingDaysBefore } from '../helpers/plan-center.ts';
import type { Shape } from '../helpers/plan-center.ts';
import { mulberry32 } from '../helpers/random.ts';

const log = (line: string) => process.stderr.write(`plan-bench: ${line}\n`);
// ~25 s of CPU in all; the watchdog leaves room for a machine shared with other work.
const watchdog = setTimeout(() => { log('watchdog fired after 240 s'); process.exit(2); }, 240_000);

const base = benchConfig();
const config = CenterConfigSchema.parse({
  ...base,
  counters: Array.from({ length: 30 }, (_, i) => ({
    number: i + 1, nameVi: `Quầy số ${i + 1}`, nameEn: `Counter ${i + 1}`, zone: 'T1',
    services: servicesOfCounter(i + 1).map((serviceCode, j) => ({ serviceCode, weight: j + 1 })),
  })),
});
const HOURS = [7, 8, 9, 10, 11, 13, 14, 15, 16];
const hourly = { 7: 0.14, 8: 0.2, 9: 0.18, 10: 0.12, 13: 0.1, 14: 0.13, 15: 0.09, 16: 0.04 };
const shape = (perDay: number): Shape => ({
  perDay: Object.fromEntries(config.services.map((s) => [s.code, perDay / config.services.length])),
  weekday: { 1: 1.3, 2: 1, 3: 1, 4: 1, 5: 0.85 }, hourly, monthEnd: 1.2,
});
const everyone = (day: string): StaffingPlan => ({ day, counters: config.counters.map((c) => ({ counter: c.number, services: c.services, hours: HOURS })) });
const staffed = (day: string): StaffingPlan => ({
  day, counters: config.counters.filter((c) => c.number <= 13).map((c) => ({ counter: c.number, services: c.services, hours: c.number <= 10 ? HOURS : [8, 9, 10] })),
});

// 1. one day × 100 runs
const history = generateDays(config, workingDaysBefore('2026-11-25', 20), { seed: 5, shape: shape(1000), planOf: everyone });
const model = learnModel(history.map((d) => d.rows), config.services);
const day = history[history.length - 1]!; // an ordinary Tuesday
const arrivals = arrivalsOf(day.rows, 'elderly');
simulate({ config, plan: day.plan, model, arrivals, runs: 3, rnd: mulberry32(1) }); // warm-up (JIT)
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = simulate({ config, plan: day.plan, model, arrivals, runs: 100, rnd: mulberry32(1) });
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
log(`one day, 30 counters, ${day.rows.length} tickets × 100 runs: ${wallMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU`);

// 2. a year of days: the estimates given at issue, measured
const y0 = performance.now();
const year = generateDays(config, workingDaysBefore('2026-11-23', 250), { seed: 9, shape: shape(400), planOf: staffed, compare: { first: simpleAtIssue, before: queueShareAtIssue } });
const samples = (name: string) => year.flatMap((d) => d.estimates[name] ?? []);
const estimators = [['first (median × weight share)', samples('first')], ['before (queue share, idle counters, mean + walk)', samples('before')], ['after (projection: routing, sessions, arrivals to come)', samples('engine')]] as const;
const [first, before, after] = estimators.map(([, xs]) => estimateAccuracy(xs).totals) as [EstimateErrorFigures, EstimateErrorFigures, EstimateErrorFigures];
const byHour = estimators.map(([, xs]) => {
  const hours = new Map<number, EstimateSample[]>();
  for (const x of xs) {
    const list = hours.get(x.hour);
    if (list) list.push(x);
    else hours.set(x.hour, [x]);
  }
  return new Map([...hours].map(([h, v]) => [h, estimateAccuracy(v).totals]));
});
const yearTickets = year.reduce((n, d) => n + d.rows.length, 0);
log(`a year: ${year.length} days, ${yearTickets} tickets run through the engine in ${((performance.now() - y0) / 1000).toFixed(1)} s`);

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const min = (x: number | null) => (x === null ? '–' : `${x.toFixed(2)} min`);
console.log('\nEstimate at issue vs the real wait to the first call (a year of engine-run days)');
console.log('| estimator | tickets | median abs. error | median bias | within ±5 min | within ±25 % |');
console.log('|---|---|---|---|---|---|');
for (const [i, f] of [first, before, after].entries()) {
  console.log(`| ${estimators[i]![0]} | ${f.count} | ${min(f.medianAbsErrorMin)} | ${min(f.medianBiasMin)} | ${pct(f.within5Min)} | ${pct(f.within25Pct)} |`);
}
console.log('\nPer hour of issue: median abs. error / within ±5 min / within ±25 % (first → before → after)');
console.log('| hour | tickets | median abs. error | within ±5 min | within ±25 % |');
console.log('|---|---|---|---|---|');
const hourRows = [...byHour[2]!.keys()].sort((a, b) => a - b).map((hour) => {
  const [f, b, a] = byHour.map((m) => m.get(hour)!) as [EstimateErrorFigures, EstimateErrorFigures, EstimateErrorFigures];
  console.log(`| ${hour}:00 | ${a.count} | ${min(f.medianAbsErrorMin)} → ${min(b.medianAbsErrorMin)} → ${min(a.medianAbsErrorMin)} | ${pct(f.within5Min)} → ${pct(b.within5Min)} → ${pct(a.within5Min)} | ${pct(f.within25Pct)} → ${pct(b.within25Pct)} → ${pct(a.within25Pct)} |`);
  return { hour, first: f, before: b, after: a };
});
console.log(`\nSimulation: 30 counters, ${day.rows.length} tickets, 100 runs: ${wallMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (target ≤ 5,000 ms); day p90 wait ${min((result.totals.p90Sec ?? 0) / 60)}, within target ${pct(result.totals.withinTarget)}`);
console.log('BENCH_JSON ' + JSON.stringify({
  simulation: { counters: 30, tickets: day.rows.length, runs: 100, wallMs: Math.round(wallMs), cpuMs: Math.round(cpuMs) },
  estimates: { days: year.length, tickets: yearTickets, first, before, after, byHour: hourRows },
}));
clearTimeout(watchdog);
