// What sites send: service records (a batch of versions or one, idempotent by site and key, the
// highest revision kept, the rollups brought up to date in the same transaction) and the live floor
// summary (latest wins by the site's own clock). The site is the one the credential names; nothing
// in the body can say otherwise.
import type pg from 'pg';
import type { FloorSummary, RecordEnvelope } from '@core/hub-protocol.ts';
import { refreshAll } from './rollup.ts';
import type { RollupGroup } from './rollup.ts';

/** Local ISO time (+07:00) as sent, or a day's start when it does not parse. */
function instant(iso: string, day: string): string {
  return Number.isFinite(Date.parse(iso)) ? iso : `${day}T00:00:00+07:00`;
}

export type IngestOutcome = 'stored' | 'updated' | 'kept';

/** The columns of `records` a version fills, by name (jsonb_to_recordset reads them). */
function row(e: RecordEnvelope) {
  const r = e.record;
  const rated = r.rating !== null;
  return {
    key: e.key, revision: e.revision, day: e.day, issued_at: instant(r.issuedAt, e.day), department_code: r.departmentCode,
    service_code: r.serviceCode, officer_id: r.officerId, officer_name: r.officerName, counter: r.counter, outcome: r.outcome,
    transfers: r.transfers.length, waiting_seconds: r.waitingSeconds, service_seconds: r.serviceSeconds,
    target_wait_seconds: e.targetWaitSec, rated, score: rated ? r.rating!.score : null, dossier_codes: r.dossierCodes,
    body: r, department_name: r.departmentName, service_name: r.serviceName,
  };
}

const groupOf = (site: string, e: RecordEnvelope): RollupGroup =>
  ({ site, day: e.day, department: e.record.departmentCode, service: e.record.serviceCode, officer: e.record.officerId ?? '' });

/**
 * Versions of one site's records, in one transaction: every one is stored (the highest revision of
 * each key wins, against the table and within the batch; the same or an older one changes nothing
 * and is answered 'kept'), then each rollup group they touched is recomputed once, and each month
 * once (hub/rollup.ts). All or nothing: an error rolls the whole batch back. The outcomes are in the
 * order of `envelopes`.
 */
export async function ingestBatch(pool: pg.Pool, site: string, envelopes: readonly RecordEnvelope[]): Promise<IngestOutcome[]> {
  // One version per key: the highest revision (two of one key in one statement cannot both upsert).
  const winner = new Map<string, number>();
  envelopes.forEach((e, i) => {
    const w = winner.get(e.key);
    if (w === undefined || envelopes[w]!.revision < e.revision) winner.set(e.key, i);
  });
  // Keys in one order in every transaction: two batches of one site (a replay racing the original)
  // lock their rows in the same order and never wait on each other in a circle.
  const keys = [...winner.keys()].sort();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // The groups the records counted in until now (a revision may move one: another officer, service…).
    const was = await client.query<{ key: string; day: string; department_code: string; service_code: string; officer: string }>(
      `SELECT key, day, department_code, service_code, coalesce(officer_id, '') AS officer FROM records
       WHERE site_code = $1 AND key = ANY($2::text[]) ORDER BY key COLLATE "C" FOR UPDATE`, [site, keys]);
    const res = await client.query<{ key: string; inserted: boolean }>(`INSERT INTO records AS t (site_code, key, revision, day, issued_at,
       department_code, service_code, officer_id, officer_name, counter, outcome, transfers, waiting_seconds, service_seconds,
       target_wait_seconds, rated, score, dossier_codes, body, department_name, service_name)
     SELECT $1, x.key, x.revision, x.day, x.issued_at, x.department_code, x.service_code, x.officer_id, x.officer_name, x.counter,
       x.outcome, x.transfers, x.waiting_seconds, x.service_seconds, x.target_wait_seconds, x.rated, x.score, x.dossier_codes, x.body,
       x.department_name, x.service_name
     FROM jsonb_to_recordset($2::jsonb) AS x(key text, revision integer, day date, issued_at timestamptz, department_code text,
       service_code text, officer_id text, officer_name text, counter integer, outcome text, transfers smallint, waiting_seconds integer,
       service_seconds integer, target_wait_seconds integer, rated boolean, score smallint, dossier_codes text[], body jsonb,
       department_name text, service_name text)
     ON CONFLICT (site_code, key) DO UPDATE SET
       revision = EXCLUDED.revision, day = EXCLUDED.day, issued_at = EXCLUDED.issued_at, department_code = EXCLUDED.department_code,
       service_code = EXCLUDED.service_code, department_name = EXCLUDED.department_name, service_name = EXCLUDED.service_name, officer_id = EXCLUDED.officer_id, officer_name = EXCLUDED.officer_name,
       counter = EXCLUDED.counter, outcome = EXCLUDED.outcome, transfers = EXCLUDED.transfers,
       waiting_seconds = EXCLUDED.waiting_seconds, service_seconds = EXCLUDED.service_seconds,
       target_wait_seconds = EXCLUDED.target_wait_seconds, rated = EXCLUDED.rated, score = EXCLUDED.score,
       dossier_codes = EXCLUDED.dossier_codes, body = EXCLUDED.body, received_at = now()
     -- A replay of the same or an older revision changes nothing (and is still answered 2xx).
     WHERE t.revision < EXCLUDED.revision
     RETURNING key, (xmax = 0) AS inserted`,
    [site, JSON.stringify(keys.map((k) => row(envelopes[winner.get(k)!]!)))]);
    const changed = new Map(res.rows.map((r) => [r.key, r.inserted]));
    const before = new Map(was.rows.map((o) => [o.key, o]));
    const touched: RollupGroup[] = [];
    for (const key of changed.keys()) {
      touched.push(groupOf(site, envelopes[winner.get(key)!]!));
      const old = before.get(key);
      if (old) touched.push({ site, day: old.day, department: old.department_code, service: old.service_code, officer: old.officer });
    }
    await refreshAll(client, touched);
    await client.query('COMMIT');
    return envelopes.map((e, i) => {
      if (winner.get(e.key) !== i || !changed.has(e.key)) return 'kept';
      return changed.get(e.key) ? 'stored' : 'updated';
    });
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** One version (the single-record path of older sites): a batch of one. */
export async function ingestRecord(pool: pg.Pool, site: string, e: RecordEnvelope): Promise<IngestOutcome> {
  return (await ingestBatch(pool, site, [e]))[0]!;
}

export async function ingestFloor(pool: pg.Pool, site: string, s: FloorSummary): Promise<boolean> {
  const res = await pool.query(
    `INSERT INTO floor AS f (site_code, at, summary) VALUES ($1, $2, $3)
     ON CONFLICT (site_code) DO UPDATE SET at = EXCLUDED.at, summary = EXCLUDED.summary, received_at = now()
     WHERE f.at <= EXCLUDED.at`, [site, s.at, JSON.stringify(s)]);
  return (res.rowCount ?? 0) > 0;
}
