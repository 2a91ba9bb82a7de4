// Reports as tables for the exported files (CSV and XLSX): Vietnamese headers, durations in
// minutes, shares in percent. Pure: the server only writes them out.
import type { ExportTable } from './protocol.ts';
import type { Figures, GroupFigures, Report } from './reports.ts';
import type { ServiceRecordBody } from './service-record.ts';
import { exportHeaders as H, outcomeText } from './text/manager.ts';
import { VN_OFFSET_MS } from './time.ts';

/** `time` cells hold epoch ms and are written as local date-times. */
export type CellKind = 'text' | 'int' | 'decimal' | 'time';
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

const col = (header: string, kind: CellKind = 'text', width = 14): Column => ({ header, kind, width });
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

function groupTable(id: ExportTable, sheet: string, groups: GroupFigures[], keyHeader: string): Table {
  return {
    id, sheet, columns: [col(keyHeader, 'text', 12), col(H.name, 'text', 36), ...FIGURE_COLUMNS],
    rows: groups.map((g) => [g.key, g.nameVi, ...figureCells(g)]),
  };
}

export const WEEKDAYS_VI = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

/** Every summary table of a report, in workbook order. */
export function reportTables(report: Report): Table[] {
  const t = report.totals;
  const summary: Table = {
    id: 'summary', sheet: 'Tổng hợp', columns: [col(H.figure, 'text', 40), col(H.value, 'text', 24)],
    rows: [
      ['Từ ngày', report.query.from], ['Đến ngày', report.query.to],
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
    groupTable('counters', 'Theo quầy', report.byCounter, H.counter),
    groupTable('officers', 'Theo cán bộ', report.byOfficer, H.code),
    {
      id: 'daily', sheet: 'Theo ngày', columns: [col(H.day, 'text', 12), ...FIGURE_COLUMNS],
      rows: report.daily.map((d) => [d.day, ...figureCells(d)]),
    },
    hours,
    ratings,
  ];
}

export const TICKET_SHEET = 'Danh sách phiếu';

export const TICKET_COLUMNS: Column[] = [
  col(H.day, 'text', 11), col(H.number, 'text', 9), col(H.departmentCode, 'text', 10), col(H.department, 'text', 30),
  col(H.serviceCode, 'text', 12), col(H.service, 'text', 28), col(H.issuedFor, 'text', 12), col(H.priority, 'text', 12),
  col(H.procedure, 'text', 18), col(H.dossierCodes, 'text', 30), col(H.counter, 'int', 6), col(H.officer, 'text', 24),
  col(H.issuedAt, 'time', 18), col(H.calledAt, 'time', 18), col(H.startedAt, 'time', 18), col(H.finishedAt, 'time', 18),
  col(H.waitMin, 'decimal', 10), col(H.serviceMin, 'decimal', 10), col(H.outcome, 'text', 16), col(H.transfers, 'text', 24),
  col(H.score, 'int', 8), col(H.ratingLabel, 'text', 18), col(H.reasons, 'text', 24), col(H.comment, 'text', 40),
];

const instant = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/**
 * One exported line per service record (the same record the dossier system receives), without the
 * ticket id: it is the secret of the ticket's status page, and these files travel.
 */
export function ticketCells(r: Omit<ServiceRecordBody, 'outcome'> & { outcome: ServiceRecordBody['outcome'] | null }): Cell[] {
  return [
    r.day, r.ticketNumber, r.departmentCode, r.departmentName, r.serviceCode, r.serviceName,
    r.issuedForService === r.serviceCode ? '' : r.issuedForService, r.priority ?? '', r.procedureCode ?? '',
    r.dossierCodes.join('; '), r.counter, r.officerName ?? '',
    instant(r.issuedAt), instant(r.calledAt), instant(r.startedAt), instant(r.finishedAt),
    minutes(r.waitingSeconds), minutes(r.serviceSeconds), outcomeText[r.outcome ?? 'open'].vi,
    r.transfers.map((x) => `${x.fromService} → ${x.toService}`).join('; '),
    r.rating?.score ?? null, r.rating ? r.rating.label ?? 'Không trả lời' : '', r.rating?.reasons.join('; ') ?? '',
    r.rating?.comment ?? '',
  ];
}

/** A local date-time as text: 2026-11-23 09:14:05. */
export function localDateTime(at: number): string {
  return new Date(at + VN_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
