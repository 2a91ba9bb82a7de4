// The daily rollup (migrations 1700000000001 and …03): per site, day, department, service and officer,
// the counts and sums of a report's figures and the waits and service times themselves (packed, 4
// bytes a value: hub/percentiles.ts reads them), so a report reads ~7 × fewer rows than the records
// and still computes exact medians and nearest-rank p90s.
// Kept by the ingestion: when records are stored or replaced (one, or a site's batch), each group
// they are in is recomputed once from the records in the same transaction (and their old groups
// too, when a revision moved one: another department, service, officer or day). Recomputing rather than adding and subtracting keeps the
// rollup equal to the records by construction; a group is a few dozen rows of one site and day.
import type pg from 'pg';

export interface RollupGroup { site: string; day: string; department: string; service: string; officer: string }

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
/** The month's sums of the daily rows that `where` picks (a cell's month, or every month). */
const monthSums = (where: string) => `SELECT site_code, date_trunc('month', day)::date AS month, department_code, service_code, officer_id,
      max(department_name), max(service_name), max(officer_name),
      sum(issued), sum(served), sum(no_show), sum(cancelled), sum(expired), sum(transferred),
      sum(wait_count), sum(wait_sum), sum(svc_count), sum(svc_sum), sum(within), sum(unanswered),
      sum(s1), sum(s2), sum(s3), sum(s4), sum(s5), sum(d_rated), sum(d_satisfied)
    FROM daily_rollup ${where}
    GROUP BY site_code, date_trunc('month', day), department_code, service_code, officer_id`;
const MONTH_VALUES = `${sortedMonth('wait_values')}, ${sortedMonth('service_values')}`;
const monthly = (where: string) => `INSERT INTO monthly_rollup
  SELECT m.*, ${MONTH_VALUES}
  FROM (${monthSums(where)}) m`;

/** The whole monthly rollup from the daily one (after REBUILD_ROLLUP); migration …04 runs the same. */
export const REBUILD_MONTHLY = monthly('');

/** The first day of a day's month. */
export const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;

/** The groups (or months) as five arrays, for unnest() in one statement. */
function columns(gs: RollupGroup[]): [string[], string[], string[], string[], string[]] {
  return [gs.map((g) => g.site), gs.map((g) => g.day), gs.map((g) => g.department), gs.map((g) => g.service), gs.map((g) => g.officer)];
}
const GROUPS = 'unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::text[]) AS g(site, day, dep, svc, off)';
const CELL = (day: string) => `site_code = g.site AND ${day} AND department_code = g.dep AND service_code = g.svc`;

/** Advisory locks on these names, one after the other in the order given (unnest keeps it). */
async function lockInOrder(client: pg.PoolClient, names: string[]): Promise<void> {
  await client.query('SELECT count(pg_advisory_xact_lock(hashtext(n))) FROM unnest($1::text[]) AS n', [names]);
}

/** A fixed order of groups: every transaction takes the locks of the groups it touches in it. */
const order = (a: RollupGroup, b: RollupGroup) => JSON.stringify(a).localeCompare(JSON.stringify(b));
function distinct(gs: RollupGroup[]): RollupGroup[] {
  const seen = new Map<string, RollupGroup>();
  for (const g of gs) seen.set(JSON.stringify([g.site, g.day, g.department, g.service, g.officer]), g);
  return [...seen.values()].sort(order);
}

/**
 * Recompute, inside the caller's transaction, every group that records were stored in or moved
 * out of — each once, however many records of the batch it holds — and then each of their months
 * once. Every group's lock (in one fixed order), then every month's (in the same order), so two
 * transactions touching some of the same groups never wait on each other in a circle; a single
 * record's transaction takes its one or two groups the same way. One statement per step, each
 * group read through the records' (day, site) index (LATERAL), so a batch costs a handful of round
 * trips, not a few per record.
 */
export async function refreshAll(client: pg.PoolClient, touched: RollupGroup[]): Promise<void> {
  const days = distinct(touched);
  if (days.length === 0) return;
  // Two hub processes ingesting records of one group at once: one after the other.
  await lockInOrder(client, days.map((g) => [g.site, g.day, g.department, g.service, g.officer].join('\u0001')));
  await client.query(`DELETE FROM daily_rollup d USING ${GROUPS}
    WHERE d.site_code = g.site AND d.day = g.day AND d.department_code = g.dep AND d.service_code = g.svc AND d.officer_id = g.off`, columns(days));
  // A group left without records disappears (HAVING: an aggregate over nothing still gives a row).
  await client.query(`INSERT INTO daily_rollup
    SELECT g.site, g.day, g.dep, g.svc, g.off, f.*
    FROM ${GROUPS}, LATERAL (SELECT ${GROUP_FIGURES} FROM records
      WHERE ${CELL('day = g.day')} AND coalesce(officer_id, '') = g.off HAVING count(*) > 0) f`, columns(days));
  // Two records of two days of one month, ingested at once: the second waits, then sees the first's day.
  const months = distinct(days.map((g) => ({ ...g, day: monthOf(g.day) })));
  await lockInOrder(client, months.map((g) => `month\u0001${[g.site, g.day, g.department, g.service, g.officer].join('\u0001')}`));
  await client.query(`DELETE FROM monthly_rollup m USING ${GROUPS}
    WHERE m.site_code = g.site AND m.month = g.day AND m.department_code = g.dep AND m.service_code = g.svc AND m.officer_id = g.off`, columns(months));
  await client.query(`INSERT INTO monthly_rollup
    SELECT m.*, ${MONTH_VALUES}
    FROM ${GROUPS}, LATERAL (${monthSums(`WHERE ${CELL("day >= g.day AND day < g.day + interval '1 month'")} AND officer_id = g.off`)}) m`, columns(months));
}
