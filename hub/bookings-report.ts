// The province's booking report: per site, per service (across sites) and per site × service,
// the figures of a site's own booking report (core/booking/report.ts `bookingFigures`: made,
// honoured, no-show, cancelled, still to come, on time, waits from the slot's start), plus the
// show-up share (`showUpShare`). A range is of booking days (the slot's day), as at a site.
// `bookingReport` has PostgreSQL count them (one pass, grouping sets): a province's year is
// hundreds of thousands of bookings, and reading them all into the hub held its event loop for
// ~0.4 s and its memory at ~0.6 GB per 250,000 (tests/bench/hub-bookings-bench.ts).
// `bookingReportFromBookings` runs the site's own function over the rows themselves: the
// definition the SQL is tested against (tests/hub/hub-bookings-report.test.ts).
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

function filterOf(q: BookingReportQuery): { where: string; params: unknown[] } {
  const where = ['b.day BETWEEN $1 AND $2'];
  const params: unknown[] = [q.from, q.to];
  if (q.sites.length > 0) { params.push(q.sites); where.push(`b.site_code = ANY($${params.length})`); }
  if (q.services.length > 0) { params.push(q.services); where.push(`b.service_code = ANY($${params.length})`); }
  return { where: where.join(' AND '), params };
}

const byName = (a: HubBookingGroup, b: HubBookingGroup) => a.name.localeCompare(b.name, 'vi') || a.key.localeCompare(b.key);

/** One row per group of GROUPING SETS ((), (site), (service), (site, service)). */
interface Counted {
  /** GROUPING(site, service): 0 site × service, 1 site, 2 service, 3 the whole. */
  level: number;
  site: string | null; service: string | null; site_name: string | null; service_name: string | null;
  made: number; honoured: number; no_show: number; cancelled: number; open: number; on_time: number;
  waits: number; wait_sum: string | null; wait_median: number | null; wait_p90: string | null;
}

// bookingFigures' rules, row by row: an honoured booking (checked in) is on time when its ticket was
// issued by the slot's start; its wait is slot start → first call in whole seconds (Math.round),
// 0 when called before the slot. The median is percentile_cont(0.5) (the mean of the two middle
// values), the p90 percentile_disc(0.9) (nearest rank), as core/statistics.ts; the mean is made
// from the exact sum, here.
const COUNTED = (where: string) => `
  WITH b AS (
    SELECT b.site_code, b.service_code, b.service_name, b.status,
      b.status = 'checked-in' AND b.ticket_issued_at IS NOT NULL AND b.ticket_issued_at <= b.slot_start AS on_time,
      CASE WHEN b.status = 'checked-in' AND b.ticket_issued_at IS NOT NULL AND b.ticket_called_at IS NOT NULL
        THEN GREATEST(0, floor(extract(epoch FROM b.ticket_called_at - b.slot_start) + 0.5))::bigint END AS wait
    FROM bookings b WHERE ${where}
  ), counted AS (
    SELECT site_code AS site, service_code AS service, GROUPING(site_code, service_code) AS level,
      count(*)::int AS made,
      count(*) FILTER (WHERE status = 'checked-in')::int AS honoured,
      count(*) FILTER (WHERE status = 'no-show')::int AS no_show,
      count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
      count(*) FILTER (WHERE status = 'booked')::int AS open,
      count(*) FILTER (WHERE on_time)::int AS on_time,
      count(wait)::int AS waits, sum(wait) AS wait_sum,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY wait) AS wait_median,
      percentile_disc(0.9) WITHIN GROUP (ORDER BY wait) AS wait_p90,
      -- A code keeps one name unless the catalog renamed it meanwhile: then one of them, the same each time.
      max(service_name) AS service_name
    FROM b GROUP BY GROUPING SETS ((), (site_code), (service_code), (site_code, service_code))
  )
  SELECT c.*, s.name AS site_name FROM counted c LEFT JOIN sites s ON s.code = c.site ORDER BY c.level, c.site, c.service`;

function figuresOfCounted(c: Counted): HubBookingFigures {
  const f = {
    made: c.made, honoured: c.honoured, noShow: c.no_show, cancelled: c.cancelled, open: c.open,
    onTimeShare: c.honoured === 0 ? null : c.on_time / c.honoured,
    waitFromSlot: {
      count: c.waits,
      avgSec: c.waits === 0 ? null : Number(c.wait_sum) / c.waits,
      medianSec: c.waits === 0 ? null : c.wait_median,
      p90Sec: c.waits === 0 ? null : Number(c.wait_p90),
    },
  };
  return { ...f, showUpShare: showUpShare(f) };
}

export async function bookingReport(pool: pg.Pool, q: BookingReportQuery): Promise<HubBookingReport> {
  const started = performance.now();
  const { where, params } = filterOf(q);
  const { rows } = await pool.query<Counted>(COUNTED(where), params);
  const total = rows.find((r) => r.level === 3);
  const group = (c: Counted): HubBookingGroup => {
    const name = c.service === null ? c.site_name ?? c.site! : c.service_name ?? c.service;
    const key = c.site !== null && c.service !== null ? `${c.site}/${c.service}` : (c.site ?? c.service)!;
    return { ...figuresOfCounted(c), site: c.site, key, name, service: c.service };
  };
  const level = (l: number) => rows.filter((r) => r.level === l).map(group);
  return {
    query: q,
    totals: total ? figuresOfCounted(total) : figuresOf([]),
    bySite: level(1).sort(byName),
    byService: level(2).sort(byName),
    bySiteService: level(0), // by site, then service, in the database's order as the definition's
    ms: Math.round(performance.now() - started),
  };
}

/** The same report from the bookings themselves, by the site's own function: the definition. */
export async function bookingReportFromBookings(pool: pg.Pool, q: BookingReportQuery): Promise<HubBookingReport> {
  const started = performance.now();
  const { where, params } = filterOf(q);
  const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::bigint`;
  const { rows } = await pool.query<Row>(
    `SELECT b.site_code AS site, s.name AS site_name, b.service_code AS service, b.service_name, b.status,
       ${ms('b.slot_start')} AS slot_start, ${ms('b.ticket_issued_at')} AS issued_at, ${ms('b.ticket_called_at')} AS called_at
     FROM bookings b JOIN sites s ON s.code = b.site_code WHERE ${where}
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
    const item: Item = { status: r.status, slotStart: Number(r.slot_start), ticket: r.issued_at === null ? null : { issuedAt: Number(r.issued_at), calledAt: r.called_at === null ? null : Number(r.called_at) } };
    all.push(item);
    add(groups.site, r.site, r, item);
    add(groups.service, r.service, r, item);
    add(groups.both, `${r.site}/${r.service}`, r, item);
  }
  return {
    query: q,
    totals: figuresOf(all),
    bySite: [...groups.site].map(([key, g]) => ({ ...figuresOf(g.items), site: key, key, name: g.row.site_name, service: null })).sort(byName),
    byService: [...groups.service].map(([key, g]) => ({ ...figuresOf(g.items), site: null, key, name: g.row.service_name, service: key })).sort(byName),
    bySiteService: [...groups.both].map(([key, g]) => ({ ...figuresOf(g.items), site: g.row.site, key, name: g.row.service_name, service: g.row.service })),
    ms: Math.round(performance.now() - started),
  };
}
