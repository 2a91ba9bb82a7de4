// Numbers as a manager reads them: minutes for durations, percent for shares, local clock times.
import type { Lang } from '@core/i18n.ts';
import { VN_OFFSET_MS } from '@core/time.ts';

export function minutes(sec: number | null | undefined, lang: Lang): string {
  if (sec === null || sec === undefined) return '–';
  const m = sec / 60;
  const text = m >= 10 ? Math.round(m).toString() : (Math.round(m * 10) / 10).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  return lang === 'vi' ? `${text} phút` : `${text} min`;
}

export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined) return '–';
  return `${Math.round(share * 1000) / 10}%`;
}

export function decimal(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined) return '–';
  return (Math.round(x * 10 ** digits) / 10 ** digits).toString();
}

export function count(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
}

/** HH:MM in Vietnam, whatever the browser's time zone. */
export function clock(at: number | null | undefined): string {
  if (at === null || at === undefined) return '–';
  return new Date(at + VN_OFFSET_MS).toISOString().slice(11, 16);
}

/** DD/MM HH:MM in Vietnam. */
export function dateTime(at: number | null | undefined): string {
  if (at === null || at === undefined) return '–';
  const iso = new Date(at + VN_OFFSET_MS).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)} ${iso.slice(11, 16)}`;
}

/** Whole minutes between two instants. */
export function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / 60_000));
}

/** Local day (YYYY-MM-DD) shifted by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
