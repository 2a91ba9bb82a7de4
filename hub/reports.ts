// Province reports over any range: the same figures and definitions as a site's report (core/reports.ts
// `Figures`: waits with median and nearest-rank p90, within target, satisfied share of scores 4–5…),
// computed by PostgreSQL with grouping sets, by site, department, service, officer and site ×
// department. Ratings tied to a dossier code are counted apart: that is what the province reports.
// `provinceReport` reads the daily rollup (hub/rollup.ts, report-rollup.ts); `provinceReportFromRecords`
// computes the same from the records themselves: the definition the rollup is tested against.
import type pg from 'pg';
import { z } from 'zod';
import type { Figures } from '@core/reports.ts';
import { codeList, dayRange, daysInOrder } from './report-range.ts';

export const HubReportQuery = z.object({
  ...dayRange,
  sites: codeList(5000, 'điểm'),
  departments: codeList(500, 'sở, ngành'),
  services: codeList(5000, 'lĩnh vực'),
  officers: codeList(5000, 'cán bộ'),
}).refine(...daysInOrder);
export type HubReportQuery = z.infer<typeof HubReportQuery>;

export interface HubFigures extends Figures {
  /** Scored ratings whose record carries at least one dossier code, and how many of them were 4–5. */
  dossierRated: number;
  dossierSatisfiedShare: number | null;
}
export interface HubGroup extends HubFigures { site: string | null; key: string; name: string }

export interface HubReport {
  query: HubReportQuery;
  totals: HubFigures;
  bySite: HubGroup[];
  byDepartment: HubGroup[];
  byService: HubGroup[];
  byOfficer: HubGroup[];
  bySiteDepartment: HubGroup[];
  ms: number;
}

export interface Row {
  g_site: number; g_dep: number; g_svc: number; g_off: number;
  site_code: string | null; department_code: string | null; service_code: string | null; officer_id: string | null;
  name: string | null;
  issued: number; served: number; no_show: number; cancelled: number; expired: number; transferred: number;
  wait_count: number; wait_avg: number | null; wait_median: number | null; wait_p90: number | null;
  svc_count: number; svc_avg: number | null; svc_median: number | null; within: number;
  unanswered: number; s1: number; s2: number; s3: number; s4: number; s5: number; d_rated: number; d_satisfied: number;
}

const FIGURES = `
  count(*)::int AS issued,
  count(*) FILTER (WHERE outcome = 'served')::int AS served,
  count(*) FILTER (WHERE outcome = 'no-show')::int AS no_show,
  count(*) FILTER (WHERE outcome = 'cancelled')::int AS cancelled,
  count(*) FILTER (WHERE outcome = 'expired')::int AS expired,
  count(*) FILTER (WHERE transfers > 0)::int AS transferred,
  count(waiting_seconds)::int AS wait_count,
  avg(waiting_seconds)::float8 AS wait_avg,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY waiting_seconds)::float8 AS wait_median,
  percentile_disc(0.9) WITHIN GROUP (ORDER BY waiting_seconds)::float8 AS wait_p90,
  count(service_seconds)::int AS svc_count,
  avg(service_seconds)::float8 AS svc_avg,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY service_seconds)::float8 AS svc_median,
  count(*) FILTER (WHERE waiting_seconds <= coalesce(target_wait_seconds, 2147483647))::int AS within,
  count(*) FILTER (WHERE rated AND score IS NULL)::int AS unanswered,
  count(*) FILTER (WHERE score = 1)::int AS s1, count(*) FILTER (WHERE score = 2)::int AS s2,
  count(*) FILTER (WHERE score = 3)::int AS s3, count(*) FILTER (WHERE score = 4)::int AS s4,
  count(*) FILTER (WHERE score = 5)::int AS s5,
  count(*) FILTER (WHERE score IS NOT NULL AND cardinality(dossier_codes) > 0)::int AS d_rated,
  count(*) FILTER (WHERE score >= 4 AND cardinality(dossier_codes) > 0)::int AS d_satisfied`;

export function figures(r: Row): HubFigures {
  const distribution: [number, number, number, number, number] = [r.s1, r.s2, r.s3, r.s4, r.s5];
  const scored = distribution.reduce((s, x) => s + x, 0);
  const sum = distribution.reduce((s, x, i) => s + x * (i + 1), 0);
  return {
    issued: r.issued, served: r.served, noShow: r.no_show, cancelled: r.cancelled, expired: r.expired, transferred: r.transferred,
    wait: { count: r.wait_count, avgSec: r.wait_avg, medianSec: r.wait_median, p90Sec: r.wait_p90 },
    service: { count: r.svc_count, avgSec: r.svc_avg, medianSec: r.svc_median },
    withinTarget: r.wait_count === 0 ? null : r.within / r.wait_count,
    rating: {
      scored, unanswered: r.unanswered, distribution,
      average: scored === 0 ? null : sum / scored,
      satisfiedShare: scored === 0 ? null : (r.s4 + r.s5) / scored,
    },
    dossierRated: r.d_rated,
    dossierSatisfiedShare: r.d_rated === 0 ? null : r.d_satisfied / r.d_rated,
  };
}

/** The WHERE of a report's query (a range of days, optionally narrowed) and its parameters. */
export function reportFilter(q: HubReportQuery): { where: string; params: unknown[] } {
  const where = ['day BETWEEN $1 AND $2'];
  const params: unknown[] = [q.from, q.to];
  const narrow = (column: string, values: string[]) => {
    if (values.length === 0) return;
    params.push(values);
    where.push(`${column} = ANY($${params.length})`);
  };
  narrow('site_code', q.sites);
  narrow('department_code', q.departments);
  narrow('service_code', q.services);
  narrow('officer_id', q.officers);
  return { where: where.join(' AND '), params };
}

export const GROUPING_SETS = 'GROUPING SETS ((), (site_code), (department_code), (service_code), (site_code, officer_id), (site_code, department_code))';
export const GROUPING_COLUMNS = `GROUPING(site_code)::int AS g_site, GROUPING(department_code)::int AS g_dep,
  GROUPING(service_code)::int AS g_svc, GROUPING(officer_id)::int AS g_off, site_code, department_code, service_code, officer_id`;
export const GROUP_NAME = `CASE WHEN GROUPING(officer_id) = 0 THEN max(officer_name)
  WHEN GROUPING(service_code) = 0 THEN max(service_name)
  WHEN GROUPING(department_code) = 0 THEN max(department_name) END AS name`;

/** The report from the records themselves, every row of the range sorted per group (slow over a year). */
export async function provinceReportFromRecords(pool: pg.Pool, q: HubReportQuery): Promise<HubReport> {
  const started = performance.now();
  const { where, params } = reportFilter(q);
  // Names: the latest the sites sent (a record carries its department's, service's and officer's name).
  // The percentiles sort each group's values: room in memory for a year of a province, not temp files.
  const client = await pool.connect();
  let res: pg.QueryResult<Row>;
  try {
    await client.query('BEGIN READ ONLY');
    await client.query("SET LOCAL work_mem = '256MB'");
    res = await client.query<Row>(
    `SELECT ${GROUPING_COLUMNS}, ${GROUP_NAME}, ${FIGURES}
     FROM records WHERE ${where} GROUP BY ${GROUPING_SETS}`,
    params);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  return assemble(q, res.rows, started);
}

/** Rows of the grouping sets → the report's lists, in a stable order. */
export function assemble(q: HubReportQuery, rows: Row[], started: number): HubReport {
  const report: HubReport = {
    query: q, totals: emptyFigures(), bySite: [], byDepartment: [], byService: [], byOfficer: [], bySiteDepartment: [], ms: 0,
  };
  for (const r of rows) {
    const f = figures(r);
    if (r.g_site && r.g_dep && r.g_svc && r.g_off) report.totals = f;
    else if (!r.g_off) report.byOfficer.push({ site: r.site_code, key: r.officer_id ?? '', name: r.name ?? r.officer_id ?? '—', ...f });
    else if (!r.g_site && !r.g_dep) report.bySiteDepartment.push({ site: r.site_code, key: r.department_code!, name: r.name ?? r.department_code!, ...f });
    else if (!r.g_site) report.bySite.push({ site: r.site_code, key: r.site_code!, name: r.site_code!, ...f });
    else if (!r.g_dep) report.byDepartment.push({ site: null, key: r.department_code!, name: r.name ?? r.department_code!, ...f });
    else report.byService.push({ site: null, key: r.service_code!, name: r.name ?? r.service_code!, ...f });
  }
  // Records without an officer (no-shows before a call) are not an officer's row, as at a site.
  report.byOfficer = report.byOfficer.filter((g) => g.key !== '');
  const byKey = (a: HubGroup, b: HubGroup) => (a.site ?? '').localeCompare(b.site ?? '') || a.key.localeCompare(b.key);
  for (const list of [report.bySite, report.byDepartment, report.byService, report.byOfficer, report.bySiteDepartment]) list.sort(byKey);
  report.ms = Math.round(performance.now() - started);
  return report;
}

function emptyFigures(): HubFigures {
  return {
    issued: 0, served: 0, noShow: 0, cancelled: 0, expired: 0, transferred: 0,
    wait: { count: 0, avgSec: null, medianSec: null, p90Sec: null }, service: { count: 0, avgSec: null, medianSec: null },
    withinTarget: null, rating: { scored: 0, unanswered: 0, distribution: [0, 0, 0, 0, 0], average: null, satisfiedShare: null },
    dossierRated: 0, dossierSatisfiedShare: null,
  };
}

/**
 * Ratings tied to dossier codes in a range, narrowed as the report is (sites, departments, services,
 * officers), newest first: what the province checks against the portal.
 */
export async function dossierRatings(pool: pg.Pool, q: HubReportQuery, limit: number): Promise<{
  site: string; day: string; ticketNumber: string; dossierCodes: string[]; score: number; officerName: string | null; serviceCode: string;
}[]> {
  const { where, params } = reportFilter(q);
  const r = await pool.query<{ site_code: string; day: string; number: string; dossier_codes: string[]; score: number; officer_name: string | null; service_code: string }>(
    `SELECT site_code, day, body->>'ticketNumber' AS number, dossier_codes, score, officer_name, service_code FROM records
     WHERE ${where} AND score IS NOT NULL AND cardinality(dossier_codes) > 0
     ORDER BY issued_at DESC LIMIT $${params.length + 1}`, [...params, limit]);
  return r.rows.map((x) => ({ site: x.site_code, day: x.day, ticketNumber: x.number, dossierCodes: x.dossier_codes, score: x.score, officerName: x.officer_name, serviceCode: x.service_code }));
}
