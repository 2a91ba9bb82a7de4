// The province's booking report: per site, per service (across sites) and per site × service,
// the figures of a site's own booking report (core/booking/report.ts `bookingFigures`: made,
// honoured, no-show, cancelled, still to come, on time, waits from the slot's start), computed by
// the same function over the bookings the sites sent, plus the show-up share (`showUpShare`). A
// range is of booking days (the slot's day), as at a site.
import type pg from 'pg';
import { z } from 'zod';
import { bookingFigures, showUpShare } from '@core/booking/report.ts';
import type { BookedTicket, BookingFigures } from '@core/booking/report.ts';
import type { BookingStatus } from '@core/booking/types.ts';
import { codeList, dayRange, daysInOrder } from './report-range.ts';

export const BookingReportQuery = z.object({ ...dayRange, sites: codeList(5000, 'điểm'), services: codeList(5000, 'lĩnh vực') }).refine(...daysInOrder);
export type BookingReportQuery = z.infer<typeof BookingReportQuery>;

export interface HubBookingFigures extends BookingFigures {
  /** Honoured ÷ (honoured + no-show); null when none came due. */
  showUpShare: number | null;
}
export interface HubBookingGroup extends HubBookingFigures {
  site: string | null;
  /** The site's code, the service's code, or `site/service`. */
  key: string;
  name: string;
  service: string | null;
}
export interface HubBookingReport {
  query: BookingReportQuery;
  totals: HubBookingFigures;
  bySite: HubBookingGroup[];
  byService: HubBookingGroup[];
  bySiteService: HubBookingGroup[];
  ms: number;
}

interface Row {
  site: string; site_name: string; service: string; service_name: string; status: BookingStatus;
  slot_start: number; issued_at: number | null; called_at: number | null;
}
interface Item { status: BookingStatus; slotStart: number; ticket: BookedTicket | null }

const figuresOf = (items: Item[]): HubBookingFigures => {
  const f = bookingFigures(items, (b) => b.ticket);
  return { ...f, showUpShare: showUpShare(f) };
};

export async function bookingReport(pool: pg.Pool, q: BookingReportQuery): Promise<HubBookingReport> {
  const started = performance.now();
  const where = ['b.day BETWEEN $1 AND $2'];
  const params: unknown[] = [q.from, q.to];
  if (q.sites.length > 0) { params.push(q.sites); where.push(`b.site_code = ANY($${params.length})`); }
  if (q.services.length > 0) { params.push(q.services); where.push(`b.service_code = ANY($${params.length})`); }
  const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::bigint`;
  const { rows } = await pool.query<Row>(
    `SELECT b.site_code AS site, s.name AS site_name, b.service_code AS service, b.service_name, b.status,
       ${ms('b.slot_start')} AS slot_start, ${ms('b.ticket_issued_at')} AS issued_at, ${ms('b.ticket_called_at')} AS called_at
     FROM bookings b JOIN sites s ON s.code = b.site_code WHERE ${where.join(' AND ')}
     ORDER BY b.site_code, b.service_code`, params);
  const all: Item[] = [];
  const groups = { site: new Map<string, { row: Row; items: Item[] }>(), service: new Map<string, { row: Row; items: Item[] }>(), both: new Map<string, { row: Row; items: Item[] }>() };
  const add = (m: Map<string, { row: Row; items: Item[] }>, key: string, row: Row, item: Item) => {
    const g = m.get(key);
    if (g) g.items.push(item);
    else m.set(key, { row, items: [item] });
  };
  for (const r of rows) {
    // A booked ticket is counted when the site found it (issued at check-in), as the site's report does.
    const item: Item = { status: r.status, slotStart: r.slot_start, ticket: r.issued_at === null ? null : { issuedAt: r.issued_at, calledAt: r.called_at } };
    all.push(item);
    add(groups.site, r.site, r, item);
    add(groups.service, r.service, r, item);
    add(groups.both, `${r.site}/${r.service}`, r, item);
  }
  const byName = (a: HubBookingGroup, b: HubBookingGroup) => a.name.localeCompare(b.name, 'vi') || a.key.localeCompare(b.key);
  return {
    query: q,
    totals: figuresOf(all),
    bySite: [...groups.site].map(([key, g]) => ({ ...figuresOf(g.items), site: key, key, name: g.row.site_name, service: null })).sort(byName),
    byService: [...groups.service].map(([key, g]) => ({ ...figuresOf(g.items), site: null, key, name: g.row.service_name, service: key })).sort(byName),
    bySiteService: [...groups.both].map(([key, g]) => ({ ...figuresOf(g.items), site: g.row.site, key, name: g.row.service_name, service: g.row.service })),
    ms: Math.round(performance.now() - started),
  };
}
