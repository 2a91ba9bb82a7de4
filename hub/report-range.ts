// The part every province report's query shares (hub/reports.ts, hub/bookings-report.ts): a range
// of days, given as the manager types them, and lists of codes that narrow it. One set of rules, so
// the two reports refuse the same mistakes with the same words.
import { z } from 'zod';

export const ReportDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD');

/** `from`–`to`, inclusive: spread into a query's z.object, then refine it with `daysInOrder`. */
export const dayRange = { from: ReportDay, to: ReportDay };

/** The refinement of a `dayRange`: the first day not after the last. */
export const daysInOrder = [(q: { from: string; to: string }) => q.from <= q.to, { message: 'Ngày bắt đầu sau ngày kết thúc' }] as const;

/** A list of codes to narrow a report by (none: all), with at most `max` of them. */
export const codeList = (max: number, what: string) => z.array(z.string()).max(max, `tối đa ${max} ${what}`).default([]);
