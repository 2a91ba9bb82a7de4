// Booking settings: per-service slot rules, the holidays, and how booked tickets join the queue.
// Part of the center's configuration (core/config.ts `bookings`), so the admin edits them live like
// everything else.
import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD');

export const SlotRuleSchema = z.object({
  /** Citizens may book this service. */
  enabled: z.boolean().default(true),
  /** Minutes per slot; slots start at each issuing window's start. */
  slotMin: z.number().int().min(5).max(240).default(15),
  /** Citizens the service takes in one slot (bookings and walk-ins together). */
  capacity: z.number().int().min(1).max(200).default(4),
  /** How many days ahead a slot may be booked (today counts as 0). */
  daysAhead: z.number().int().min(0).max(90).default(14),
  /** No new booking, move or cancellation of a slot this many minutes before it starts. */
  cutoffMin: z.number().int().min(0).max(1440).default(30),
  /** Percent of each hour's places kept for walk-ins. */
  walkInSharePct: z.number().int().min(0).max(100).default(50),
  /** ISO weekdays (1 = Monday) with bookable slots. */
  workingDays: z.array(z.number().int().min(1).max(7)).max(7).default([1, 2, 3, 4, 5]),
});
export type SlotRule = z.infer<typeof SlotRuleSchema>;

/**
 * Public holidays the demo center carries (Labour Code 2019 art. 112), an editable default: the admin
 * keeps the list (Quản trị → Đặt lịch). Checked against the lunar calendar for 2027:
 * - Tết Đinh Mùi: mùng 1 = Saturday 6 Feb 2027 (the new moon of 6 Feb, Hà Nội time). Tháng Chạp of
 *   Bính Ngọ has 29 days, so 4 Feb is 28 Tết and 5 Feb (Friday) is the last day of the year. The law
 *   gives five days of Tết; the Government announces each year which days (with weekend swaps), and
 *   the official 2027 schedule is not known as this is written (Dec 2026). The list assumes 28 Tết
 *   (Thursday 4 Feb) to mùng 5 (Wednesday 10 Feb): correct it when the schedule is published.
 * - Giỗ Tổ Hùng Vương, 10/3 lunar = Friday 16 Apr 2027.
 * - 30/4 (Friday) and 1/5 (Saturday, a rest day of public offices, so its compensatory day, art. 111,
 *   is Monday 3 May); 2/9 (Thursday) with the adjoining day the Government picks (3/9 assumed).
 */
export const DEMO_HOLIDAYS: readonly string[] = [
  '2027-01-01',
  '2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10',
  '2027-04-16', '2027-04-30', '2027-05-01', '2027-05-03', '2027-09-02', '2027-09-03',
];

export const BookingSettingsSchema = z.object({
  /** The /book page and the portal API take bookings. Check-in of existing bookings works either way. */
  enabled: z.boolean().default(true),
  /** Slot rules for every service not listed in `services`. */
  defaults: SlotRuleSchema.prefault({}),
  /** Per service code: its own rules. */
  services: z.record(z.string().min(1).max(24), SlotRuleSchema).default({}),
  /** Local dates with no bookable slots. */
  holidays: z.array(day).max(400).default([...DEMO_HOLIDAYS]),
  /** Bookings per person (same CCCD or same phone) per day, all services together. */
  perPersonPerDay: z.number().int().min(1).max(20).default(2),
  /** Bookings per person per service per day. */
  perPersonPerService: z.number().int().min(1).max(20).default(1),
  /**
   * How a checked-in booking joins the queue. `slot-time`: as if it had queued at its slot's start
   * (early arrivals wait for their slot, a late one keeps its place); `ratio`: at arrival, and the
   * counters call `bookedPerWalkIn` booked tickets for each walk-in while both wait.
   */
  queueRule: z.enum(['slot-time', 'ratio']).default('slot-time'),
  bookedPerWalkIn: z.number().int().min(1).max(20).default(2),
  /** Minutes after the slot's start a citizen may still check in. */
  graceMin: z.number().int().min(0).max(240).default(15),
  /** Officers see the booked citizen's name (when one was given). */
  showNameToOfficers: z.boolean().default(false),
});
export type BookingSettings = z.infer<typeof BookingSettingsSchema>;

export function ruleFor(settings: BookingSettings, serviceCode: string): SlotRule {
  return settings.services[serviceCode] ?? settings.defaults;
}
