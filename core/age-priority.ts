// Priority by age from the CCCD chip card's birth date: a citizen who scans their ID card at the
// kiosk and is at least `minAge` years old gets `category` without asking (the law's elderly
// priority). Off unless configured; the demo center sets 75 → "elderly", as its category says.
// Pure: the caller passes the local day (YYYY-MM-DD) of now.
import { z } from 'zod';

export const AgePrioritySchema = z.object({
  minAge: z.number().int().min(50, 'tuổi tối thiểu từ 50').max(120, 'tuổi tối thiểu đến 120'),
  category: z.string().regex(/^[a-z0-9-]{2,32}$/, 'mã đối tượng ưu tiên'),
});
export type AgePriority = z.infer<typeof AgePrioritySchema>;

/** Whole years between a birth date and a day, both YYYY-MM-DD (a 29 February birthday counts on 1 March). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const beforeBirthday = m < bm || (m === bm && d < bd);
  return y - by - (beforeBirthday ? 1 : 0);
}

/** The category the rule gives, or null (rule off, too young, or a birth date that is not a date). */
export function priorityByAge(rule: AgePriority | null, birthDate: string, day: string): string | null {
  if (!rule || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  return ageOn(birthDate, day) >= rule.minAge ? rule.category : null;
}
