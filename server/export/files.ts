// Writing tables out: CSV (UTF-8 with a BOM, so Excel shows Vietnamese correctly; CRLF; RFC 4180
// quoting; comma- or, for Vietnamese Excel, semicolon-separated) and XLSX (exceljs, streamed, so a
// long range of tickets never sits in memory at once).
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { Cell, Column, Table } from '@core/report-tables.ts';
import type { CsvVariant } from '@core/protocol.ts';
import { localDateTime, vietnameseDate, vietnameseDateTime } from '@core/report-tables.ts';
import { VN_OFFSET_MS } from '@core/time.ts';

export const BOM = '\uFEFF';

/**
 * A text starting with = + - @ is written with a leading apostrophe: a spreadsheet would otherwise
 * run it as a formula (a comment typed by a citizen is text, not a command).
 */
function defused(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/*
 * Which CSV (CsvVariant, core/protocol.ts): `standard` (RFC 4180: `,` between cells, `.` in decimals, ISO dates; for systems and
 * English-locale spreadsheets) or `excel-vi` (what Excel on a Vietnamese Windows opens as columns:
 * `;` between cells, `,` in decimals, dates dd/mm/yyyy).
 */

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function csvCell(value: Cell, column: Column, variant: CsvVariant = 'standard'): string {
  if (value === null || value === '') return '';
  const vi = variant === 'excel-vi';
  let text: string;
  if (column.kind === 'time' && typeof value === 'number') text = vi ? vietnameseDateTime(value) : localDateTime(value);
  // A total row's label ("Tổng cộng") in a date column stays as it is.
  else if (column.kind === 'date' && typeof value === 'string' && vi && ISO_DAY.test(value)) text = vietnameseDate(value);
  else if (typeof value === 'number') text = vi ? String(value).replace('.', ',') : String(value);
  else text = defused(value);
  const separator = vi ? ';' : ',';
  return text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: Cell[], columns: Column[], variant: CsvVariant = 'standard'): string {
  return cells.map((c, i) => csvCell(c, columns[i]!, variant)).join(variant === 'excel-vi' ? ';' : ',') + '\r\n';
}

export function csvHeader(columns: Column[], variant: CsvVariant = 'standard'): string {
  const text: Column = { header: '', kind: 'text', width: 0 };
  return BOM + columns.map((c) => csvCell(c.header, text, variant)).join(variant === 'excel-vi' ? ';' : ',') + '\r\n';
}

const NUMBER_FORMAT: Record<Column['kind'], string | undefined> = {
  text: undefined, int: '0', decimal: '0.0##', time: 'dd/mm/yyyy hh:mm:ss', date: 'dd/mm/yyyy',
};

function xlsxValue(value: Cell, column: Column): ExcelJS.CellValue {
  if (value === null || value === '') return null;
  // Excel has no time zones: the wall-clock time in Vietnam, stored as if it were UTC.
  if (column.kind === 'time' && typeof value === 'number') return new Date(value + VN_OFFSET_MS);
  // A real date cell (sortable, filterable by month), not the text "2026-11-23".
  if (column.kind === 'date' && typeof value === 'string' && ISO_DAY.test(value)) return new Date(`${value}T00:00:00Z`);
  return typeof value === 'string' ? defused(value) : value;
}

export class XlsxWriter {
  private readonly book: ExcelJS.stream.xlsx.WorkbookWriter;

  private constructor(book: ExcelJS.stream.xlsx.WorkbookWriter) {
    this.book = book;
    this.book.creator = 'Lượt';
  }

  /** exceljs is loaded on the first export, not at start: it alone took a quarter of the start. */
  static async open(out: Writable): Promise<XlsxWriter> {
    const { default: excel } = await import('exceljs');
    return new XlsxWriter(new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false }));
  }

  /** Start a sheet; rows are committed one by one, then the sheet with end(). */
  sheet(name: string, columns: Column[]): { add(cells: Cell[]): void; end(): void } {
    const ws = this.book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: NUMBER_FORMAT[c.kind] ? { numFmt: NUMBER_FORMAT[c.kind] } : {} }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.commit();
    return {
      add: (cells) => ws.addRow(cells.map((v, i) => xlsxValue(v, columns[i]!))).commit(),
      end: () => ws.commit(),
    };
  }

  table(t: Table): void {
    const s = this.sheet(t.sheet, t.columns);
    for (const row of t.rows) s.add(row);
    s.end();
  }

  finish(): Promise<void> {
    return this.book.commit();
  }
}
