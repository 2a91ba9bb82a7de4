// The daily rollup (hub/rollup.ts) against the records it sums, on a real PostgreSQL: a few thousand
// random records of three sites ingested through the hub's ingestion, then new revisions that move
// records to another officer, service, department or day, late ratings, and replays of old
// revisions. The report from the rollup must equal, figure for figure, the report computed from the
// raw records, for the whole range and narrowed every way, over days and whole months; and the daily
// and monthly rollups kept by the ingestion must equal ones rebuilt from scratch from the records.
// The same again through batches (hub/ingest.ts ingestBatch: a site's many versions in one
// transaction, two versions of one key, old ones, records moving between groups within a batch).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordEnvelope } from '@core/hub-protocol.ts';
import { ingestBatch, ingestRecord } from '../../hub/ingest.ts';
import type { IngestOutcome } from '../../hub/ingest.ts';
import { provinceReport } from '../../hub/report-rollup.ts';
import { provinceReportFromRecords } from '../../hub/reports.ts';
import type { HubReport, HubReportQuery } from '../../hub/reports.ts';
import { REBUILD_MONTHLY, REBUILD_ROLLUP } from '../../hub/rollup.ts';
import { wholeMonths } from '../../hub/report-rollup.ts';
import { mulberry32 } from '../helpers/random.ts';
import { startPostgres } from '../helpers/postgres.ts';
import type { PgCluster } from '../helpers/postgres.ts';
import { startHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';

let cluster: PgCluster;
let hub: TestHub;
const SITES = ['xa-a', 'xa-b', 'phuong-c'];
// Days across three months: a report takes whole months from the monthly rollup, the rest from the daily one.
const DAYS = ['2026-10-30', '2026-10-31', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-30', '2026-12-01'];

beforeAll(async () => {
  cluster = await startPostgres();
  hub = await startHub(cluster);
  for (const s of SITES) await hub.createSite(s);
});
afterAll(async () => {
  await hub?.close();
  await cluster?.stop();
});

const random = mulberry32(20261123);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const chance = (p: number) => random() < p;

function randomRecord(key: string, day: string): RecordEnvelope['record'] {
  const dep = pick(['TP', 'TNMT', 'LDTBXH', 'CA']);
  const svc = `${dep}-${pick(['1', '2'])}`;
  const outcome = pick(['served', 'served', 'served', 'no-show', 'cancelled', 'expired'] as const);
  const called = outcome === 'served' || (outcome === 'no-show' && chance(0.7));
  const officer = called ? pick(['u1', 'u2', 'u3', 'u4']) : null;
  const rated = outcome === 'served' && chance(0.5);
  return {
    schema: 'luot.service-record/1', key, ticketNumber: `A-${key.slice(-3)}`, day,
    departmentCode: dep, departmentName: `Sở ${dep}`, serviceCode: svc, serviceName: `Lĩnh vực ${svc}`,
    procedureCode: null, dossierCodes: rated && chance(0.6) ? [`000.00.12.H36-261123-${key.slice(-4)}`] : [],
    counter: officer ? Number(officer.slice(1)) : null, officerId: officer, officerName: officer ? `Cán bộ ${officer}` : null,
    issuedAt: `${day}T08:00:00+07:00`,
    // Repeated values on purpose: medians between two equal values, ties at the p90 rank.
    waitingSeconds: called ? Math.floor(random() * 40) * 30 : null,
    serviceSeconds: outcome === 'served' ? 60 + Math.floor(random() * 600) : null,
    outcome, transfers: chance(0.05) ? [{}] : [],
    rating: rated ? { score: chance(0.15) ? null : 1 + Math.floor(random() * 5), reasons: [], comment: '' } : null,
  };
}

const envelope = (key: string, revision: number, record: RecordEnvelope['record'], target: number | null = 900): RecordEnvelope =>
  ({ key, revision, day: record.day, targetWaitSec: target, record });

const withoutMs = ({ ms: _ms, ...rest }: HubReport) => rest;
const query = (over: Partial<HubReportQuery> = {}): HubReportQuery =>
  ({ from: DAYS[0]!, to: DAYS.at(-1)!, sites: [], departments: [], services: [], officers: [], ...over });

describe('the daily rollup', { timeout: 120_000 }, () => {
  it('gives the report computed from the raw records, through new revisions that move records between groups', async () => {
    const latest = new Map<string, { site: string; revision: number; record: RecordEnvelope['record'] }>();
    const ingest = async (site: string, e: RecordEnvelope) => ingestRecord(hub.pool, site, e);
    // Three sites sending at once, one record at a time each (as their outboxes do).
    // (Generated first, so the seeded sequence does not depend on how the sends interleave.)
    const first = SITES.map((site, s) => Array.from({ length: 500 }, (_, i) => {
      const key = `${site}-${String(i).padStart(4, '0')}`;
      const record = randomRecord(key, DAYS[(i + s) % DAYS.length]!);
      latest.set(key, { site, revision: 1, record });
      return envelope(key, 1, record, chance(0.1) ? null : 600 + s * 300);
    }));
    await Promise.all(SITES.map(async (site, s) => {
      for (const e of first[s]!) expect(await ingest(site, e)).toBe('stored');
    }));
    const keys = [...latest.keys()];
    for (let n = 0; n < 400; n++) {
      const key = pick(keys);
      const was = latest.get(key)!;
      const r = { ...was.record };
      const change = pick(['rating', 'officer', 'service', 'department', 'day', 'waits'] as const);
      if (change === 'rating') r.rating = { score: 1 + Math.floor(random() * 5), reasons: [], comment: '' };
      if (change === 'officer') { r.officerId = pick(['u1', 'u2', 'u5', null]); r.officerName = r.officerId ? `Cán bộ mới ${r.officerId}` : null; }
      if (change === 'service') { r.serviceCode = `${r.departmentCode}-3`; r.serviceName = 'Lĩnh vực mới'; }
      if (change === 'department') { r.departmentCode = 'XD'; r.departmentName = 'Sở Xây dựng'; r.serviceCode = 'XD-1'; }
      if (change === 'day') { r.day = pick(DAYS); r.issuedAt = `${r.day}T09:00:00+07:00`; }
      if (change === 'waits') { r.waitingSeconds = chance(0.2) ? null : Math.floor(random() * 1800); r.outcome = 'served'; r.serviceSeconds = 300; }
      const revision = was.revision + 1;
      expect(await ingest(was.site, envelope(key, revision, r))).toBe('updated');
      latest.set(key, { site: was.site, revision, record: r });
      // A replay of an older revision (an outbox sending again after a crash) changes nothing.
      if (chance(0.2)) expect(await ingest(was.site, envelope(key, was.revision, was.record))).toBe('kept');
    }

    const queries: HubReportQuery[] = [
      query(), query({ from: DAYS[2]!, to: DAYS[2]! }), query({ sites: ['xa-b'] }), query({ departments: ['TP', 'XD'] }),
      query({ services: ['CA-1', 'TNMT-3'] }), query({ officers: ['u2', 'u5'] }), query({ sites: ['xa-a', 'phuong-c'], from: DAYS[1]!, to: DAYS[3]! }),
      query({ from: '2026-10-01', to: '2026-10-31' }), query({ from: '2026-11-01', to: '2026-11-30' }),
      query({ from: '2026-10-01', to: '2026-12-31', sites: ['xa-a'] }), query({ from: '2026-10-31', to: '2026-11-30', officers: ['u1', 'u3'] }),
      query({ from: '2026-09-01', to: '2026-11-05', departments: ['TP'] }), query({ from: '2026-01-01', to: '2026-12-31' }),
    ];
    for (const q of queries) {
      const fromRollup = await provinceReport(hub.pool, q);
      const fromRecords = await provinceReportFromRecords(hub.pool, q);
      expect(withoutMs(fromRollup)).toEqual(withoutMs(fromRecords));
    }
    const all = await provinceReport(hub.pool, query());
    expect(all.totals.issued).toBe(latest.size);
    expect(all.byOfficer.length).toBeGreaterThan(10);
    expect(all.totals.wait.p90Sec).not.toBeNull();
    // Not a report of nothing: the rollup really is fewer rows than the records.
    const { rows: [counts] } = await hub.pool.query<{ records: number; rollup: number }>(
      'SELECT (SELECT count(*) FROM records)::int AS records, (SELECT count(*) FROM daily_rollup)::int AS rollup');
    expect(counts!.rollup).toBeLessThan(counts!.records);
  });

  it('gives the same through batches: many versions in one transaction, two of one key, old ones, moves between groups', async () => {
    // Two more sites sending batches at once (as their outboxes do, up to 200 versions a request).
    const BATCH_SITES = ['xa-lo-1', 'xa-lo-2'];
    for (const s of BATCH_SITES) await hub.createSite(s);
    const latest = new Map<string, { site: string; revision: number; record: RecordEnvelope['record'] }>();
    const chunks = <T>(xs: T[]): T[][] => {
      const out: T[][] = [];
      for (let i = 0; i < xs.length;) { const n = 1 + Math.floor(random() * 150); out.push(xs.slice(i, i + n)); i += n; }
      return out;
    };
    const first = BATCH_SITES.map((site, s) => chunks(Array.from({ length: 400 }, (_, i) => {
      const key = `${site}-${String(i).padStart(4, '0')}`;
      const record = randomRecord(key, DAYS[(i * 7 + s) % DAYS.length]!);
      latest.set(key, { site, revision: 1, record });
      return envelope(key, 1, record, chance(0.1) ? null : 600);
    })));
    await Promise.all(BATCH_SITES.map(async (site, s) => {
      for (const batch of first[s]!) expect(await ingestBatch(hub.pool, site, batch)).toEqual(batch.map(() => 'stored'));
    }));
    const moved = (r: RecordEnvelope['record']): RecordEnvelope['record'] => {
      const n = { ...r };
      const change = pick(['rating', 'officer', 'service', 'department', 'day', 'waits'] as const);
      if (change === 'rating') n.rating = { score: 1 + Math.floor(random() * 5), reasons: [], comment: '' };
      if (change === 'officer') { n.officerId = pick(['u1', 'u6', null]); n.officerName = n.officerId ? `Cán bộ ${n.officerId}` : null; }
      if (change === 'service') { n.serviceCode = `${n.departmentCode}-4`; n.serviceName = 'Lĩnh vực khác'; }
      if (change === 'department') { n.departmentCode = 'NV'; n.departmentName = 'Sở Nội vụ'; n.serviceCode = 'NV-1'; }
      if (change === 'day') { n.day = pick(DAYS); n.issuedAt = `${n.day}T10:00:00+07:00`; }
      if (change === 'waits') { n.waitingSeconds = Math.floor(random() * 2400); n.outcome = 'served'; n.serviceSeconds = 420; }
      return n;
    };
    const keys = [...latest.keys()];
    for (let round = 0; round < 6; round++) {
      const bySite = new Map<string, { envelopes: RecordEnvelope[]; expected: IngestOutcome[] }>(BATCH_SITES.map((s) => [s, { envelopes: [], expected: [] }]));
      const inBatch = new Set<string>();
      for (let n = 0; n < 80; n++) {
        const key = pick(keys);
        if (inBatch.has(key)) continue;
        inBatch.add(key);
        const was = latest.get(key)!;
        const b = bySite.get(was.site)!;
        const next = moved(was.record);
        if (chance(0.25)) {
          // Two new versions of one key in one batch, the higher one first or last: the higher wins.
          const last = moved(next);
          const pair = [envelope(key, was.revision + 1, next), envelope(key, was.revision + 2, last)];
          if (chance(0.5)) { pair.reverse(); b.expected.push('updated', 'kept'); } else b.expected.push('kept', 'updated');
          b.envelopes.push(...pair);
          latest.set(key, { site: was.site, revision: was.revision + 2, record: last });
        } else {
          b.envelopes.push(envelope(key, was.revision + 1, next));
          b.expected.push('updated');
          latest.set(key, { site: was.site, revision: was.revision + 1, record: next });
        }
        // An older version in the same batch (a replay) changes nothing.
        if (chance(0.2)) { b.envelopes.push(envelope(key, was.revision, was.record)); b.expected.push('kept'); }
      }
      await Promise.all([...bySite].map(async ([site, b]) => {
        if (b.envelopes.length > 0) expect(await ingestBatch(hub.pool, site, b.envelopes)).toEqual(b.expected);
      }));
    }
    const stored = await hub.pool.query<{ key: string; revision: number; officer_id: string | null; day: string }>(
      "SELECT key, revision, officer_id, to_char(day, 'YYYY-MM-DD') AS day FROM records WHERE site_code = ANY($1)", [BATCH_SITES]);
    expect(new Map(stored.rows.map((r) => [r.key, [r.revision, r.officer_id, r.day]])))
      .toEqual(new Map([...latest].map(([k, v]) => [k, [v.revision, v.record.officerId, v.record.day]])));
    expect(Math.max(...[...latest.values()].map((v) => v.revision))).toBeGreaterThan(2);
    for (const q of [query({ sites: BATCH_SITES }), query({ sites: ['xa-lo-2'], officers: ['u1', 'u6'] }), query({ from: '2026-11-01', to: '2026-11-30', departments: ['NV', 'TP'] }), query()]) {
      expect(withoutMs(await provinceReport(hub.pool, q))).toEqual(withoutMs(await provinceReportFromRecords(hub.pool, q)));
    }
    expect((await provinceReport(hub.pool, query({ sites: BATCH_SITES }))).totals.issued).toBe(latest.size);
  });

  it('the rollup kept by the ingestion equals one rebuilt from scratch from the records', async () => {
    const dump = async () => [
      (await hub.pool.query('SELECT * FROM daily_rollup ORDER BY site_code, day, department_code, service_code, officer_id')).rows,
      (await hub.pool.query('SELECT * FROM monthly_rollup ORDER BY site_code, month, department_code, service_code, officer_id')).rows,
    ];
    const kept = await dump();
    expect(kept[0]!.length).toBeGreaterThan(0);
    expect(new Set(kept[1]!.map((r: { month: string }) => r.month))).toEqual(new Set(['2026-10-01', '2026-11-01', '2026-12-01']));
    // The whole rollup built at once from the records (what a bulk load does).
    await hub.pool.query('TRUNCATE daily_rollup, monthly_rollup');
    await hub.pool.query(REBUILD_ROLLUP);
    await hub.pool.query(REBUILD_MONTHLY);
    expect(await dump()).toEqual(kept);
  });

  it('takes whole months, and only whole months, from the monthly rollup', () => {
    expect(wholeMonths('2026-11-01', '2026-11-30')).toEqual(['2026-11-01', '2026-11-01']);
    expect(wholeMonths('2026-10-31', '2026-12-01')).toEqual(['2026-11-01', '2026-11-01']);
    expect(wholeMonths('2026-11-02', '2026-11-30')).toBeNull();
    expect(wholeMonths('2026-11-01', '2026-11-29')).toBeNull();
    expect(wholeMonths('2024-01-15', '2024-03-31')).toEqual(['2024-02-01', '2024-03-01']);
    expect(wholeMonths('2025-01-01', '2025-12-31')).toEqual(['2025-01-01', '2025-12-01']);
    expect(wholeMonths('2024-02-01', '2024-02-29')).toEqual(['2024-02-01', '2024-02-01']);
    expect(wholeMonths('2025-02-01', '2025-02-28')).toEqual(['2025-02-01', '2025-02-01']);
    expect(wholeMonths('2026-11-05', '2026-11-05')).toBeNull();
  });
});
