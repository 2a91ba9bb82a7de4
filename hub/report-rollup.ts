// The province report from the daily rollup (hub/rollup.ts): the counts and sums of each group are
// summed over the rollup's rows, and the medians and nearest-rank p90 are computed over the waits and
// service times the rows keep, in two queries run side by side on one snapshot (the same figures as
// `provinceReportFromRecords`, proved equal by tests/hub/hub-rollup.test.ts).
import type pg from 'pg';
import { GROUPING_COLUMNS, GROUPING_SETS, GROUP_NAME, assemble, reportFilter } from './reports.ts';
import type { HubReport, HubReportQuery, Row } from './reports.ts';

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

// unnest of two arrays pads the shorter with NULLs, which the ordered-set aggregates skip.
const PERCENTILES = `
  percentile_cont(0.5) WITHIN GROUP (ORDER BY w)::float8 AS wait_median,
  percentile_disc(0.9) WITHIN GROUP (ORDER BY w)::float8 AS wait_p90,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY s)::float8 AS svc_median`;

type Percentiles = Pick<Row, 'g_site' | 'g_dep' | 'g_svc' | 'g_off' | 'site_code' | 'department_code' | 'service_code' | 'officer_id' | 'wait_median' | 'wait_p90' | 'svc_median'>;
const groupKey = (r: Percentiles) => JSON.stringify([r.g_site, r.g_dep, r.g_svc, r.g_off, r.site_code, r.department_code, r.service_code, r.officer_id]);

export async function provinceReport(pool: pg.Pool, q: HubReportQuery): Promise<HubReport> {
  const started = performance.now();
  const { where, params } = reportFilter(q);
  const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
  try {
    // One snapshot for both queries: a record ingested meanwhile is in both or in neither.
    await a.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: [snap] } = await a.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    await b.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await b.query(`SET TRANSACTION SNAPSHOT '${snap!.id}'`);
    await b.query("SET LOCAL work_mem = '256MB'");
    const [sums, percentiles] = await Promise.all([
      a.query<Row>(`SELECT ${GROUPING_COLUMNS}, ${GROUP_NAME}, ${SUMS} FROM daily_rollup WHERE ${where} GROUP BY ${GROUPING_SETS}`, params),
      b.query<Percentiles>(`SELECT ${GROUPING_COLUMNS}, ${PERCENTILES}
        FROM daily_rollup, unnest(waits, service_times) AS u(w, s) WHERE ${where} GROUP BY ${GROUPING_SETS}`, params),
    ]);
    await Promise.all([a.query('COMMIT'), b.query('COMMIT')]);
    const byGroup = new Map(percentiles.rows.map((p) => [groupKey(p), p]));
    const rows = sums.rows.map((r) => {
      const p = byGroup.get(groupKey(r));
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
