// A hub upgraded with data: a database at the daily rollup's first form (waits as int[]) with records
// in it is brought up to date by the later migrations — the values packed, the monthly rollup built —
// and its report still equals the one computed from the records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { runner } from 'node-pg-migrate';
import type pg from 'pg';
import { MIGRATIONS_DIR, createPool, migrate } from '../../hub/db.ts';
import { provinceReport } from '../../hub/report-rollup.ts';
import { provinceReportFromRecords } from '../../hub/reports.ts';
import type { HubReport } from '../../hub/reports.ts';
import { sortedValues } from '../../hub/percentiles.ts';
import { startPostgres } from '../helpers/postgres.ts';
import type { PgCluster } from '../helpers/postgres.ts';

let cluster: PgCluster;
let pool: pg.Pool;

beforeAll(async () => {
  cluster = await startPostgres();
  pool = createPool(await cluster.createDatabase('hub_upgrade'));
});
afterAll(async () => {
  await pool?.end();
  await cluster?.stop();
});

const withoutMs = ({ ms: _ms, ...rest }: HubReport) => rest;

describe('hub migrations over existing data', () => {
  it('pack the rollup’s values and build the monthly rollup; the report is unchanged', async () => {
    const client = await pool.connect();
    try {
      // The schema as a hub of the first releases had it: init and the daily rollup with int[].
      await runner({ dbClient: client, dir: MIGRATIONS_DIR, direction: 'up', migrationsTable: 'hub_migrations', count: 2, singleTransaction: true, log: () => {} });
    } finally {
      client.release();
    }
    await pool.query("INSERT INTO sites (code, name) VALUES ('xa-a', 'Xã A'), ('xa-b', 'Xã B')");
    // Records of two months, waits with ties and gaps, some without a wait or a service time.
    await pool.query(`
      INSERT INTO records (site_code, key, revision, day, issued_at, department_code, department_name, service_code, service_name,
        officer_id, officer_name, counter, outcome, transfers, waiting_seconds, service_seconds, target_wait_seconds, rated, score, dossier_codes, body)
      SELECT CASE WHEN g % 3 = 0 THEN 'xa-b' ELSE 'xa-a' END, 'k' || g, 1, d, d + time '08:00', 'TP', 'Sở Tư pháp', 'TP-' || (g % 2), 'Lĩnh vực',
        'u' || (g % 4), 'Cán bộ', 1, CASE WHEN g % 7 = 0 THEN 'no-show' ELSE 'served' END, 0,
        CASE WHEN g % 11 = 0 THEN NULL ELSE (g * 37) % 900 END, CASE WHEN g % 7 = 0 THEN NULL ELSE 60 + g % 300 END,
        600, g % 2 = 0, CASE WHEN g % 2 = 0 THEN 1 + g % 5 END, '{}'::text[], '{}'::jsonb
      FROM generate_series(1, 600) g, LATERAL (SELECT date '2026-10-20' + (g % 25) AS d) x`);
    // The first release's rollup, built by its own migration's statement: rebuild it now the records are in.
    await pool.query('DELETE FROM daily_rollup');
    await pool.query(`INSERT INTO daily_rollup
      SELECT site_code, day, department_code, service_code, coalesce(officer_id, ''), max(department_name), max(service_name), max(officer_name),
        count(*), count(*) FILTER (WHERE outcome = 'served'), count(*) FILTER (WHERE outcome = 'no-show'), count(*) FILTER (WHERE outcome = 'cancelled'),
        count(*) FILTER (WHERE outcome = 'expired'), count(*) FILTER (WHERE transfers > 0), count(waiting_seconds), coalesce(sum(waiting_seconds), 0),
        count(service_seconds), coalesce(sum(service_seconds), 0), count(*) FILTER (WHERE waiting_seconds <= coalesce(target_wait_seconds, 2147483647)),
        count(*) FILTER (WHERE rated AND score IS NULL), count(*) FILTER (WHERE score = 1), count(*) FILTER (WHERE score = 2),
        count(*) FILTER (WHERE score = 3), count(*) FILTER (WHERE score = 4), count(*) FILTER (WHERE score = 5),
        count(*) FILTER (WHERE score IS NOT NULL AND cardinality(dossier_codes) > 0), count(*) FILTER (WHERE score >= 4 AND cardinality(dossier_codes) > 0),
        coalesce(array_agg(waiting_seconds ORDER BY waiting_seconds) FILTER (WHERE waiting_seconds IS NOT NULL), '{}'),
        coalesce(array_agg(service_seconds ORDER BY service_seconds) FILTER (WHERE service_seconds IS NOT NULL), '{}')
      FROM records GROUP BY site_code, day, department_code, service_code, coalesce(officer_id, '')`);
    const arrays = (await pool.query<{ waits: number[] }>("SELECT waits FROM daily_rollup ORDER BY site_code, day, service_code, officer_id")).rows;

    await migrate(pool, pino({ level: 'silent' }));
    const packed = (await pool.query<{ wait_values: Buffer }>("SELECT wait_values FROM daily_rollup ORDER BY site_code, day, service_code, officer_id")).rows;
    expect(packed.map((r) => [...sortedValues(r.wait_values)])).toEqual(arrays.map((r) => r.waits));
    const months = await pool.query<{ month: string; issued: number }>('SELECT month, sum(issued)::int AS issued FROM monthly_rollup GROUP BY month ORDER BY month');
    expect(months.rows).toEqual([{ month: '2026-10-01', issued: 288 }, { month: '2026-11-01', issued: 312 }]);
    for (const [from, to] of [['2026-10-01', '2026-11-30'], ['2026-10-25', '2026-11-30'], ['2026-11-01', '2026-11-10']] as const) {
      const q = { from, to, sites: [], departments: [], services: [], officers: [] };
      expect(withoutMs(await provinceReport(pool, q))).toEqual(withoutMs(await provinceReportFromRecords(pool, q)));
    }
  });
});
