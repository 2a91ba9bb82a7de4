// The day's roster as tables for the XLSX export: who opens which counter when, and what the
// simulation expects of that plan.
import type { Cell, Column } from '../report-tables.ts';
import type { SimulationResult, StaffingPlan } from './types.ts';
import { planText as T } from '../text/plan.ts';

const col = (header: string, kind: Column['kind'] = 'text', width = 14): Column => ({ header, kind, width });

/** "07:00–11:00, 13:00–17:00" from open hours. */
export function hourRanges(hours: readonly number[]): string {
  const sorted = [...new Set(hours)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i]! + 1) i++;
    out.push(`${String(start).padStart(2, '0')}:00–${String(sorted[i]! + 1).padStart(2, '0')}:00`);
  }
  return out.join(', ');
}

export interface RosterTables {
  roster: { sheet: string; columns: Column[]; rows: Cell[][] };
  expected: { sheet: string; columns: Column[]; rows: Cell[][] } | null;
}

export function rosterTables(
  plan: StaffingPlan,
  names: { counter: (n: number) => string; officer: (n: number) => string | null; service: (code: string) => string },
  result: SimulationResult | null,
): RosterTables {
  const roster = {
    sheet: T.rosterSheet.vi,
    columns: [col(T.colCounter.vi, 'text', 16), col(T.colOfficer.vi, 'text', 22), col(T.colServices.vi, 'text', 40), col(T.colHours.vi, 'text', 28), col(T.colHourCount.vi, 'int', 10)],
    rows: [...plan.counters].sort((a, b) => a.counter - b.counter).filter((c) => c.hours.length > 0).map((c): Cell[] => [
      names.counter(c.counter), names.officer(c.counter) ?? '',
      c.services.map((s) => `${names.service(s.serviceCode)} (×${s.weight})`).join('; '),
      hourRanges(c.hours), c.hours.length,
    ]),
  };
  const minutes = (sec: number | null) => (sec === null ? null : Math.round(sec / 6) / 10);
  const expected = result && {
    sheet: T.expectedSheet.vi,
    columns: [col(T.colService.vi, 'text', 24), col(T.colHour.vi, 'int', 8), col(T.colCitizens.vi, 'decimal', 12), col(T.colP50.vi, 'decimal', 12), col(T.colP90.vi, 'decimal', 12), col(T.colWithin.vi, 'decimal', 14), col(T.colLongestQueue.vi, 'decimal', 14)],
    rows: result.services.flatMap((s) => s.byHour.map((h): Cell[] => [
      names.service(s.serviceCode), h.hour, Math.round((h.calledPerRun + h.unservedPerRun) * 10) / 10, minutes(h.p50Sec), minutes(h.p90Sec),
      h.withinTarget === null ? null : Math.round(h.withinTarget * 1000) / 10, Math.round(h.longestQueueMean * 10) / 10,
    ])),
  };
  return { roster, expected };
}
