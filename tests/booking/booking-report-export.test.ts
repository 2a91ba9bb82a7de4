// The booking figures beyond the reports API: the XLSX workbook's "Đặt lịch" sheet and the CSV
// table `bookings` carry bookings made, honoured, no-show, cancelled, the on-time share and the
// wait measured from the slot's start, the same figures GET /api/manager/bookings gives; a range
// without bookings has no such sheet.
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { BookingCheckedIn } from '@core/protocol.ts';
import { bookingTable } from '@core/booking/report-table.ts';
import { bookingFigures } from '@core/booking/report.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { at, book } from './helpers.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const MIN = 60_000;

describe('booking figures in the exports', () => {
  it('XLSX "Đặt lịch" and CSV bookings: made 3, honoured 1 (on time, called 10 min after its slot), no-show 1, cancelled 1', async () => {
    server = await startServer();
    server.clock.t = at('07:00');
    const honoured = await book(server, { slot: '08:00', n: 1 });
    await book(server, { slot: '08:15', n: 2 }); // never comes
    const cancelled = await book(server, { slot: '09:00', n: 3 });
    await server.app.parts.bookings.cancel(cancelled.code, null);
    server.clock.t = at('07:55');
    const kiosk = await server.device('kiosk1');
    const checked = await must(kiosk, 'booking:check-in', { requestId: 'export-0000001', code: honoured.code }) as BookingCheckedIn;
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    server.clock.t = at('08:10');
    await must(officer, 'ticket:call', { ticketId: checked.ticket.id });
    await must(officer, 'ticket:start', {});
    await must(officer, 'ticket:finish', {});
    server.clock.t = at('08:40');
    expect(await server.app.parts.bookings.sweep()).toBe(1);

    const token = await server.login('quanly');
    const get = (path: string) => fetch(`${server!.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const api = ((await (await get('/api/manager/bookings?from=2026-11-23&to=2026-11-23')).json()) as { data: { total: { made: number } } }).data;
    expect(api.total).toMatchObject({ made: 3, honoured: 1, noShow: 1, cancelled: 1, open: 0, onTimeShare: 1, waitFromSlot: { count: 1, avgSec: 600 } });

    const res = await get('/api/manager/reports/export.xlsx?from=2026-11-23&to=2026-11-23');
    expect(res.status).toBe(200);
    const book2 = new ExcelJS.Workbook();
    await book2.xlsx.load(await res.arrayBuffer());
    expect(book2.worksheets.map((w) => w.name)).toContain('Đặt lịch');
    expect(book2.worksheets.map((w) => w.name).at(-1)).toBe('Danh sách phiếu');
    const sheet = book2.getWorksheet('Đặt lịch')!;
    const rows = (sheet.getSheetValues().filter(Array.isArray) as unknown[][]).map((r) => r.slice(1));
    expect(rows[0]).toEqual(['Ngày', 'Số lịch đã đặt', 'Đã đến lấy số', 'Vắng mặt', 'Đã hủy', 'Chưa đến giờ', 'Đến đúng giờ (%)', 'Số phiếu đã gọi', 'Chờ từ giờ hẹn TB (phút)', 'Chờ từ giờ hẹn, trung vị (phút)', 'Chờ từ giờ hẹn, P90 (phút)']);
    // The day is a real date cell (sortable, filterable by month in Excel), not the text "2026-11-23".
    expect(rows[1]).toEqual([new Date('2026-11-23T00:00:00Z'), 3, 1, 1, 1, 0, 100, 1, 10, 10, 10]);
    expect(sheet.getCell('A2').numFmt).toBe('dd/mm/yyyy');
    expect(rows[2]![0]).toBe('Tổng cộng');
    expect(rows[2]!.slice(1)).toEqual([3, 1, 1, 1, 0, 100, 1, 10, 10, 10]);

    const csv = await (await get('/api/manager/reports/export.csv?from=2026-11-23&to=2026-11-23&table=bookings')).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Số lịch đã đặt');
    expect(lines[1]).toBe('2026-11-23,3,1,1,1,0,100,1,10,10,10');
    // Excel's Vietnamese CSV: the day as a Vietnamese reader writes it, the total's label untouched.
    const viCsv = await (await get('/api/manager/reports/export.csv?from=2026-11-23&to=2026-11-23&table=bookings&variant=excel-vi')).text();
    const viLines = viCsv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(viLines[1]).toBe('23/11/2026;3;1;1;1;0;100;1;10;10;10');
    expect(viLines[2]).toBe('Tổng cộng;3;1;1;1;0;100;1;10;10;10');
  });

  it('a range without bookings: no "Đặt lịch" sheet; the table is empty', async () => {
    expect(bookingTable({ total: bookingFigures([], () => null), days: [] }).rows).toEqual([]);
    server = await startServer();
    const kiosk = await server.device('kiosk1');
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'export-0000002' });
    const token = await server.login('quanly');
    const res = await fetch(`${server.url}/api/manager/reports/export.xlsx?from=2026-11-23&to=2026-11-23`, { headers: { authorization: `Bearer ${token}` } });
    const book2 = new ExcelJS.Workbook();
    await book2.xlsx.load(await res.arrayBuffer());
    expect(book2.worksheets.map((w) => w.name)).not.toContain('Đặt lịch');
  });
});
