// The province catalog as a workbook, for the province's managers who live in Excel: one sheet per
// part (departments, services, procedures, synonyms, rating reasons), Vietnamese headers, one row
// per item, lists in one cell joined with "; ". Pure: the hub reads and writes the .xlsx itself
// (hub/catalog-xlsx.ts) and hands this module plain rows of cells.
//
// Reading checks the catalog with the same schema as the JSON (ProvinceCatalogSchema) and turns the
// first problem into where it is in the file: the sheet, the row as Excel numbers it and the column's
// header ("Trang 'Lĩnh vực', dòng 7, cột 'Mã sở, ngành': không có sở, ngành X"). Columns are found
// by their header, so a manager may reorder them or add a column of notes.
import { fill } from './i18n.ts';
import type { Params, Text } from './i18n.ts';
import { ProvinceCatalogSchema } from './hub-catalog.ts';
import type { ProvinceCatalog } from './hub-catalog.ts';
import { catalogSheets as t } from './text/hub.ts';
import { vietnameseIssueMessage } from './zod-vietnamese.ts';

/** What a cell holds once read: exceljs's values reduced to these by the hub. */
export type SheetCell = string | number | boolean | null;
export interface SheetRow { number: number; cells: SheetCell[] }
export type CatalogPart = 'departments' | 'services' | 'procedures' | 'synonyms' | 'ratingReasons';

type Kind = 'text' | 'int' | 'number' | 'list' | 'yesno' | 'kind';
export interface SheetColumn {
  field: string;
  header: Text;
  kind: Kind;
  width: number;
  /** The field has a default: the column may be missing and a cell left blank. */
  optional?: boolean;
  /** A blank cell is this value (an empty expansion is allowed), not a missing one. */
  blank?: string;
}
export interface SheetDef { part: CatalogPart; name: Text; columns: SheetColumn[] }

const c = (field: string, header: Text, kind: Kind, width: number, more: Partial<SheetColumn> = {}): SheetColumn => ({ field, header, kind, width, ...more });

export const CATALOG_SHEETS: readonly SheetDef[] = [
  { part: 'departments', name: t.departments, columns: [
    c('code', t.departmentCode, 'text', 14), c('nameVi', t.nameVi, 'text', 40), c('nameEn', t.nameEn, 'text', 36),
    c('kind', t.kind, 'kind', 14, { optional: true }), c('order', t.order, 'int', 9, { optional: true }),
  ] },
  { part: 'services', name: t.services, columns: [
    c('code', t.serviceCode, 'text', 14), c('departmentCode', t.departmentCode, 'text', 14),
    c('nameVi', t.nameVi, 'text', 40), c('nameEn', t.nameEn, 'text', 32), c('prefix', t.prefix, 'text', 10),
    c('targetWaitMin', t.targetWaitMin, 'int', 14, { optional: true }), c('defaultServiceMin', t.defaultServiceMin, 'number', 16, { optional: true }),
    c('order', t.order, 'int', 9, { optional: true }), c('active', t.active, 'yesno', 10, { optional: true }),
  ] },
  { part: 'procedures', name: t.procedures, columns: [
    c('code', t.procedureCode, 'text', 18), c('name', t.procedureName, 'text', 70),
    c('serviceCode', t.serviceCode, 'text', 14), c('departmentCode', t.departmentCode, 'text', 14),
  ] },
  { part: 'synonyms', name: t.synonyms, columns: [
    c('terms', t.terms, 'list', 40), c('expansion', t.expansion, 'text', 40, { blank: '' }),
    c('targets', t.targets, 'list', 30, { optional: true }),
  ] },
  { part: 'ratingReasons', name: t.ratingReasons, columns: [
    c('code', t.code, 'text', 18), c('nameVi', t.nameVi, 'text', 40), c('nameEn', t.nameEn, 'text', 36),
  ] },
];

export const LIST_SEPARATOR = '; ';

/** One sheet's rows as written: the headers, then one row per item in the catalog's order. */
export function catalogToSheets(catalog: ProvinceCatalog): { def: SheetDef; rows: SheetCell[][] }[] {
  return CATALOG_SHEETS.map((def) => ({
    def,
    rows: (catalog[def.part] as readonly object[]).map((item) => def.columns.map((col) => writeCell((item as Record<string, unknown>)[col.field], col))),
  }));
}

function writeCell(value: unknown, col: SheetColumn): SheetCell {
  if (value === undefined || value === null) return null;
  switch (col.kind) {
    case 'list': return (value as string[]).join(LIST_SEPARATOR);
    case 'yesno': return value ? t.yes.vi : t.no.vi;
    case 'kind': return value === 'central' ? t.kindCentral.vi : t.kindDepartment.vi;
    default: return value as string | number;
  }
}

export interface SheetProblem {
  sheet: string;
  row: number | null;
  column: string | null;
  message: Text;
}
export type SheetsRead = { ok: true; catalog: ProvinceCatalog } | { ok: false; problem: SheetProblem };

/** The problem as a person reads it, in one language. */
export function problemText(p: SheetProblem, lang: 'vi' | 'en'): string {
  if (p.sheet === '') return p.message[lang];
  const template = p.row === null ? t.atSheet : p.column === null ? t.atRow : t.atCell;
  return fill(template[lang], { sheet: p.sheet, row: p.row ?? '', column: p.column ?? '', message: p.message }, lang);
}

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The catalog from the sheets of a workbook (by sheet name, each sheet's rows in order; the first
 * row with anything in it is the header), checked whole, or the first problem and where it is.
 */
export function sheetsToCatalog(sheets: ReadonlyMap<string, readonly SheetRow[]>): SheetsRead {
  const byName = new Map([...sheets].map(([name, rows]) => [norm(name), rows]));
  const input: Record<string, unknown[]> = {};
  const rowsOf: Record<string, number[]> = {};
  for (const def of CATALOG_SHEETS) {
    const sheet = def.name.vi;
    const rows = byName.get(norm(sheet));
    if (!rows) return fail({ sheet: '', row: null, column: null, message: fillBoth(t.missingSheet, { sheet }) });
    const filled = rows.filter((r) => r.cells.some((x) => !isBlank(x)));
    const [header, ...body] = filled;
    const at = new Map((header?.cells ?? []).map((h, i) => [norm(String(h ?? '')), i]));
    const index = new Map<string, number>();
    for (const col of def.columns) {
      const i = at.get(norm(col.header.vi));
      if (i !== undefined) index.set(col.field, i);
      else if (!col.optional) return fail({ sheet: '', row: null, column: null, message: fillBoth(t.missingColumn, { sheet, column: col.header.vi }) });
    }
    input[def.part] = [];
    rowsOf[def.part] = [];
    for (const row of body) {
      const item: Record<string, unknown> = {};
      for (const col of def.columns) {
        const i = index.get(col.field);
        if (i === undefined) continue;
        const read = readCell(row.cells[i] ?? null, col);
        if ('problem' in read) return fail({ sheet, row: row.number, column: col.header.vi, message: read.problem });
        if (read.value !== undefined) item[col.field] = read.value;
      }
      input[def.part]!.push(item);
      rowsOf[def.part]!.push(row.number);
    }
  }
  // Vietnamese messages whatever the process configured: a schema's own message still wins.
  const parsed = ProvinceCatalogSchema.safeParse(input, { error: (issue) => vietnameseIssueMessage(issue) });
  if (parsed.success) return { ok: true, catalog: parsed.data };
  const issue = parsed.error.issues[0]!;
  const [part, index, field] = issue.path;
  const def = CATALOG_SHEETS.find((d) => d.part === part);
  const message = { vi: issue.message, en: issue.message };
  if (!def) return fail({ sheet: '', row: null, column: null, message });
  const row = typeof index === 'number' ? rowsOf[def.part]![index] ?? null : null;
  // An issue about a whole item (a duplicate code) points at the item's first column, its code.
  const col = typeof field === 'string' ? def.columns.find((x) => x.field === field) : row === null ? undefined : def.columns[0];
  return fail({ sheet: def.name.vi, row, column: col?.header.vi ?? null, message });
}

const fail = (problem: SheetProblem): SheetsRead => ({ ok: false, problem });
const fillBoth = (text: Text, params: Params): Text => ({ vi: fill(text.vi, params, 'vi'), en: fill(text.en, params, 'en') });
const isBlank = (x: SheetCell) => x === null || (typeof x === 'string' && x.trim() === '');

type Read = { value: unknown } | { problem: Text };

function readCell(cell: SheetCell, col: SheetColumn): Read {
  if (isBlank(cell)) return { value: col.kind === 'list' ? [] : col.blank ?? undefined };
  const text = typeof cell === 'string' ? cell.trim() : String(cell);
  switch (col.kind) {
    case 'text': return { value: text };
    case 'list': return { value: text.split(/[;\n]/).map((x) => x.trim()).filter((x) => x !== '') };
    case 'int':
    case 'number': {
      // Vietnamese Excel writes 7,5 for 7.5 when a number was typed as text.
      const n = typeof cell === 'number' ? cell : Number(text.replace(',', '.'));
      return Number.isFinite(n) ? { value: n } : { problem: t.notNumber };
    }
    case 'yesno': {
      if (typeof cell === 'boolean') return { value: cell };
      const v = norm(text);
      if ([t.yes.vi, t.yes.en, 'x', '1', 'true'].includes(v)) return { value: true };
      if ([t.no.vi, t.no.en, '0', 'false'].includes(v)) return { value: false };
      return { problem: fillBoth(t.badKind, { a: t.yes.vi, b: t.no.vi }) };
    }
    case 'kind': {
      const v = norm(text);
      if (v === norm(t.kindDepartment.vi) || v === 'department') return { value: 'department' };
      if (v === norm(t.kindCentral.vi) || v === 'central') return { value: 'central' };
      return { problem: fillBoth(t.badKind, { a: t.kindDepartment.vi, b: t.kindCentral.vi }) };
    }
  }
}
