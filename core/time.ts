// Local time in Asia/Ho_Chi_Minh. Vietnam has no daylight saving time, so a fixed
// UTC+7 offset is exact; computing the day in UTC would flip it at 07:00 local.
export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Local calendar day, YYYY-MM-DD. */
export function localDay(now: number): string {
  return new Date(now + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Local time of day, HH:MM. */
export function localTimeOfDay(now: number): string {
  return new Date(now + VN_OFFSET_MS).toISOString().slice(11, 16);
}

/** ISO weekday of the local day: 1 = Monday … 7 = Sunday. */
export function localWeekday(now: number): number {
  const d = new Date(now + VN_OFFSET_MS).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Epoch milliseconds of the next local midnight after `now`. */
export function nextLocalMidnight(now: number): number {
  const local = now + VN_OFFSET_MS;
  return Math.floor(local / DAY_MS) * DAY_MS + DAY_MS - VN_OFFSET_MS;
}

/** Epoch milliseconds of local `HH:MM` on a local day `YYYY-MM-DD`. */
export function localInstant(day: string, hhmm: string): number {
  return Date.parse(`${day}T${hhmm === '24:00' ? '23:59:59.999' : hhmm + ':00.000'}Z`) - VN_OFFSET_MS;
}
