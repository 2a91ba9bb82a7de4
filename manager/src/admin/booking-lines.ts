// The per-service slot rules as the admin's Bookings tab edits them, one line per service:
// `code | minutes | citizens | days ahead | cut-off | walk-in % | bat/tat | working days`, the
// working days as ISO weekday digits (1 = Thứ Hai … 7 = Chủ nhật) like the defaults' field. A
// column left out takes the default rule's value, so older four- or seven-column lines still read.
import type { SlotRule } from '@core/booking/settings.ts';

export function ruleLine(code: string, r: SlotRule): string {
  return [code, r.slotMin, r.capacity, r.daysAhead, r.cutoffMin, r.walkInSharePct, r.enabled ? 'bat' : 'tat', r.workingDays.join(',')].join(' | ');
}

/** Weekday digits from what the admin typed ("1,2,3", "1 2 3"); null when something else is there. */
export function parseDays(text: string): number[] | null {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (!parts.every((p) => /^[1-7]$/.test(p))) return null;
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

/** One line back to a rule; `problem` names the line when its working days do not read. */
export function parseRuleLine(line: string, defaults: SlotRule): { code: string; rule: SlotRule } | { problem: string } {
  const [code = '', slotMin, capacity, daysAhead, cutoffMin, share, on, days] = line.split('|').map((x) => x.trim());
  const num = (v: string | undefined, fallback: number) => (v === undefined || v === '' ? fallback : Number(v));
  const workingDays = days === undefined || days === '' ? defaults.workingDays : parseDays(days);
  if (workingDays === null) return { problem: line };
  return {
    code,
    rule: {
      enabled: on !== 'tat' && on !== 'off', slotMin: num(slotMin, defaults.slotMin), capacity: num(capacity, defaults.capacity),
      daysAhead: num(daysAhead, defaults.daysAhead), cutoffMin: num(cutoffMin, defaults.cutoffMin), walkInSharePct: num(share, defaults.walkInSharePct), workingDays,
    },
  };
}
