// The demo holiday list (core/booking/settings.ts DEMO_HOLIDAYS) against the 2027 calendar: Tết
// Đinh Mùi's first day is Saturday 6 Feb, the list runs 28 Tết to mùng 5, Hùng Kings' day falls on
// 16 Apr, and 1 May on a Saturday brings its compensatory Monday. Every date is a real date, once.
import { describe, expect, it } from 'vitest';
import { BookingSettingsSchema, DEMO_HOLIDAYS } from '@core/booking/settings.ts';

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday

describe('the demo holidays of 2027', () => {
  it('real dates, sorted, each once; the default of the booking settings and editable', () => {
    for (const d of DEMO_HOLIDAYS) expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d);
    expect([...DEMO_HOLIDAYS].sort()).toEqual(DEMO_HOLIDAYS);
    expect(new Set(DEMO_HOLIDAYS).size).toBe(DEMO_HOLIDAYS.length);
    expect(BookingSettingsSchema.parse({}).holidays).toEqual(DEMO_HOLIDAYS);
    expect(BookingSettingsSchema.parse({ holidays: ['2027-02-11'] }).holidays).toEqual(['2027-02-11']);
  });

  it('Tết: mùng 1 is Saturday 6 Feb 2027; 28 Tết (Thu 4 Feb) to mùng 5 (Wed 10 Feb), no day outside', () => {
    expect(weekday('2027-02-06')).toBe(6);
    const tet = DEMO_HOLIDAYS.filter((d) => d.startsWith('2027-02'));
    expect(tet).toEqual(['2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10']);
    expect(weekday(tet[0]!)).toBe(4);
    expect(weekday(tet.at(-1)!)).toBe(3);
  });

  it('Hùng Kings on Friday 16 Apr; 30/4, 1/5 and its compensatory Monday 3 May; 2/9 with 3/9; New Year', () => {
    expect(weekday('2027-04-16')).toBe(5);
    expect(weekday('2027-05-01')).toBe(6);
    for (const d of ['2027-01-01', '2027-04-16', '2027-04-30', '2027-05-01', '2027-05-03', '2027-09-02', '2027-09-03']) expect(DEMO_HOLIDAYS).toContain(d);
  });
});
