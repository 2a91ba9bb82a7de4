// The estimator against generated days where the truth is known (tests/helpers/plan-center.ts:
// arrivals of a stated shape, service times of a stated model, every day run through the engine).
// A center short of counters: the morning's queue runs into the lunch break and on into the
// afternoon. The estimate printed on each ticket (the projection, core/estimate-projection.ts)
// against the one before it (queue share, blind to the time of day), both against the real wait.
import { describe, expect, it } from 'vitest';
import { estimateAccuracy } from '../../core/estimate-accuracy.ts';
import type { EstimateSample } from '../../core/estimate-accuracy.ts';
import type { StaffingPlan } from '../../core/plan/types.ts';
import { SHAPE, generateDays, queueShareAtIssue, smallCenter, workingDaysBefore } from '../helpers/plan-center.ts';

const config = smallCenter();
const HOURS = [7, 8, 9, 10, 11, 13, 14, 15, 16];
// four of the six counters, morning and afternoon sessions, lunch 12:00–13:00
const plan = (day: string): StaffingPlan => ({
  day, counters: config.counters.filter((c) => [1, 3, 4, 6].includes(c.number)).map((c) => ({ counter: c.number, services: c.services, hours: HOURS })),
});
// citizens keep coming until the morning window closes at 11:30
const shape = { ...SHAPE, hourly: { 7: 0.1, 8: 0.15, 9: 0.15, 10: 0.15, 11: 0.12, 13: 0.12, 14: 0.12, 15: 0.09 } };
const days = generateDays(config, workingDaysBefore('2026-11-23', 6), { seed: 3, shape, planOf: plan, compare: { before: queueShareAtIssue } });
const samples = (name: string, hour?: number): EstimateSample[] => days.flatMap((d) => d.estimates[name]!).filter((x) => hour === undefined || x.hour === hour);

describe('the estimate at issue on generated days', () => {
  it('both estimators were measured on the same tickets', () => {
    expect(samples('engine').length).toBeGreaterThan(800);
    expect(samples('before').length).toBe(samples('engine').length);
  });

  it('issued in the last morning hour, whose wait runs into the lunch break: the projection is far closer', () => {
    const before = estimateAccuracy(samples('before', 11)).totals;
    const after = estimateAccuracy(samples('engine', 11)).totals;
    expect(before.count).toBeGreaterThan(80);
    // the estimate before promised the morning's pace and no break: off by most of an hour
    expect(before.medianAbsErrorMin!).toBeGreaterThan(25);
    expect(after.medianAbsErrorMin!).toBeLessThan(before.medianAbsErrorMin! / 3);
    expect(after.within25Pct!).toBeGreaterThan(before.within25Pct! + 0.3);
  });

  it('over the whole day the projection is better on every figure', () => {
    const before = estimateAccuracy(samples('before')).totals;
    const after = estimateAccuracy(samples('engine')).totals;
    expect(after.medianAbsErrorMin!).toBeLessThan(before.medianAbsErrorMin! * 0.85);
    expect(after.within5Min!).toBeGreaterThan(before.within5Min!);
    expect(after.within25Pct!).toBeGreaterThan(before.within25Pct! + 0.08);
    // and it does not lean to one side
    expect(Math.abs(after.medianBiasMin!)).toBeLessThan(2);
  });
});
