// Forecast accuracy on a held-out month of generated history whose weekly, hourly and month-end
// shape is known (tests/helpers/plan-center.ts).
import { describe, expect, it } from 'vitest';
import { arrivalsByDay, drawArrivals, forecastDay, monthEndFactor } from '../../core/plan/forecast.ts';
import type { ReportRow } from '../../core/reports.ts';
import { SHAPE, drawDay, expectedRate, workingDaysBefore } from '../helpers/plan-center.ts';
import { mulberry32 } from '../helpers/random.ts';

const SERVICES = Object.keys(SHAPE.perDay);
const HOLIDAY = '2026-09-02';

/** Arrivals only (the forecast needs no waits): a year of days as report rows. */
function history(days: string[], seed: number, shape = SHAPE): ReportRow[][] {
  const rnd = mulberry32(seed);
  return days.map((day) => drawDay(shape, day, rnd).map((a) => ({
    day, number: '', issuedAt: a.at, status: 'done', expired: false, serviceCode: a.serviceCode, departmentCode: '',
    counter: 1, officerId: null, transfers: 0, waitSec: 0, serviceSec: 600, rated: false, score: null, reasons: [], comment: '',
    priority: a.priority !== null, issuedFor: a.serviceCode, estimateMin: null, firstWaitSec: 0, procedureCode: null,
  })));
}

describe('arrival forecast', () => {
  const days = workingDaysBefore('2026-12-01', 260);
  // a holiday with a handful of tickets must not drag its weekday down
  const rows = history(days, 21).map((r, i) => (days[i] === HOLIDAY ? r.slice(0, 3) : r));
  const all = arrivalsByDay(rows);
  const heldOut = days.filter((d) => d >= '2026-11-01');

  it('finds the weekday × hour shape and the month-end peak within 12 % on a held-out month', () => {
    let absErr = 0;
    let truth = 0;
    const dailyErrors: number[] = [];
    for (const day of heldOut) {
      const f = forecastDay(all.filter((d) => d.day < '2026-11-01'), day, { holidays: [HOLIDAY], services: SERVICES });
      let dayF = 0;
      let dayT = 0;
      for (const s of f.services) {
        for (let h = 0; h < 24; h++) {
          const t = expectedRate(SHAPE, day, s.serviceCode, h);
          absErr += Math.abs(s.hourly[h]! - t);
          truth += t;
          dayF += s.hourly[h]!;
          dayT += t;
        }
      }
      dailyErrors.push(Math.abs(dayF - dayT) / dayT);
    }
    // weighted absolute error of the hourly figures against the true rates, and of the day totals
    expect(absErr / truth).toBeLessThan(0.12);
    expect(Math.max(...dailyErrors)).toBeLessThan(0.12);
  });

  it('sees the month-end peak the history shows, and none where there is none', () => {
    const factor = monthEndFactor(all);
    expect(factor).toBeGreaterThan(SHAPE.monthEnd - 0.1);
    expect(factor).toBeLessThan(SHAPE.monthEnd + 0.1);
    const monday = forecastDay(all, '2026-11-30', { holidays: [HOLIDAY], services: SERVICES });
    const mondayEarly = forecastDay(all, '2026-11-09', { holidays: [HOLIDAY], services: SERVICES });
    expect(monday.monthEndFactor).toBeCloseTo(factor, 1);
    expect(mondayEarly.monthEndFactor).toBe(1);
    const total = (f: typeof monday) => f.services.reduce((n, s) => n + s.hourly.reduce((a, b) => a + b, 0), 0);
    expect(total(monday) / total(mondayEarly)).toBeCloseTo(factor, 1);
    const flat = arrivalsByDay(history(days, 22, { ...SHAPE, monthEnd: 1 }));
    expect(monthEndFactor(flat)).toBe(1);
  });

  it('leaves holidays out of the basis and draws arrivals around the forecast', () => {
    const f = forecastDay(all, '2026-09-09', { holidays: [HOLIDAY], services: SERVICES });
    expect(f.basisDays).not.toContain(HOLIDAY);
    expect(f.basisDays).toHaveLength(8);
    const rnd = mulberry32(4);
    const drawn = Array.from({ length: 40 }, () => drawArrivals(f, 'elderly', rnd).length);
    const expected = f.services.reduce((n, s) => n + s.hourly.reduce((a, b) => a + b, 0), 0);
    const mean = drawn.reduce((a, b) => a + b, 0) / drawn.length;
    expect(Math.abs(mean - expected) / expected).toBeLessThan(0.05);
    expect(drawArrivals(f, 'elderly', mulberry32(1))).toEqual(drawArrivals(f, 'elderly', mulberry32(1)));
  });
});
