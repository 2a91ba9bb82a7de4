// The sheet "Đặt lịch hẹn" of the province's XLSX export: the province's total, then every site,
// then every site × service, with the booking figures of a site's own report and the show-up share.
// Durations in minutes, shares in percent, as the other sheets.
import type { Cell, Column } from '@core/report-tables.ts';
import { provinceBookings as b } from '@core/text/hub.ts';
import type { XlsxWriter } from '../server/export/files.ts';
import type { HubBookingFigures, HubBookingReport } from './bookings-report.ts';

const min = (sec: number | null) => (sec === null ? null : Math.round((sec / 60) * 10) / 10);
const share = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

export const BOOKING_COLUMNS: Column[] = [
  { header: b.site.vi, kind: 'text', width: 28 }, { header: b.service.vi, kind: 'text', width: 28 },
  { header: b.made.vi, kind: 'int', width: 10 }, { header: b.honoured.vi, kind: 'int', width: 12 },
  { header: b.noShow.vi, kind: 'int', width: 10 }, { header: b.cancelled.vi, kind: 'int', width: 10 },
  { header: b.open.vi, kind: 'int', width: 12 }, { header: `${b.showUp.vi} (%)`, kind: 'decimal', width: 12 },
  { header: `${b.onTime.vi} (%)`, kind: 'decimal', width: 14 }, { header: b.waitAvg.vi, kind: 'decimal', width: 18 },
  { header: b.waitMedian.vi, kind: 'decimal', width: 18 }, { header: b.waitP90.vi, kind: 'decimal', width: 18 },
];

export function bookingCells(f: HubBookingFigures): Cell[] {
  return [
    f.made, f.honoured, f.noShow, f.cancelled, f.open, share(f.showUpShare), share(f.onTimeShare),
    min(f.waitFromSlot.avgSec), min(f.waitFromSlot.medianSec), min(f.waitFromSlot.p90Sec),
  ];
}

export function writeBookingSheet(book: XlsxWriter, r: HubBookingReport, site: (code: string | null) => string): void {
  const s = book.sheet(b.title.vi, BOOKING_COLUMNS);
  s.add([b.total.vi, '', ...bookingCells(r.totals)]);
  for (const g of r.bySite) s.add([site(g.site), '', ...bookingCells(g)]);
  for (const g of r.bySiteService) s.add([site(g.site), g.name, ...bookingCells(g)]);
  s.end();
}
