// The hub's workbooks on a real PostgreSQL: the province report narrowed by site, department,
// service and officer (JSON, XLSX with a first sheet saying what it covers, the dossier ratings),
// and the shared catalog as a workbook: downloaded, uploaded unchanged ("no change"), uploaded
// with an edit (a new version), with a bad cell (the sheet, row and column; nothing published).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { ProvinceCatalogInput } from '@core/hub-catalog.ts';
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

const DAY = '2026-11-23';
let n = 0;
function record(dep: [string, string], svc: [string, string], officer: [string, string], over: Partial<RecordEnvelope['record']> = {}): RecordEnvelope {
  n += 1;
  const key = `t${n}`;
  return {
    key, revision: 1, day: DAY, targetWaitSec: 900,
    record: {
      schema: 'luot.service-record/1', key, ticketNumber: `A-${String(n).padStart(3, '0')}`, day: DAY,
      departmentCode: dep[0], departmentName: dep[1], serviceCode: svc[0], serviceName: svc[1],
      procedureCode: null, dossierCodes: [], counter: 1, officerId: officer[0], officerName: officer[1],
      issuedAt: `${DAY}T09:${String(n).padStart(2, '0')}:00+07:00`, waitingSeconds: 60 * n, serviceSeconds: 240, outcome: 'served',
      transfers: [], rating: null, ...over,
    },
  };
}
const STP: [string, string] = ['STP', 'Sở Tư pháp'];
const SXD: [string, string] = ['SXD', 'Sở Xây dựng'];
const HOTICH: [string, string] = ['HOTICH', 'Hộ tịch'];
const XAYDUNG: [string, string] = ['XAYDUNG', 'Xây dựng'];
const rated = (score: number, dossier: string) => ({ rating: { score, reasons: [], comment: '' }, dossierCodes: [dossier] });

async function xlsx(path: string, token = hub.managerToken): Promise<ExcelJS.Workbook> {
  const res = await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}
const rowsOf = (ws: ExcelJS.Worksheet) => ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));

describe('the province report narrowed by department, service and officer', () => {
  beforeAll(async () => {
    const a = await hub.enrol(await hub.createSite('xa-a', 'UBND xã A'));
    const b = await hub.enrol(await hub.createSite('xa-b', 'UBND xã B'));
    const send = async (cred: string, e: RecordEnvelope) => expect((await hub.api('/api/hub/records', { body: e, token: cred })).body.ok).toBe(true);
    await send(a, record(STP, HOTICH, ['an', 'Nguyễn Văn An'], rated(5, 'HS-A-1')));
    await send(a, record(STP, HOTICH, ['binh', 'Trần Thị Bình']));
    await send(a, record(SXD, XAYDUNG, ['an', 'Nguyễn Văn An'], rated(2, 'HS-A-2')));
    await send(b, record(STP, HOTICH, ['cuong', 'Lê Cường'], rated(4, 'HS-B-1')));
    await send(b, record(SXD, XAYDUNG, ['dung', 'Phạm Dũng'], rated(5, 'HS-B-2')));
  });

  it('gives the figures of the chosen department, service and officers only, in JSON and in the dossier ratings', async () => {
    const all = await hub.api<HubReport>(`/api/hub/report?from=${DAY}&to=${DAY}`, { token: hub.managerToken });
    expect(all.body.data.totals.issued).toBe(5);
    const dep = await hub.api<HubReport>(`/api/hub/report?from=${DAY}&to=${DAY}&departments=SXD`, { token: hub.managerToken });
    expect(dep.body.data.totals.issued).toBe(2);
    expect(dep.body.data.byDepartment.map((g) => g.key)).toEqual(['SXD']);
    const two = await hub.api<HubReport>(`/api/hub/report?from=${DAY}&to=${DAY}&services=HOTICH&officers=an,cuong`, { token: hub.managerToken });
    expect(two.body.data.byOfficer.map((g) => [g.site, g.key])).toEqual([['xa-a', 'an'], ['xa-b', 'cuong']]);
    expect(two.body.data.totals.issued).toBe(2);

    type Rating = { site: string; dossierCodes: string[] };
    const ratings = async (q: string) => (await hub.api<Rating[]>(`/api/hub/dossier-ratings?from=${DAY}&to=${DAY}${q}`, { token: hub.managerToken })).body.data.map((r) => r.dossierCodes[0]).sort();
    expect(await ratings('')).toEqual(['HS-A-1', 'HS-A-2', 'HS-B-1', 'HS-B-2']);
    expect(await ratings('&departments=SXD')).toEqual(['HS-A-2', 'HS-B-2']);
    expect(await ratings('&sites=xa-a&officers=an')).toEqual(['HS-A-1', 'HS-A-2']);
    expect(await ratings('&services=HOTICH&sites=xa-b')).toEqual(['HS-B-1']);
  });

  it('exports the narrowed report, its first sheet saying what it covers', async () => {
    const book = await xlsx(`/api/hub/report.xlsx?from=${DAY}&to=${DAY}&sites=xa-a&departments=STP&services=HOTICH&officers=an,binh`);
    expect(book.worksheets[0]!.name).toBe('Phạm vi báo cáo');
    const scope = rowsOf(book.worksheets[0]!);
    expect(scope.slice(0, 6).map((r) => r.slice(0, 1))).toEqual([['Bộ lọc'], ['Khoảng thời gian'], ['Điểm'], ['Sở, ngành'], ['Lĩnh vực'], ['Cán bộ']]);
    expect(scope.slice(1, 6).map((r) => r[1])).toEqual([
      '23/11/2026 – 23/11/2026', 'UBND xã A (xa-a)', 'Sở Tư pháp (STP)', 'Hộ tịch (HOTICH)', 'Nguyễn Văn An (an); Trần Thị Bình (binh)',
    ]);
    expect(scope[6]![0]).toBe('Xuất lúc');
    expect(rowsOf(book.getWorksheet('Toàn tỉnh')!)[1]!.slice(0, 3)).toEqual(['2026-11-23 – 2026-11-23', 2, 2]);
    expect(rowsOf(book.getWorksheet('Theo cán bộ')!).slice(1).map((r) => r.slice(0, 2))).toEqual([['UBND xã A', 'Nguyễn Văn An'], ['UBND xã A', 'Trần Thị Bình']]);

    const everything = await xlsx(`/api/hub/report.xlsx?from=${DAY}&to=${DAY}`);
    expect(rowsOf(everything.worksheets[0]!).slice(2, 6).map((r) => r[1])).toEqual(['Tất cả', 'Tất cả', 'Tất cả', 'Tất cả']);
    expect(rowsOf(everything.getWorksheet('Toàn tỉnh')!)[1]![1]).toBe(5);
  });
});

const CATALOG: ProvinceCatalogInput = {
  departments: [{ code: 'STP', nameVi: 'Sở Tư pháp', nameEn: 'Justice' }, { code: 'SXD', nameVi: 'Sở Xây dựng', nameEn: 'Construction', order: 2 }],
  services: [
    { code: 'HOTICH', departmentCode: 'STP', nameVi: 'Hộ tịch', nameEn: 'Civil status', prefix: 'B' },
    { code: 'XAYDUNG', departmentCode: 'SXD', nameVi: 'Xây dựng', nameEn: 'Construction', prefix: 'X', defaultServiceMin: 12.5 },
  ],
  procedures: [{ code: '1.001234', name: 'Đăng ký khai sinh', serviceCode: 'HOTICH', departmentCode: 'STP' }],
  synonyms: [{ terms: ['khai sinh', 'giấy khai sinh'], expansion: 'đăng ký khai sinh', targets: ['1.001234'] }],
  ratingReasons: [{ code: 'cho-lau', nameVi: 'Chờ lâu', nameEn: 'Long wait' }],
};

async function upload(bytes: Buffer | ArrayBuffer, token = hub.adminToken): Promise<{ status: number; body: { ok: boolean; data: { version: number; created: boolean }; code?: string; message?: string; messageEn?: string } }> {
  const res = await fetch(`${hub.url}/api/hub/catalog.xlsx`, {
    method: 'PUT', body: Uint8Array.from(new Uint8Array(bytes)),
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: await res.json() };
}
const save = async (book: ExcelJS.Workbook) => Buffer.from(await book.xlsx.writeBuffer());
const versions = async () => (await hub.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog_versions')).rows[0]!.n;

describe('the shared catalog as a workbook', () => {
  it('gives an empty template before any version, then the latest version', async () => {
    const empty = await xlsx('/api/hub/catalog.xlsx');
    expect(empty.worksheets.map((w) => w.name)).toEqual(['Giới thiệu', 'Sở, ngành', 'Lĩnh vực', 'Thủ tục', 'Từ đồng nghĩa', 'Lý do đánh giá']);
    expect(empty.getWorksheet('Lĩnh vực')!.rowCount).toBe(1);
    const put = await hub.api<{ version: number; created: boolean }>('/api/hub/catalog', { method: 'PUT', body: CATALOG });
    expect(put.body.data).toEqual({ version: 1, created: true });
    const res = await fetch(`${hub.url}/api/hub/catalog.xlsx`, { headers: { authorization: `Bearer ${hub.managerToken}` } });
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="danh-muc-tinh-v1.xlsx"');
    const book = await xlsx('/api/hub/catalog.xlsx');
    expect(rowsOf(book.getWorksheet('Lĩnh vực')!).slice(1)).toEqual([
      ['HOTICH', 'STP', 'Hộ tịch', 'Civil status', 'B', 20, 8, 0, 'có'],
      ['XAYDUNG', 'SXD', 'Xây dựng', 'Construction', 'X', 20, 12.5, 0, 'có'],
    ]);
    expect(rowsOf(book.getWorksheet('Từ đồng nghĩa')!)[1]).toEqual(['khai sinh; giấy khai sinh', 'đăng ký khai sinh', '1.001234']);
  });

  it('takes the downloaded workbook back unchanged as "no change", an edited one as a new version, from admins only', async () => {
    const res = await fetch(`${hub.url}/api/hub/catalog.xlsx`, { headers: { authorization: `Bearer ${hub.adminToken}` } });
    const bytes = await res.arrayBuffer();
    expect((await upload(bytes)).body).toEqual({ ok: true, data: { version: 1, created: false } });
    const manager = await upload(bytes, hub.managerToken);
    expect([manager.status, manager.body.code]).toEqual([403, 'FORBIDDEN']);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes);
    book.getWorksheet('Thủ tục')!.addRow(['1.009999', 'Cấp giấy phép xây dựng', 'XAYDUNG', 'SXD']);
    expect((await upload(await save(book))).body).toEqual({ ok: true, data: { version: 2, created: true } });
    const latest = await hub.api<{ latest: { catalog: { procedures: { code: string }[] } } }>('/api/hub/catalog', { token: hub.managerToken });
    expect(latest.body.data.latest.catalog.procedures.map((p) => p.code)).toEqual(['1.001234', '1.009999']);
    const audit = await hub.api<{ action: string; target: string }[]>('/api/hub/audit');
    expect(audit.body.data[0]).toMatchObject({ action: 'catalog:publish', target: 'v2' });
  });

  it('refuses a bad cell naming its sheet, row and column, and a file that is no workbook; publishes nothing', async () => {
    const before = await versions();
    const book = await xlsx('/api/hub/catalog.xlsx', hub.adminToken);
    book.getWorksheet('Lĩnh vực')!.addRow(['MOI', 'SYT', 'Y tế', 'Health', 'Y']);
    const bad = await upload(await save(book));
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('BAD_WORKBOOK');
    expect(bad.body.message).toBe("Chưa xuất bản: Trang 'Lĩnh vực', dòng 4, cột 'Mã sở, ngành': không có sở, ngành SYT");
    expect(bad.body.messageEn).toBe("Not published: Sheet 'Lĩnh vực', row 4, column 'Mã sở, ngành': không có sở, ngành SYT");
    const junk = await upload(Buffer.from('departments,services'));
    expect([junk.status, junk.body.message]).toEqual([400, 'Chưa xuất bản: Tệp không phải bảng tính Excel (.xlsx) đọc được']);
    const huge = await upload(Buffer.alloc(9 * 1024 * 1024, 1));
    expect([huge.status, huge.body.code, huge.body.message]).toEqual([413, 'TOO_LARGE', 'Nội dung gửi lên quá lớn (tối đa 8 MB)']);
    expect(await versions()).toBe(before);
  });
});
