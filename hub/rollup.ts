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

/** After a record changed: its group, and its old one when the revision moved it. */
export async function refreshGroups(client: pg.PoolClient, now: RollupGroup, before: RollupGroup | null): Promise<void> {
  // A fixed order (old group first only when it sorts first) so two transactions never wait on each other in a circle.
  const groups = before && !sameGroup(before, now) ? [before, now].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : [now];
  for (const g of groups) await refreshGroup(client, g);
}
