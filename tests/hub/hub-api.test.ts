// The hub on a real PostgreSQL: sites, enrolment, credentials, idempotent ingestion, floor summary,
// and the refusals (revoked credential, forged identity, a manager creating sites, bad bodies).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { RecordEnvelope } from '@core/hub-protocol.ts';
import type { HubReport } from '../../hub/reports.ts';
import { startPostgres } from '../helpers/postgres.ts';
import type { PgCluster } from '../helpers/postgres.ts';
import { startHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';

let cluster: PgCluster;
let hub: TestHub;

beforeAll(async () => {
  cluster = await startPostgres();
  hub = await startHub(cluster);
});
afterAll(async () => {
  await hub?.close();
  await cluster?.stop();
});

function envelope(key: string, revision: number, over: Partial<RecordEnvelope['record']> = {}): RecordEnvelope {
  return {
    key, revision, day: '2026-11-23', targetWaitSec: 900,
    record: {
      schema: 'luot.service-record/1', key, ticketNumber: 'A-001', day: '2026-11-23',
      departmentCode: 'TP', departmentName: 'Sở Tư pháp', serviceCode: 'HT', serviceName: 'Hộ tịch',
      procedureCode: null, dossierCodes: [], counter: 1, officerId: 'u1', officerName: 'Cán bộ 1',
      issuedAt: '2026-11-23T09:00:00+07:00', waitingSeconds: 300, serviceSeconds: 240, outcome: 'served',
      transfers: [], rating: null, ...over,
    },
  };
}

const post = (path: string, body: unknown, credential: string | null) => hub.api(path, { body, token: credential });

describe('province hub', () => {
  it('enrols a site once with its token, then takes its records by credential, idempotently, keeping the highest revision', async () => {
    const token = await hub.createSite('xa-a');
    const credential = await hub.enrol(token);
    expect(credential.startsWith('xa-a.')).toBe(true);
    // The token is one-time.
    const again = await hub.api('/api/hub/enrol', { body: { token }, token: null });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('BAD_TOKEN');

    expect((await post('/api/hub/records', envelope('k1', 1), credential)).body).toEqual({ ok: true, data: { outcome: 'stored' } });
    expect((await post('/api/hub/records', envelope('k1', 1), credential)).body).toEqual({ ok: true, data: { outcome: 'kept' } });
    const rated = envelope('k1', 2, { rating: { score: 5, reasons: [], comment: 'tốt' } });
    expect((await post('/api/hub/records', rated, credential)).body).toEqual({ ok: true, data: { outcome: 'updated' } });
    // An older revision arriving late changes nothing.
    expect((await post('/api/hub/records', envelope('k1', 1), credential)).body).toEqual({ ok: true, data: { outcome: 'kept' } });
    const rows = await hub.pool.query('SELECT site_code, key, revision, score FROM records');
    expect(rows.rows).toEqual([{ site_code: 'xa-a', key: 'k1', revision: 2, score: 5 }]);
  });

  it('refuses a forged identity, a revoked credential and a missing one, and writes nothing', async () => {
    const credA = await hub.enrol(await hub.createSite('xa-b'));
    const credB = await hub.enrol(await hub.createSite('xa-c'));
    const secretA = credA.slice(credA.indexOf('.') + 1);
    // Site B's name with site A's secret: the identity is the credential's, and this one is false.
    const forged = await post('/api/hub/records', envelope('f1', 1), `xa-c.${secretA}`);
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('BAD_CREDENTIAL');
    // A body naming another site does not move the record there.
    expect((await post('/api/hub/records', { ...envelope('f2', 1), site: 'xa-c', siteCode: 'xa-c' }, credA)).body.ok).toBe(true);
    const f2 = await hub.pool.query("SELECT site_code FROM records WHERE key = 'f2'");
    expect(f2.rows).toEqual([{ site_code: 'xa-b' }]);

    const none = await post('/api/hub/records', envelope('f3', 1), null);
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('NO_CREDENTIAL');

    const revoke = await hub.api('/api/hub/sites/xa-c/revoke', { body: {} });
    expect(revoke.body.ok).toBe(true);
    const revoked = await post('/api/hub/records', envelope('f4', 1), credB);
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('BAD_CREDENTIAL');
    expect(revoked.body.message).toMatch(/thu hồi/);
    const after = await hub.pool.query("SELECT count(*)::int AS n FROM records WHERE site_code = 'xa-c' OR key IN ('f1', 'f3', 'f4')");
    expect(after.rows[0].n).toBe(0);
    // A new enrolment token brings the site back with a new credential; the old one stays refused.
    const { body } = await hub.api<{ enrolmentToken: string }>('/api/hub/sites/xa-c/enrolment', { body: {} });
    const credB2 = await hub.enrol(body.data.enrolmentToken);
    expect((await post('/api/hub/records', envelope('f5', 1), credB2)).body.ok).toBe(true);
    expect((await post('/api/hub/records', envelope('f6', 1), credB)).status).toBe(401);
  });

  it('refuses bad bodies with a message, and keeps hub users apart from roles', async () => {
    const cred = await hub.enrol(await hub.createSite('xa-d'));
    const mismatch = await post('/api/hub/records', { ...envelope('m1', 1), key: 'other' }, cred);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.code).toBe('BAD_REQUEST');
    expect(mismatch.body.message).toMatch(/không hợp lệ/);
    const bad = await post('/api/hub/records', { ...envelope('m2', 0) }, cred);
    expect(bad.status).toBe(400);
    const notJson = await fetch(`${hub.url}/api/hub/records`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${cred}` }, body: '{' });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).code).toBe('BAD_REQUEST');
    // A manager reads but does not create sites; a site's credential is not a hub session.
    expect((await hub.api('/api/hub/sites', { body: { code: 'xa-e', name: 'E' }, token: hub.managerToken })).status).toBe(403);
    expect((await hub.api('/api/hub/sites', { token: hub.managerToken })).body.ok).toBe(true);
    expect((await hub.api('/api/hub/sites', { token: cred })).status).toBe(401);
    const login = await hub.api('/api/hub/login', { body: { username: 'admin', password: 'sai' }, token: null });
    expect(login.status).toBe(401);
    expect(login.body.code).toBe('BAD_LOGIN');
  });

  it('keeps the latest floor summary of each site and shows it with the link state', async () => {
    const cred = await hub.enrol(await hub.createSite('xa-f', 'UBND xã F'));
    const summary = (at: number, waiting: number) => ({
      at, day: '2026-11-23', longestWaitSec: 120, services: [], alerts: [],
      totals: { issued: 10, waiting, serving: 1, served: 5, noShow: 0, openCounters: 2, counters: 3 },
    });
    expect((await post('/api/hub/floor', summary(2000, 7), cred)).body).toEqual({ ok: true, data: { applied: true } });
    expect((await post('/api/hub/floor', summary(1000, 3), cred)).body).toEqual({ ok: true, data: { applied: false } });
    const view = await hub.api<{ sites: { code: string; link: string; floor: { totals: { waiting: number } } | null }[] }>('/api/hub/overview', { token: hub.managerToken });
    const f = view.body.data.sites.find((s) => s.code === 'xa-f')!;
    expect(f.link).toBe('up');
    expect(f.floor?.totals.waiting).toBe(7);
    expect(view.body.data.sites.find((s) => s.code === 'xa-d')!.floor).toBeNull();
  });

  it('reports a range in JSON and XLSX to hub users only, and refuses a reversed range', async () => {
    const cred = await hub.enrol(await hub.createSite('xa-g', 'UBND xã G'));
    await post('/api/hub/records', envelope('x1', 1, { rating: { score: 4, reasons: [], comment: '' }, dossierCodes: ['000.00.12.H36-261123-0001'] }), cred);
    await post('/api/hub/records', envelope('x2', 1, { outcome: 'no-show', waitingSeconds: 600, serviceSeconds: null, officerId: 'u2' }), cred);
    const r = await hub.api<HubReport>('/api/hub/report?from=2026-11-23&to=2026-11-23&sites=xa-g', { token: hub.managerToken });
    expect(r.body.data.totals).toMatchObject({ issued: 2, served: 1, noShow: 1, wait: { count: 2, avgSec: 450, medianSec: 450, p90Sec: 600 }, withinTarget: 1, dossierRated: 1, dossierSatisfiedShare: 1 });
    expect(r.body.data.byOfficer.map((g) => g.key)).toEqual(['u1', 'u2']);
    const reversed = await hub.api('/api/hub/report?from=2026-11-24&to=2026-11-23', { token: hub.managerToken });
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.body)).toContain('Ngày bắt đầu sau ngày kết thúc');
    // The same words as the booking report's (hub/report-range.ts), not a bare "wrong format".
    expect(JSON.stringify((await hub.api('/api/hub/report?from=23/11/2026&to=2026-11-23', { token: hub.managerToken })).body)).toContain('ngày dạng YYYY-MM-DD');
    expect((await hub.api('/api/hub/report?from=2026-11-23&to=2026-11-23', { token: cred })).status).toBe(401);

    const res = await fetch(`${hub.url}/api/hub/report.xlsx?from=2026-11-23&to=2026-11-23&sites=xa-g`, { headers: { authorization: `Bearer ${hub.managerToken}` } });
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(['Phạm vi báo cáo', 'Toàn tỉnh', 'Theo điểm', 'Theo sở, ngành', 'Theo lĩnh vực', 'Theo cán bộ', 'Theo điểm và sở, ngành']);
    const bySite = book.getWorksheet('Theo điểm')!;
    expect(bySite.getRow(2).values).toEqual([undefined, 'UBND xã G', 2, 1, 1, 7.5, 7.5, 10, 100, 4, 1, 100, 1, 100]);
  });
});
