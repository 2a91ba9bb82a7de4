// The booking figures of a range as an export table (the XLSX sheet "Đặt lịch", the CSV table
// `bookings`): one line per day with bookings (a real date cell), then the total. Durations in minutes, shares in
// percent, as the other report tables. Pure.
import { col } from '../report-tables.ts';
import type { Cell, Table } from '../report-tables.ts';
import { bookingReportHeaders as H } from '../text/booking-report.ts';
import type { BookingFigures } from './report.ts';

export interface BookingRangeFigures {
  total: BookingFigures;
  days: { day: string; figures: BookingFigures }[];
}

const minutes = (sec: number | null) => (sec === null ? null : Math.round(sec / 6) / 10);
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

function cells(f: BookingFigures): Cell[] {
  return [
    f.made, f.honoured, f.noShow, f.cancelled, f.open, percent(f.onTimeShare),
    f.waitFromSlot.count, minutes(f.waitFromSlot.avgSec), minutes(f.waitFromSlot.medianSec), minutes(f.waitFromSlot.p90Sec),
  ];
}

export function bookingTable(range: BookingRangeFigures): Table {
  return {
    id: 'bookings', sheet: H.sheet,
    columns: [
      col(H.day, 'date', 12), col(H.made, 'int'), col(H.honoured, 'int'), col(H.noShow, 'int'), col(H.cancelled, 'int'), col(H.open, 'int'),
      col(H.onTime, 'decimal', 16), col(H.waited, 'int', 16), col(H.waitAvg, 'decimal', 18), col(H.waitMedian, 'decimal', 18), col(H.waitP90, 'decimal', 18),
    ],
    rows: range.days.length === 0 ? [] : [...range.days.map((d) => [d.day, ...cells(d.figures)]), [H.total, ...cells(range.total)]],
  };
}
