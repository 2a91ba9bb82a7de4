// The daily rollup (migrations 1700000000001 and …03): per site, day, department, service and officer,
// the counts and sums of a report's figures and the waits and service times themselves (packed, 4
// bytes a value: hub/percentiles.ts reads them), so a report reads ~7 × fewer rows than the records
// and still computes exact medians and nearest-rank p90s.
// Kept by the ingestion: when a record is stored or replaced, its group is recomputed from the
// records in the same transaction (and its old group too, when a revision moved it: another
// department, service, officer or day). Recomputing rather than adding and subtracting keeps the
// rollup equal to the records by construction; a group is a few dozen rows of one site and day.
import type pg from 'pg';

export interface RollupGroup { site: string; day: string; department: string; service: string; officer: string }

const sameGroup = (a: RollupGroup, b: RollupGroup) =>
  a.site === b.site && a.day === b.day && a.department === b.department && a.service === b.service && a.officer === b.officer;

/** The figures of one group, from its records; the same definitions as the report over records. */
const GROUP_FIGURES = `
  max(department_name), max(service_name), max(officer_name),
  count(*), count(*) FILTER (WHERE outcome = 'served'), count(*) FILTER (WHERE outcome = 'no-show'),
  count(*) FILTER (WHERE outcome = 'cancelled'), count(*) FILTER (WHERE outcome = 'expired'), count(*) FILTER (WHERE transfers > 0),
  count(waiting_seconds), coalesce(sum(waiting_seconds), 0), count(service_seconds), coalesce(sum(service_seconds), 0),
  count(*) FILTER (WHERE waiting_seconds <= coalesce(target_wait_seconds, 2147483647)),
  count(*) FILTER (WHERE rated AND score IS NULL),
  count(*) FILTER (WHERE score = 1), count(*) FILTER (WHERE score = 2), count(*) FILTER (WHERE score = 3),
  count(*) FILTER (WHERE score = 4), count(*) FILTER (WHERE score = 5),
  count(*) FILTER (WHERE score IS NOT NULL AND cardinality(dossier_codes) > 0),
  count(*) FILTER (WHERE score >= 4 AND cardinality(dossier_codes) > 0),
  coalesce(string_agg(int4send(waiting_seconds), ''::bytea ORDER BY waiting_seconds), ''::bytea),
  coalesce(string_agg(int4send(service_seconds), ''::bytea ORDER BY service_seconds), ''::bytea)`;

/** The whole rollup from the records (a bulk load; the test that the kept rollup equals a rebuilt one). */
export const REBUILD_ROLLUP = `INSERT INTO daily_rollup
  SELECT site_code, day, department_code, service_code, coalesce(officer_id, ''), ${GROUP_FIGURES}
  FROM records GROUP BY site_code, day, department_code, service_code, coalesce(officer_id, '')`;

/** Recompute one group inside the caller's transaction; a group left without records disappears. */
export async function refreshGroup(client: pg.PoolClient, g: RollupGroup): Promise<void> {
  const key = [g.site, g.day, g.department, g.service, g.officer];
  // Two hub processes ingesting two records of one group at once: one after the other.
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key.join('\u0001')]);
  await client.query(
    `DELETE FROM daily_rollup WHERE site_code = $1 AND day = $2 AND department_code = $3 AND service_code = $4 AND officer_id = $5`, key);
  await client.query(
    `INSERT INTO daily_rollup
     SELECT site_code, day, department_code, service_code, coalesce(officer_id, ''), ${GROUP_FIGURES}
     FROM records WHERE site_code = $1 AND day = $2 AND department_code = $3 AND service_code = $4 AND coalesce(officer_id, '') = $5
     GROUP BY site_code, day, department_code, service_code, coalesce(officer_id, '')`, key);
}

/**
 * The monthly rollup (migration 1700000000004): the same figures per site, month, department,
 * service and officer, summed from the daily rollup, with the month's values merged and **sorted**
 * (4-byte big-endian chunks compare as bytes in numeric order, the values being ≥ 0), so a report
 * reads each month of a cell as one sorted run. A report takes the whole months of its range from
 * here: a province's year is a few thousand rows instead of a couple of hundred thousand.
 */
const sortedMonth = (column: string) => `(SELECT coalesce(string_agg(substr(d.${column}, i, 4), ''::bytea ORDER BY substr(d.${column}, i, 4)), ''::bytea)
    FROM daily_rollup d, generate_series(1, length(d.${column}), 4) i
    WHERE d.site_code = m.site_code AND d.day >= m.month AND d.day < m.month + interval '1 month'
      AND d.department_code = m.department_code AND d.service_code = m.service_code AND d.officer_id = m.officer_id)`;
const monthly = (where: string) => `INSERT INTO monthly_rollup
  SELECT m.*, ${sortedMonth('wait_values')}, ${sortedMonth('service_values')}
  FROM (SELECT site_code, date_trunc('month', day)::date AS month, department_code, service_code, officer_id,
      max(department_name), max(service_name), max(officer_name),
      sum(issued), sum(served), sum(no_show), sum(cancelled), sum(expired), sum(transferred),
      sum(wait_count), sum(wait_sum), sum(svc_count), sum(svc_sum), sum(within), sum(unanswered),
      sum(s1), sum(s2), sum(s3), sum(s4), sum(s5), sum(d_rated), sum(d_satisfied)
    FROM daily_rollup ${where}
    GROUP BY site_code, date_trunc('month', day), department_code, service_code, officer_id) m`;

/** The whole monthly rollup from the daily one (after REBUILD_ROLLUP); migration …04 runs the same. */
export const REBUILD_MONTHLY = monthly('');

/** The first day of a day's month. */
export const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;

/** Recompute one group's month from its days, inside the caller's transaction. */
async function refreshMonth(client: pg.PoolClient, g: RollupGroup): Promise<void> {
  const key = [g.site, monthOf(g.day), g.department, g.service, g.officer];
  // Two records of two days of one month, ingested at once: the second waits, then sees the first's day.
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`month\u0001${key.join('\u0001')}`]);
  await client.query(
    `DELETE FROM monthly_rollup WHERE site_code = $1 AND month = $2 AND department_code = $3 AND service_code = $4 AND officer_id = $5`, key);
  await client.query(monthly(`WHERE site_code = $1 AND day >= $2::date AND day < $2::date + interval '1 month'
    AND department_code = $3 AND service_code = $4 AND officer_id = $5`), key);
}

/** After a record changed: its group, and its old one when the revision moved it; then their months. */
export async function refreshGroups(client: pg.PoolClient, now: RollupGroup, before: RollupGroup | null): Promise<void> {
  // A fixed order (old group first only when it sorts first), every day before any month, so two
  // transactions never wait on each other in a circle.
  const order = (a: RollupGroup, b: RollupGroup) => JSON.stringify(a).localeCompare(JSON.stringify(b));
  const groups = before && !sameGroup(before, now) ? [before, now].sort(order) : [now];
  for (const g of groups) await refreshGroup(client, g);
  const months = groups.map((g) => ({ ...g, day: monthOf(g.day) }));
  if (months.length === 2 && sameGroup(months[0]!, months[1]!)) months.pop();
  for (const m of months.sort(order)) await refreshMonth(client, m);
}
