// The province catalog <-> an .xlsx workbook, with exceljs (the mapping itself, sheets, headers and
// where a problem is, is core/hub-catalog-sheets.ts). The workbook is parsed here at the hub, not in
// the browser: exceljs stays out of /province's bundle (it is most of a megabyte), and the one
// schema with its Vietnamese messages checks the catalog where it is published, whatever sent it.
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { CATALOG_SHEETS, catalogToSheets, sheetsToCatalog } from '@core/hub-catalog-sheets.ts';
import type { SheetCell, SheetRow, SheetsRead } from '@core/hub-catalog-sheets.ts';
import type { ProvinceCatalog } from '@core/hub-catalog.ts';
import { fill } from '@core/i18n.ts';
import { vietnameseDateTime } from '@core/report-tables.ts';
import { catalogSheets as t } from '@core/text/hub.ts';
import type { CatalogVersion } from './catalog.ts';

/** Loaded on the first use, not at the hub's start. */
const excel = async () => (await import('exceljs')).default;
const EMPTY: ProvinceCatalog = { departments: [], services: [], procedures: [], synonyms: [], ratingReasons: [] };

/**
 * The latest version (or, with none yet, an empty template) as a workbook. exceljs's streaming
 * writer: three times faster than its workbook in memory (ten thousand procedures in ~2 s, not ~6,
 * on the busy 2-core machine).
 */
export async function catalogWorkbook(latest: CatalogVersion | null): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const book = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = 'Lượt';
  const about = book.addWorksheet(t.about.vi);
  about.getColumn(1).width = 110;
  about.addRow([latest
    ? fill(t.aboutVersion.vi, { version: latest.version, at: vietnameseDateTime(Date.parse(latest.publishedAt)), by: latest.publishedBy })
    : t.aboutEmpty.vi]).font = { bold: true };
  about.addRow([t.aboutHint.vi]).alignment = { wrapText: true };
  about.commit();
  for (const { def, rows } of catalogToSheets(latest?.catalog ?? EMPTY)) {
    const ws = book.addWorksheet(def.name.vi, { views: [{ state: 'frozen', ySplit: 1 }] });
    // Codes stay text in Excel (a code "01" is not the number 1).
    ws.columns = def.columns.map((col) => ({ header: col.header.vi, width: col.width, style: col.kind === 'text' || col.kind === 'list' ? { numFmt: '@' } : {} }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.commit();
    for (const row of rows) ws.addRow(row).commit();
    ws.commit();
  }
  await book.commit();
  return Buffer.concat(chunks);
}

/** A workbook's bytes → the catalog, or the problem and where it is (nothing is published either way). */
export async function readCatalogWorkbook(bytes: Buffer): Promise<SheetsRead> {
  const book = new (await excel()).Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, problem: { sheet: '', row: null, column: null, message: t.notWorkbook } };
  }
  const wanted = new Set(CATALOG_SHEETS.map((d) => d.name.vi.toLowerCase()));
  const sheets = new Map<string, SheetRow[]>();
  for (const ws of book.worksheets) {
    if (!wanted.has(ws.name.normalize('NFC').trim().toLowerCase())) continue;
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: SheetCell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => { cells[col - 1] = plain(cell.value); });
      for (let i = 0; i < cells.length; i += 1) cells[i] ??= null;
      rows.push({ number, cells });
    });
    sheets.set(ws.name, rows);
  }
  return sheetsToCatalog(sheets);
}

/** exceljs's cell values (rich text, formulas, links, dates…) as what a person sees in the cell. */
function plain(v: ExcelJS.CellValue): SheetCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : plain(v.text as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return plain((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('error' in v) return String(v.error);
  return null;
}
