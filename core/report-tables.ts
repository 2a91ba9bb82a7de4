// Reports as tables for the exported files (CSV and XLSX): Vietnamese headers, durations in
// minutes, shares in percent. Pure: the server only writes them out.
import type { ExportTable } from './protocol.ts';
import type { Figures, GroupFigures, Report } from './reports.ts';
import { exportHeaders as H } from './text/manager.ts';
import { VN_OFFSET_MS } from './time.ts';

/** `time` cells hold epoch ms and are written as local date-times; `date` cells a local day YYYY-MM-DD. */
export type CellKind = 'text' | 'int' | 'decimal' | 'time' | 'date';
export type Cell = string | number | null;

export interface Column {
  header: string;
  kind: CellKind;
  /** Characters, for XLSX column widths. */
  width: number;
}

export interface Table {
  id: ExportTable;
  sheet: string;
  columns: Column[];
  rows: Cell[][];
}

export const col = (header: string, kind: CellKind = 'text', width = 14): Column => ({ header, kind, width });
const minutes = (sec: number | null) => (sec === null ? null : Math.round(sec / 6) / 10);
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
const decimal2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

const FIGURE_COLUMNS: Column[] = [
  col(H.issued, 'int'), col(H.served, 'int'), col(H.noShow, 'int'), col(H.cancelled, 'int'), col(H.expired, 'int'),
  col(H.transferred, 'int'), col(H.waitAvg, 'decimal'), col(H.waitMedian, 'decimal'), col(H.waitP90, 'decimal'),
  col(H.serviceAvg, 'decimal'), col(H.withinTarget, 'decimal'), col(H.ratings, 'int'), col(H.ratingAvg, 'decimal'),
  col(H.satisfied, 'decimal'), col(H.unanswered, 'int'),
];

function figureCells(f: Figures): Cell[] {
  return [
    f.issued, f.served, f.noShow, f.cancelled, f.expired, f.transferred,
    minutes(f.wait.avgSec), minutes(f.wait.medianSec), minutes(f.wait.p90Sec), minutes(f.service.avgSec),
    percent(f.withinTarget), f.rating.scored, decimal2(f.rating.average), percent(f.rating.satisfiedShare), f.rating.unanswered,
  ];
}

function groupTable(id: ExportTable, sheet: string, groups: GroupFigures[], keyHeader: string, keyOf: (key: string) => Cell = (k) => k): Table {
  return {
    id, sheet, columns: [col(keyHeader, 'text', 12), col(H.name, 'text', 36), ...FIGURE_COLUMNS],
    rows: groups.map((g) => [keyOf(g.key), g.nameVi, ...figureCells(g)]),
  };
}

export const WEEKDAYS_VI = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

/**
 * Every summary table of a report, in workbook order. Officers are listed by name, with their
 * username as the code (`usernameOf`; their ids are random and mean nothing to a reader).
 */
export function reportTables(report: Report, usernameOf: (id: string) => string | null = () => null): Table[] {
  const t = report.totals;
  const summary: Table = {
    id: 'summary', sheet: 'Tổng hợp', columns: [col(H.figure, 'text', 40), col(H.value, 'text', 24)],
    rows: [
      [H.from, vietnameseDate(report.query.from)], [H.to, vietnameseDate(report.query.to)],
      ...FIGURE_COLUMNS.map((c, i): Cell[] => [c.header, figureCells(t)[i] ?? null]),
    ],
  };
  const hours: Table = {
    id: 'hours', sheet: 'Theo thứ và giờ',
    columns: [col(H.weekday, 'text', 10), ...Array.from({ length: 24 }, (_, h) => col(`${String(h).padStart(2, '0')}h`, 'int', 6))],
    rows: report.heatmap.map((hoursOfDay, i) => [WEEKDAYS_VI[i]!, ...hoursOfDay]),
  };
  const levels = ['1 - Rất không hài lòng', '2 - Không hài lòng', '3 - Bình thường', '4 - Hài lòng', '5 - Rất hài lòng'];
  const ratings: Table = {
    id: 'ratings', sheet: 'Đánh giá', columns: [col(H.ratingLabel, 'text', 36), col(H.count, 'int', 12)],
    rows: [
      ...levels.map((label, i): Cell[] => [label, t.rating.distribution[i]!]),
      [H.unanswered, t.rating.unanswered],
      ...report.reasons.map((r): Cell[] => [`${H.reasons}: ${r.nameVi}`, r.count]),
    ],
  };
  return [
    summary,
    groupTable('departments', 'Theo sở, ngành', report.byDepartment, H.code),
    groupTable('services', 'Theo lĩnh vực', report.byService, H.code),
    groupTable('procedures', 'Theo thủ tục', report.byProcedure, H.procedureCode),
    groupTable('counters', 'Theo quầy', report.byCounter, H.counter),
    groupTable('officers', 'Theo cán bộ', report.byOfficer, H.username, (id) => usernameOf(id) ?? ''),
    {
      id: 'daily', sheet: 'Theo ngày', columns: [col(H.day, 'date', 12), ...FIGURE_COLUMNS],
      rows: report.daily.map((d) => [d.day, ...figureCells(d)]),
    },
    hours,
    ratings,
  ];
}

/** A local date-time as text: 2026-11-23 09:14:05. */
export function localDateTime(at: number): string {
  return new Date(at + VN_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** A local day as a Vietnamese reader writes it: 2026-11-23 → 23/11/2026. */
export function vietnameseDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** A local date-time as a Vietnamese reader writes it: 23/11/2026 09:14:05. */
export function vietnameseDateTime(at: number): string {
  const text = localDateTime(at);
  return `${vietnameseDate(text.slice(0, 10))} ${text.slice(11)}`;
}
