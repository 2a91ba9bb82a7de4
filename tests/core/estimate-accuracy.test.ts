import { describe, expect, it } from 'vitest';
import { estimateAccuracy } from '../../core/estimate-accuracy.ts';
import { reportRow } from '../../core/reports.ts';
import { Sim } from './fixture.ts';

describe('estimate accuracy', () => {
  it('median absolute error, bias and shares within ±5 min / ±25 % per service and hour', () => {
    const acc = estimateAccuracy([
      { serviceCode: 'A', hour: 8, estimateMin: 10, actualMin: 10 }, // exact
      { serviceCode: 'A', hour: 8, estimateMin: 10, actualMin: 14 }, // −4: within 5, not within 25 % (3.5)
      { serviceCode: 'A', hour: 9, estimateMin: 30, actualMin: 40 }, // −10: within 25 % (10), not 5
      { serviceCode: 'B', hour: 9, estimateMin: 0, actualMin: 0 },
    ], ['B', 'A']);
    expect(acc.totals).toEqual({ count: 4, medianAbsErrorMin: 2, medianBiasMin: -2, within5Min: 0.75, within25Pct: 0.75 });
    expect(acc.byService.map((s) => s.serviceCode)).toEqual(['B', 'A']);
    const a = acc.byService[1]!;
    expect(a.byHour.map((h) => [h.hour, h.figures.count, h.figures.medianAbsErrorMin])).toEqual([[8, 2, 2], [9, 1, 10]]);
    expect(a.byHour[0]!.figures.within25Pct).toBe(0.5);
  });

  it('a report row carries the promised wait and the real one to the first call', () => {
    const s = new Sim();
    s.open(1);
    s.issue('HOTICH');
    const t = s.issue('HOTICH');
    s.advance(1);
    s.serveNext(1);
    s.advance(7);
    s.callNext(1);
    const row = reportRow(s.ticket(t.id));
    expect(row.estimateMin).toBe(t.estimateMin);
    expect(row.firstWaitSec).toBe(8 * 60);
    expect(reportRow(s.issue('HOTICH')).firstWaitSec).toBeNull();
  });
});
