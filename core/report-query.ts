// A report's query checked against the calendar and the configuration: real dates, in order, not
// in the future, not absurdly long; filter values that name something that exists.
import type { ConfigIndex } from './config.ts';
import type { Text } from './i18n.ts';
import type { ReportFilters } from './reports.ts';

export const MAX_RANGE_DAYS = 732;
const EARLIEST_DAY = '2000-01-01';
const DAY_MS = 86_400_000;

function isRealDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day;
}

export function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Days from `from` to `to`, inclusive. */
export function daysOfRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end; t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** Why a range cannot be reported, in both languages, or null when it is fine. */
export function rangeProblem(from: string, to: string, today: string): Text | null {
  if (!isRealDay(from)) return { vi: `ngày bắt đầu “${from}” không phải ngày có thật (dạng YYYY-MM-DD)`, en: `the start “${from}” is not a real date (YYYY-MM-DD)` };
  if (!isRealDay(to)) return { vi: `ngày kết thúc “${to}” không phải ngày có thật (dạng YYYY-MM-DD)`, en: `the end “${to}” is not a real date (YYYY-MM-DD)` };
  if (from > to) return { vi: `ngày bắt đầu ${from} sau ngày kết thúc ${to}`, en: `the start ${from} is after the end ${to}` };
  if (from < EARLIEST_DAY) return { vi: `ngày bắt đầu trước năm 2000`, en: `the start is before 2000` };
  if (from > today) return { vi: `khoảng ngày nằm hoàn toàn trong tương lai (hôm nay là ${today})`, en: `the range is entirely in the future (today is ${today})` };
  const span = dayDiff(from, to) + 1;
  if (span > MAX_RANGE_DAYS) return { vi: `khoảng ${span} ngày quá dài (tối đa ${MAX_RANGE_DAYS} ngày)`, en: `${span} days is too long (at most ${MAX_RANGE_DAYS})` };
  return null;
}

/** Filter values that name nothing in the configuration (or no known officer). */
export function unknownFilterValues(filters: ReportFilters, index: ConfigIndex, officerIds: ReadonlySet<string>): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  for (const d of filters.departments) if (!index.department.has(d)) issues.push({ path: 'department', message: `không có sở, ngành ${d}` });
  for (const s of filters.services) if (!index.service.has(s)) issues.push({ path: 'service', message: `không có lĩnh vực ${s}` });
  for (const c of filters.counters) if (!index.counter.has(c)) issues.push({ path: 'counter', message: `không có quầy ${c}` });
  for (const o of filters.officers) if (!officerIds.has(o)) issues.push({ path: 'officer', message: `không có cán bộ ${o}` });
  return issues;
}
