// The province report from the rollups (hub/rollup.ts: whole months from the monthly rollup, the days
// at the range's edges from the daily one): the counts and sums of each group are summed by
// PostgreSQL (grouping sets), and the medians and nearest-rank p90s
// are computed here (hub/percentiles.ts) from the waits and service times the rows keep, fetched per
// finest cell; the two queries run side by side on one snapshot. The same figures as
// `provinceReportFromRecords`, proved equal by tests/hub/hub-rollup.test.ts.
import type pg from 'pg';
import { GROUPING_COLUMNS, GROUPING_SETS, GROUP_NAME, assemble, reportFilter } from './reports.ts';
import type { HubReport, HubReportQuery, Row } from './reports.ts';
import { groupKey, percentilesOf } from './percentiles.ts';
import { monthOf } from './rollup.ts';
import type { Cell } from './percentiles.ts';

// Over no rows at all (an empty range) a sum is NULL where count(*) is 0: coalesce.
const SUMS = `
  coalesce(sum(issued), 0)::int AS issued, coalesce(sum(served), 0)::int AS served, coalesce(sum(no_show), 0)::int AS no_show, coalesce(sum(cancelled), 0)::int AS cancelled,
  coalesce(sum(expired), 0)::int AS expired, coalesce(sum(transferred), 0)::int AS transferred,
  coalesce(sum(wait_count), 0)::int AS wait_count,
  -- numeric ÷ numeric, then float8: what avg() over the records' integers computes
  CASE WHEN sum(wait_count) > 0 THEN (sum(wait_sum)::numeric / sum(wait_count))::float8 END AS wait_avg,
  coalesce(sum(svc_count), 0)::int AS svc_count,
  CASE WHEN sum(svc_count) > 0 THEN (sum(svc_sum)::numeric / sum(svc_count))::float8 END AS svc_avg,
  coalesce(sum(within), 0)::int AS within, coalesce(sum(unanswered), 0)::int AS unanswered,
  coalesce(sum(s1), 0)::int AS s1, coalesce(sum(s2), 0)::int AS s2, coalesce(sum(s3), 0)::int AS s3, coalesce(sum(s4), 0)::int AS s4, coalesce(sum(s5), 0)::int AS s5,
  coalesce(sum(d_rated), 0)::int AS d_rated, coalesce(sum(d_satisfied), 0)::int AS d_satisfied`;

// The values of the range, one sorted run per rollup row (a month, or a day at the range's edges);
// the percentiles are computed from them (hub/percentiles.ts).
const RUNS = `site_code AS site, department_code AS department, service_code AS service, officer_id AS officer,
  wait_values AS waits, service_values AS services`;

/** Every column of the rollups but the day or month: what the two have in common. */
const COLUMNS = `site_code, department_code, service_code, officer_id, department_name, service_name, officer_name,
  issued, served, no_show, cancelled, expired, transferred, wait_count, wait_sum, svc_count, svc_sum, within, unanswered,
  s1, s2, s3, s4, s5, d_rated, d_satisfied, wait_values, service_values`;

const nextDay = (day: string, n = 1) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The whole months inside [from, to], as [first day of the first, first day of the last], or null. */
export function wholeMonths(from: string, to: string): [string, string] | null {
  const first = from.endsWith('-01') ? from : monthOf(nextDay(`${from.slice(0, 7)}-28`, 4));
  const last = nextDay(to).endsWith('-01') ? monthOf(to) : monthOf(nextDay(`${monthOf(to)}`, -1));
  return first <= last ? [first, last] : null;
}

/**
 * What a report reads: the days of its range from the daily rollup, except its whole months, taken
 * from the monthly rollup (the same figures, summed: tests/hub/hub-rollup.test.ts).
 */
function source(q: HubReportQuery): { from: string; params: unknown[] } {
  const { where, params } = reportFilter(q);
  const months = wholeMonths(q.from, q.to);
  if (!months) return { from: `(SELECT ${COLUMNS} FROM daily_rollup WHERE ${where}) r`, params };
  const [a, b] = [params.length + 1, params.length + 2];
  const narrow = where.replace('day BETWEEN $1 AND $2', '');
  return {
    from: `(SELECT ${COLUMNS} FROM daily_rollup WHERE ${where} AND (day < $${a} OR day >= $${b}::date + interval '1 month')
      UNION ALL SELECT ${COLUMNS} FROM monthly_rollup WHERE month BETWEEN $${a} AND $${b} ${narrow}) r`,
    params: [...params, months[0], months[1]],
  };
}

export async function provinceReport(pool: pg.Pool, q: HubReportQuery): Promise<HubReport> {
  const started = performance.now();
  const { from, params } = source(q);
  const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
  try {
    // One snapshot for both queries: a record ingested meanwhile is in both or in neither.
    await a.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: [snap] } = await a.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    await b.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await b.query(`SET TRANSACTION SNAPSHOT '${snap!.id}'`);
    const [sums, cells] = await Promise.all([
      a.query<Row>(`SELECT ${GROUPING_COLUMNS}, ${GROUP_NAME}, ${SUMS} FROM ${from} GROUP BY ${GROUPING_SETS}`, params),
      b.query<Cell>(`SELECT ${RUNS} FROM ${from}`, params),
    ]);
    await Promise.all([a.query('COMMIT'), b.query('COMMIT')]);
    const byGroup = percentilesOf(cells.rows);
    const rows = sums.rows.map((r) => {
      const p = byGroup.get(groupKey([r.g_site ? null : r.site_code, r.g_dep ? null : r.department_code, r.g_svc ? null : r.service_code, r.g_off ? null : r.officer_id]));
      return { ...r, wait_median: p?.wait_median ?? null, wait_p90: p?.wait_p90 ?? null, svc_median: p?.svc_median ?? null };
    });
    return assemble(q, rows, started);
  } catch (err) {
    await Promise.all([a.query('ROLLBACK').catch(() => {}), b.query('ROLLBACK').catch(() => {})]);
    throw err;
  } finally {
    a.release();
    b.release();
  }
}
