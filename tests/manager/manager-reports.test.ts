// Reports and exports over REST against real day files and the live day: counts checked against the
// files themselves, bad ranges and filters refused with clear messages, the CSV opened byte by byte
// (BOM, Vietnamese, quoting), the XLSX read back with exceljs, an empty range refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Report } from '@core/reports.ts';
import { TICKET_COLUMNS } from '@core/ticket-export.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { generateHistory } from '../bench/history.ts';
import type { HistoryResult } from '../bench/history.ts';

let server: TestServer;
let history: HistoryResult;
let token: string;
const TODAY = '2026-11-23';
const BROKEN_DAY = '2026-10-01';

beforeAll(async () => {
  server = await startServer();
  const officers = new Map(server.app.parts.accounts.users().filter((u) => u.role === 'officer').map((u) => [Number(u.username.replace('canbo', '')), u.id]));
  history = await generateHistory(server.dataDir, server.config, { days: 6, ticketsPerDay: 40, now: server.clock.now(), officerOfCounter: officers });
  // A day file cut short (a disk that filled up): reports must leave it out, not fail.
  await writeFile(join(server.dataDir, 'days', `${BROKEN_DAY}.json`), '{"day":"2026-10-01","tickets":{"x":');
  token = await server.login('quanly');
  // Today: three tickets; one served and rated with a comment a spreadsheet must not run.
  const [kiosk, officer, pad] = await Promise.all([server.device('kiosk1'), server.officer(1), server.device('pad1')]);
  for (const i of [1, 2, 3]) await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: `report-tap-${i}` });
  await must(officer, 'counter:open', { counter: 1 });
  await must(officer, 'ticket:call-next', {});
  server.clock.advance(4 * 60_000);
  const done = await must(officer, 'ticket:finish', { procedureCode: '1.004227', dossierCodes: ['000.00.12.H36-261123-0007'] });
  await must(pad, 'rating:submit', { ticketId: done.id, score: 2, reasons: ['attitude'], comment: '=1+1, "quá lâu"\nlần sau tốt hơn' });
});
afterAll(async () => { await server?.close(); });

async function get(path: string): Promise<{ status: number; bytes: Buffer; headers: Record<string, string>; json: () => { ok: boolean; code?: string; message?: string; issues?: { path: string; message: string }[]; data?: unknown } }> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, bytes, headers: Object.fromEntries(res.headers), json: () => JSON.parse(bytes.toString('utf8')) as never };
}
const report = async (query: string): Promise<Report> => ((await get(`/api/manager/reports?${query}`)).json().data as { report: Report }).report;

/** Counted straight from the day files (not by the report code). */
async function countOnDisk(): Promise<{ issued: number; served: number }> {
  let issued = 0;
  let served = 0;
  for (const day of await server.store.listDays()) {
    if (day === BROKEN_DAY) continue;
    const state = day === TODAY ? server.app.parts.queue.current : await server.store.readDay(day);
    for (const t of Object.values(state?.tickets ?? {})) {
      issued += 1;
      if (t.status === 'done') served += 1;
    }
  }
  return { issued, served };
}

describe('reports', () => {
  it('count what the day files hold, past days and today together', async () => {
    const r = await report(`from=${BROKEN_DAY}&to=${TODAY}`);
    const disk = await countOnDisk();
    expect(disk.issued).toBe(history.tickets + 3);
    expect(r.totals).toMatchObject({ issued: disk.issued, served: disk.served });
    expect(r.daily.map((d) => d.day)).toEqual([...(await server.store.listDays()).filter((d) => d < TODAY && d !== BROKEN_DAY), TODAY]);
    const today = await report(`from=${TODAY}&to=${TODAY}`);
    expect(today.totals).toMatchObject({ issued: 3, served: 1, wait: { count: 1 } });
    expect(today.totals.rating).toMatchObject({ scored: 1, distribution: [0, 1, 0, 0, 0] });
    expect(today.comments[0]).toMatchObject({ number: 'A-001', officerName: 'Cán bộ 1', comment: '=1+1, "quá lâu"\nlần sau tốt hơn' });
    expect((await report(`from=${TODAY}&to=${TODAY}&counter=2`)).totals.issued).toBe(0);
    expect((await report(`from=${TODAY}&to=${TODAY}&service=DATDAI,HOTICH&counter=1`)).totals.issued).toBe(1);
  });

  it('refuses bad ranges and filters with a clear reason', async () => {
    const refused = async (query: string) => {
      const res = await get(`/api/manager/reports?${query}`);
      expect(res.status).toBe(400);
      const body = res.json();
      return `${body.code}: ${body.message}${(body.issues ?? []).map((i) => ` | ${i.path} ${i.message}`).join('')}`;
    };
    expect(await refused('from=2026-11-23&to=2026-11-01')).toBe('INVALID_DATE_RANGE: Khoảng ngày không hợp lệ: ngày bắt đầu 2026-11-23 sau ngày kết thúc 2026-11-01');
    expect(await refused('from=2026-02-30&to=2026-03-02')).toContain('không phải ngày có thật');
    expect(await refused('from=hôm-qua&to=2026-11-23')).toContain('INVALID_DATE_RANGE');
    expect(await refused('from=2019-01-01&to=2026-11-23')).toContain('quá dài (tối đa 732 ngày)');
    expect(await refused('from=2027-01-01&to=2027-01-31')).toContain('tương lai');
    expect(await refused('to=2026-11-23')).toBe('VALIDATION_FAILED: Dữ liệu gửi lên không hợp lệ | from thiếu ngày bắt đầu (from=YYYY-MM-DD)');
    expect(await refused('from=2026-11-01&to=2026-11-23&zone=T1')).toContain('bộ lọc không được hỗ trợ: zone');
    expect(await refused('from=2026-11-01&to=2026-11-23&service=KHONGCO')).toContain('service không có lĩnh vực KHONGCO');
    expect(await refused('from=2026-11-01&to=2026-11-23&counter=abc')).toContain('số quầy không hợp lệ');
    expect(await refused('from=2026-11-01&to=2026-11-23&officer=ai-do')).toContain('không có cán bộ ai-do');
  });

});

describe('exports', () => {
  const range = () => `from=${history.firstDay}&to=${TODAY}`;

  it('CSV per ticket: a BOM, Vietnamese headers and text, one line per ticket, quoting and no formulas', async () => {
    const res = await get(`/api/manager/reports/export.csv?from=${TODAY}&to=${TODAY}&table=tickets`);
    expect(res.status).toBe(200);
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(TICKET_COLUMNS.map((c) => (c.header.includes(',') ? `"${c.header}"` : c.header)).join(','));
    expect(lines[0]).toContain('Số thứ tự,"Mã sở, ngành","Sở, ngành",Mã lĩnh vực,Lĩnh vực');
    expect(text).toContain('2026-11-23,A-001,STNMT,Sở Tài nguyên và Môi trường,DATDAI,Đất đai,,,,,1.004227,');
    // Names a manager reads, each code in its own column: the officer's name and username, not an id.
    expect(text).toContain(',000.00.12.H36-261123-0007,1,Cán bộ 1,canbo1,2026-11-23 09:00:00,');
    // The citizen's comment: quoted (comma, quote, newline) and defused (leading "="); the reason by name, then its code.
    expect(text).toContain(`,2,Không hài lòng,Thái độ phục vụ,attitude,"'=1+1, ""quá lâu""\nlần sau tốt hơn"\r\n`);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('CSV for Vietnamese Excel: `;` between cells, decimal commas, dd/mm/yyyy, and it says so', async () => {
    const res = await get(`/api/manager/reports/export.csv?from=${TODAY}&to=${TODAY}&table=tickets&variant=excel-vi`);
    expect(res.status).toBe(200);
    expect(res.headers['x-luot-csv-variant']).toBe('excel-vi');
    expect(res.headers['content-disposition']).toContain('.excel-vi.csv');
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(TICKET_COLUMNS.map((c) => c.header).join(';'));
    const a001 = lines.find((l) => l.startsWith('23/11/2026;A-001;'))!;
    expect(a001).toContain(';Cán bộ 1;canbo1;23/11/2026 09:00:00;');
    const summary = await get(`/api/manager/reports/export.csv?${range()}&table=summary&variant=excel-vi`);
    const rows = summary.bytes.subarray(3).toString('utf8').split('\r\n');
    expect(rows).toContain('Đến ngày;23/11/2026');
    const average = (await report(range())).totals.wait.avgSec!;
    expect(rows).toContain(`Chờ trung bình (phút);${String(Math.round(average / 6) / 10).replace('.', ',')}`);
    expect(rows.find((r) => r.startsWith('Chờ trung bình (phút);'))).toMatch(/;\d+,\d$/);
    expect((await get(`/api/manager/reports/export.csv?from=${TODAY}&to=${TODAY}&variant=excel`)).status).toBe(400);
  });

  it('CSV over a range with an unreadable day: every readable ticket, the broken day left out', async () => {
    const res = await get(`/api/manager/reports/export.csv?from=${BROKEN_DAY}&to=${TODAY}&table=tickets`);
    expect(res.status).toBe(200);
    const lines = res.bytes.subarray(3).toString('utf8').split('\r\n').filter((l) => /^\d{4}-\d{2}-\d{2},/.test(l));
    expect(lines.length).toBe((await countOnDisk()).issued);
  });

  it('CSV of a summary table: one line per service', async () => {
    const res = await get(`/api/manager/reports/export.csv?${range()}&table=services`);
    const lines = res.bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]!.startsWith('Mã,Tên,Số phiếu đã cấp,Đã phục vụ,Vắng mặt')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['DATDAI', 'HOTICH', 'LLTP', 'CHIEU']);
  });

  it('tickets per procedure: in the report and as a CSV table, adding up to the tickets issued', async () => {
    const r = await report(range());
    expect(r.byProcedure.reduce((n, p) => n + p.issued, 0)).toBe(r.totals.issued);
    expect(r.byProcedure.find((p) => p.key === '1.004227')).toMatchObject({ nameVi: '1.004227', served: 1 });
    expect(r.byProcedure.at(-1)).toMatchObject({ key: '', nameVi: 'Chưa ghi thủ tục' });
    const res = await get(`/api/manager/reports/export.csv?${range()}&table=procedures`);
    expect(res.status).toBe(200);
    const lines = res.bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]!.startsWith('Mã thủ tục,Tên,Số phiếu đã cấp,Đã phục vụ')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(r.byProcedure.map((p) => `${p.key},${p.nameVi},${p.issued}`));
  });

  it('XLSX read back with exceljs: every sheet, Vietnamese headers, each ticket, real dates', async () => {
    const res = await get(`/api/manager/reports/export.xlsx?${range()}`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp', 'Theo sở, ngành', 'Theo lĩnh vực', 'Theo thủ tục', 'Theo quầy', 'Theo cán bộ', 'Theo ngày', 'Theo thứ và giờ', 'Đánh giá', 'Danh sách phiếu',
    ]);
    const r = await report(range());
    const summary = book.getWorksheet('Tổng hợp')!;
    const value = (label: string) => (summary.getSheetValues().find((row) => Array.isArray(row) && row[1] === label) as unknown[] | undefined)?.[2];
    expect(value('Số phiếu đã cấp')).toBe(r.totals.issued);
    expect(value('Đã phục vụ')).toBe(r.totals.served);
    const tickets = book.getWorksheet('Danh sách phiếu')!;
    expect((tickets.getRow(1).values as unknown[]).slice(1)).toEqual(TICKET_COLUMNS.map((c) => c.header));
    expect(tickets.actualRowCount - 1).toBe(r.totals.issued);
    // "Ngày" is a real date cell (sorts and filters by month), shown dd/mm/yyyy.
    const sameDay = (cell: unknown) => cell instanceof Date && cell.getTime() === Date.parse(`${TODAY}T00:00:00Z`);
    const today = tickets.getSheetValues().find((row) => Array.isArray(row) && sameDay(row[1]) && row[2] === 'A-001') as unknown[];
    expect(tickets.getRow(2).getCell(1).numFmt).toBe('dd/mm/yyyy');
    expect(today[6]).toBe('Đất đai');
    expect(today[15]).toBe('Cán bộ 1');
    expect(today[16]).toBe('canbo1');
    expect(today[17]).toEqual(new Date('2026-11-23T09:00:00.000Z')); // 09:00 in Vietnam, as Excel shows it
    expect(today[33]).toBe(`'=1+1, "quá lâu"\nlần sau tốt hơn`);
    const officersSheet = book.getWorksheet('Theo cán bộ')!;
    expect(officersSheet.getRow(1).getCell(1).value).toBe('Tên đăng nhập');
    expect(officersSheet.getColumn(1).values.slice(2)).toContain('canbo1');
    const services = book.getWorksheet('Theo lĩnh vực')!;
    expect(services.getRow(2).getCell(2).value).toBe('Đất đai');
  });

  it('an empty range, or an unknown table, is refused with a clear message', async () => {
    for (const format of ['csv', 'xlsx']) {
      const res = await get(`/api/manager/reports/export.${format}?from=2026-06-01&to=2026-06-30`);
      expect(res.status).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NO_DATA', message: 'Không có phiếu nào từ 2026-06-01 đến 2026-06-30 với bộ lọc đã chọn' });
    }
    const filtered = await get(`/api/manager/reports/export.csv?from=${TODAY}&to=${TODAY}&counter=3`);
    expect(filtered.json().code).toBe('NO_DATA');
    const table = await get(`/api/manager/reports/export.csv?from=${TODAY}&to=${TODAY}&table=bogus`);
    expect(table.status).toBe(400);
    expect(table.json().issues![0]!.message).toContain('bảng phải là một trong: tickets, summary');
    expect((await get(`/api/manager/reports/export.pdf?from=${TODAY}&to=${TODAY}`)).status).toBe(404);
  });
});

describe('midnight', () => {
  it('takes a day into its history when midnight passes', async () => {
    const before = (await report(`from=${TODAY}&to=${TODAY}`)).totals.issued;
    server.clock.advance(24 * 3600_000);
    await must(await server.device('kiosk2'), 'ticket:issue', { serviceCode: 'HOTICH', requestId: 'next-day-tap-1' });
    const tomorrow = '2026-11-24';
    await expect.poll(async () => (await report(`from=${TODAY}&to=${TODAY}`)).totals.issued, { timeout: 5000 }).toBe(before);
    const both = await report(`from=${TODAY}&to=${tomorrow}`);
    expect(both.daily.map((d) => [d.day, d.issued])).toEqual([[TODAY, before], [tomorrow, 1]]);
    // Yesterday's waiting tickets expired at the rollover, and the report says so.
    expect((await report(`from=${TODAY}&to=${TODAY}`)).totals.expired).toBe(2);
  });
});
