// Arrival forecast per service and local hour, from the center's own history: the mean of the last
// weeks' same weekday, holidays left out, and a month-end factor where the history shows one
// (the days from the 25th on, when citizens hurry before monthly deadlines).
import type { ReportRow } from '../reports.ts';
import { localWeekdayHour } from '../reports.ts';
import { localInstant } from '../time.ts';
import type { Arrival } from './types.ts';

/** Tickets issued on one past day, per service (the service they were issued for) and hour. */
export interface DayArrivals {
  day: string;
  byService: Record<string, number[]>;
  priority: Record<string, number>;
}

export interface Forecast {
  day: string;
  /** Expected tickets per service and hour (24 entries, local hours). */
  services: { serviceCode: string; hourly: number[]; priorityShare: number }[];
  /** Past days the weekday mean was taken over. */
  basisDays: string[];
  /** Applied month-end factor (1 = none). */
  monthEndFactor: number;
}

const MONTH_END_FROM = 25;
const isMonthEnd = (day: string) => Number(day.slice(8, 10)) >= MONTH_END_FROM;
const isoWeekday = (day: string) => localWeekdayHour(localInstant(day, '12:00'))[0];

/** Group report rows (any order) into per-day counts. */
export function arrivalsByDay(chunks: Iterable<readonly ReportRow[]>): DayArrivals[] {
  const days = new Map<string, DayArrivals>();
  for (const rows of chunks) for (const r of rows) {
    let d = days.get(r.day);
    if (!d) days.set(r.day, (d = { day: r.day, byService: {}, priority: {} }));
    const hourly = (d.byService[r.issuedFor] ??= new Array<number>(24).fill(0));
    hourly[localWeekdayHour(r.issuedAt)[1]]! += 1;
    if (r.priority) d.priority[r.issuedFor] = (d.priority[r.issuedFor] ?? 0) + 1;
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

const total = (d: DayArrivals) => Object.values(d.byService).reduce((n, h) => n + h.reduce((a, b) => a + b, 0), 0);

/**
 * Month-end factor: how much busier days from the 25th are than the same weekday's other days.
 * 1 when the history has too few of them or the difference is within noise (±5 %).
 */
export function monthEndFactor(days: readonly DayArrivals[]): number {
  const byWeekday = new Map<number, { end: number[]; rest: number[] }>();
  for (const d of days) {
    const w = isoWeekday(d.day);
    const g = byWeekday.get(w) ?? { end: [], rest: [] };
    (isMonthEnd(d.day) ? g.end : g.rest).push(total(d));
    byWeekday.set(w, g);
  }
  const ratios: number[] = [];
  for (const g of byWeekday.values()) {
    if (g.rest.length === 0) continue;
    const mean = g.rest.reduce((a, b) => a + b, 0) / g.rest.length;
    if (mean > 0) for (const n of g.end) ratios.push(n / mean);
  }
  if (ratios.length < 6) return 1;
  const factor = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  return Math.abs(factor - 1) < 0.05 ? 1 : factor;
}

export function forecastDay(history: readonly DayArrivals[], day: string, opts: { holidays: readonly string[]; weeks?: number; services: readonly string[] }): Forecast {
  const holidays = new Set(opts.holidays);
  const usable = history.filter((d) => d.day < day && !holidays.has(d.day));
  const factor = monthEndFactor(usable);
  const weekday = isoWeekday(day);
  const basis = usable.filter((d) => isoWeekday(d.day) === weekday).slice(-(opts.weeks ?? 8));
  const applied = isMonthEnd(day) ? factor : 1;
  return {
    day,
    basisDays: basis.map((d) => d.day),
    monthEndFactor: applied,
    services: opts.services.map((serviceCode) => {
      const hourly = new Array<number>(24).fill(0);
      let issued = 0;
      let priority = 0;
      for (const d of basis) {
        // a month-end day in the basis is brought back to an ordinary day first
        const scale = isMonthEnd(d.day) ? 1 / factor : 1;
        const h = d.byService[serviceCode];
        if (h) for (let i = 0; i < 24; i++) { hourly[i]! += (h[i]! * scale) / basis.length; issued += h[i]!; }
        priority += d.priority[serviceCode] ?? 0;
      }
      return { serviceCode, hourly: hourly.map((x) => x * applied), priorityShare: issued === 0 ? 0 : priority / issued };
    }),
  };
}

/** A Poisson draw (Knuth for small means, a rounded normal above 30). */
export function poisson(mean: number, rnd: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    const z = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rnd(); p > limit; p *= rnd()) k += 1;
  return k;
}

/** One day of arrivals drawn from a forecast: Poisson counts, times uniform within each hour. */
export function drawArrivals(forecast: Forecast, priorityCode: string | null, rnd: () => number): Arrival[] {
  const out: Arrival[] = [];
  for (const s of forecast.services) {
    s.hourly.forEach((mean, hour) => {
      const n = poisson(mean, rnd);
      const start = localInstant(forecast.day, `${String(hour).padStart(2, '0')}:00`);
      for (let i = 0; i < n; i++) {
        const priority = priorityCode !== null && rnd() < s.priorityShare ? priorityCode : null;
        out.push({ at: start + Math.floor(rnd() * 3_600_000), serviceCode: s.serviceCode, priority });
      }
    });
  }
  return out.sort((a, b) => a.at - b.at);
}
