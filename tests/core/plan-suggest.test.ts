// The suggested plan: meets its target in simulation, and is minimal where the answer can be worked
// out by hand (fixed service times, evenly spaced arrivals).
import { describe, expect, it } from 'vitest';
import type { CenterConfig } from '../../core/config.ts';
import { CenterConfigSchema } from '../../core/config.ts';
import { simulate } from '../../core/plan/simulate.ts';
import { failingServices, suggestPlan } from '../../core/plan/suggest.ts';
import type { Arrival, CenterModel } from '../../core/plan/types.ts';
import { localInstant } from '../../core/time.ts';
import { mulberry32 } from '../helpers/random.ts';
import { SHAPE, drawDay, expectedRate, smallCenter, trueModel } from '../helpers/plan-center.ts';

const DAY = '2026-12-01';

function center(counters: { n: number; services: string[] }[]): CenterConfig {
  return CenterConfigSchema.parse({
    center: { nameVi: 'Trung tâm nhỏ', nameEn: 'Small center' },
    departments: [{ code: 'STP', nameVi: 'Sở Tư pháp', nameEn: 'Justice' }],
    services: [
      { code: 'HOTICH', departmentCode: 'STP', nameVi: 'Hộ tịch', nameEn: 'Civil status', prefix: 'A', targetWaitMin: 20 },
      { code: 'CHUNGTHUC', departmentCode: 'STP', nameVi: 'Chứng thực', nameEn: 'Certification', prefix: 'B', targetWaitMin: 20 },
    ],
    counters: counters.map(({ n, services }) => ({ number: n, nameVi: `Quầy ${n}`, nameEn: `Counter ${n}`, zone: 'A', services: services.map((serviceCode) => ({ serviceCode })) })),
    priorityCategories: [],
    routing: {},
  });
}

/** Every service takes exactly 10 minutes; citizens walk up at once and always come. */
const exact: CenterModel = {
  services: Object.fromEntries(['HOTICH', 'CHUNGTHUC'].map((s) => [s, { serviceSec: [600], noShowRate: 0, transferRate: 0, transferTo: [], priorityShare: 0 }])),
  callToStartSec: [0],
  noShowAfterSec: 180,
};

/** `perHour` citizens of a service evenly spaced through each of the hours. */
function even(service: string, perHour: number, hours: number[]): Arrival[] {
  return hours.flatMap((h) => Array.from({ length: perHour }, (_, i) => ({
    at: localInstant(DAY, `${String(h).padStart(2, '0')}:00`) + Math.floor((i * 3_600_000) / perHour), serviceCode: service, priority: null,
  })));
}

const expectedOf = (arrivals: Arrival[]) => ['HOTICH', 'CHUNGTHUC'].map((serviceCode) => {
  const hourly = new Array<number>(24).fill(0);
  for (const a of arrivals) if (a.serviceCode === serviceCode) hourly[new Date(a.at + 7 * 3_600_000).getUTCHours()]! += 1;
  return { serviceCode, hourly };
});

function suggest(config: CenterConfig, arrivals: Arrival[]) {
  return suggestPlan({
    config, day: DAY, model: exact, hours: [8, 9, 10], expected: expectedOf(arrivals), arrivals: arrivals.sort((a, b) => a.at - b.at),
    runs: 2, rngOf: () => mulberry32(1),
  });
}

/** The plan's cells, and whether closing any one of them breaks a target. */
function closingAnyFails(config: CenterConfig, s: ReturnType<typeof suggest>, arrivals: Arrival[]): boolean {
  return s.plan.counters.every((c) => c.hours.every((h) => {
    const plan = { ...s.plan, counters: s.plan.counters.map((o) => (o === c ? { ...o, hours: o.hours.filter((x) => x !== h) } : o)) };
    return failingServices(simulate({ config, plan, model: exact, arrivals, runs: 2, rnd: mulberry32(1) }), 0.9).length > 0;
  }));
}

describe('suggested plan, worked by hand', () => {
  it('6 citizens an hour of 10 minutes each: one counter in each hour they come', () => {
    const config = center([{ n: 1, services: ['HOTICH'] }, { n: 2, services: ['HOTICH'] }, { n: 3, services: ['HOTICH'] }]);
    const arrivals = even('HOTICH', 6, [8, 9]);
    const s = suggest(config, arrivals);
    expect(s.meetsTarget).toBe(true);
    expect(s.result.counterHours).toBe(2);
    expect(s.plan.counters.flatMap((c) => c.hours).sort()).toEqual([8, 9]);
    expect(closingAnyFails(config, s, arrivals)).toBe(true);
  });

  it('12 an hour: two counters each hour (one alone falls an hour behind)', () => {
    const config = center([{ n: 1, services: ['HOTICH'] }, { n: 2, services: ['HOTICH'] }, { n: 3, services: ['HOTICH'] }]);
    const arrivals = even('HOTICH', 12, [8, 9]);
    const s = suggest(config, arrivals);
    expect(s.meetsTarget).toBe(true);
    expect(s.result.counterHours).toBe(4);
    expect(closingAnyFails(config, s, arrivals)).toBe(true);
  });

  it('respects who may serve what: certification only at counter 3', () => {
    const config = center([{ n: 1, services: ['HOTICH'] }, { n: 2, services: ['HOTICH'] }, { n: 3, services: ['CHUNGTHUC'] }]);
    const arrivals = [...even('HOTICH', 6, [9]), ...even('CHUNGTHUC', 6, [9])];
    const s = suggest(config, arrivals);
    expect(s.meetsTarget).toBe(true);
    expect(s.result.counterHours).toBe(2);
    expect(s.plan.counters.map((c) => [c.counter, c.hours])).toContainEqual([3, [9]]);
  });

  it('says so when the counters cannot meet the target', () => {
    const config = center([{ n: 1, services: ['HOTICH'] }]);
    const s = suggest(config, even('HOTICH', 12, [8, 9, 10]));
    expect(s.meetsTarget).toBe(false);
    expect(s.result.counterHours).toBe(3); // everything it had
  });
});

describe('suggested plan on a forecast day', () => {
  it('meets the 90 % target in simulation with fewer counter-hours than everyone all day', () => {
    const config = smallCenter();
    const model = trueModel(config);
    const day = '2026-12-02';
    const hours = [7, 8, 9, 10, 13, 14, 15, 16];
    const expected = config.services.map((s) => ({ serviceCode: s.code, hourly: Array.from({ length: 24 }, (_, h) => expectedRate(SHAPE, day, s.code, h)) }));
    const s = suggestPlan({ config, day, model, hours, expected, arrivals: (rnd) => drawDay(SHAPE, day, rnd), runs: 6, rngOf: () => mulberry32(3), maxEvaluations: 40 });
    expect(s.meetsTarget).toBe(true);
    for (const svc of s.result.services) expect(svc.day.withinTarget!).toBeGreaterThanOrEqual(0.9);
    expect(s.result.counterHours).toBeLessThan(config.counters.length * hours.length);
    // every counter serves only what it is set up for
    for (const c of s.plan.counters) expect(c.services).toEqual(config.counters.find((x) => x.number === c.counter)!.services);
  });
});
