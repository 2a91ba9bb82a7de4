// Writing tables out: CSV (UTF-8 with a BOM, so Excel shows Vietnamese correctly; CRLF; RFC 4180
// quoting) and XLSX (exceljs, streamed, so a long range of tickets never sits in memory at once).
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { Cell, Column, Table } from '@core/report-tables.ts';
import { localDateTime } from '@core/report-tables.ts';
import { VN_OFFSET_MS } from '@core/time.ts';

export const BOM = '\uFEFF';

/**
 * A text starting with = + - @ is written with a leading apostrophe: a spreadsheet would otherwise
 * run it as a formula (a comment typed by a citizen is text, not a command).
 */
function defused(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(value: Cell, column: Column): string {
  if (value === null || value === '') return '';
  let text: string;
  if (column.kind === 'time' && typeof value === 'number') text = localDateTime(value);
  else if (typeof value === 'number') text = String(value);
  else text = defused(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: Cell[], columns: Column[]): string {
  return cells.map((c, i) => csvCell(c, columns[i]!)).join(',') + '\r\n';
}

export function csvHeader(columns: Column[]): string {
  return BOM + columns.map((c) => csvCell(c.header, { header: '', kind: 'text', width: 0 })).join(',') + '\r\n';
}

const NUMBER_FORMAT: Record<Column['kind'], string | undefined> = {
  text: undefined, int: '0', decimal: '0.0##', time: 'dd/mm/yyyy hh:mm:ss',
};

function xlsxValue(value: Cell, column: Column): ExcelJS.CellValue {
  if (value === null || value === '') return null;
  // Excel has no time zones: the wall-clock time in Vietnam, stored as if it were UTC.
  if (column.kind === 'time' && typeof value === 'number') return new Date(value + VN_OFFSET_MS);
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
