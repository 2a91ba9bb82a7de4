// The procedure catalog (thủ tục hành chính): imported from a CSV so officers pick the procedure
// from a list when finishing a ticket. Parsing is pure; every bad row is reported with its line.
import { z } from 'zod';

export const ProcedureSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'mã thủ tục 1–64 ký tự: chữ không dấu, số, . _ -'),
  name: z.string().min(1, 'thiếu tên thủ tục').max(500),
  /** The service (lĩnh vực) code it belongs to. */
  serviceCode: z.string().min(1).max(24),
  departmentCode: z.string().min(1).max(16),
});
export type Procedure = z.infer<typeof ProcedureSchema>;

export const MAX_PROCEDURES_CSV_BYTES = 2 * 1024 * 1024;
export const MAX_PROCEDURES = 10_000;

/** Accepted header names per column, English or Vietnamese (compared without case). */
const HEADERS: Record<keyof Procedure, string[]> = {
  code: ['code', 'mã', 'mã thủ tục'],
  name: ['name', 'tên', 'tên thủ tục'],
  serviceCode: ['field', 'lĩnh vực', 'linh vuc', 'service'],
  departmentCode: ['department', 'sở/ngành', 'cơ quan'],
};

export interface CsvProblem {
  line: number;
  message: string;
}

/** RFC 4180 rows with their starting line numbers (quoted fields may hold commas and newlines). */
export function csvRows(text: string, separator = ','): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 1; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line += 1; cell += ch; }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === separator) { cells.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      cells.push(cell);
      rows.push({ line: start, cells });
      cells = [];
      cell = '';
      line += 1;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) { cells.push(cell); rows.push({ line: start, cells }); }
  return rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

/**
 * The catalog from a CSV with a header row (code, name, field, department — or their Vietnamese
 * names). Any bad row refuses the whole file, each problem named with its line.
 */
export function parseProceduresCsv(
  text: string, known: { services: ReadonlySet<string>; departments: ReadonlySet<string> },
): { ok: true; procedures: Procedure[] } | { ok: false; problems: CsvProblem[] } {
  const clean = text.replace(/^\uFEFF/, '').normalize('NFC');
  // Excel in a Vietnamese locale separates with ";" (the decimal mark is ","): read the header to know.
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const rows = csvRows(clean, firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',');
  const header = rows.shift();
  if (!header) return { ok: false, problems: [{ line: 1, message: 'tệp trống' }] };
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const column = {} as Record<keyof Procedure, number>;
  const missing: string[] = [];
  for (const key of Object.keys(HEADERS) as (keyof Procedure)[]) {
    column[key] = names.findIndex((n) => HEADERS[key].includes(n));
    if (column[key] < 0) missing.push(HEADERS[key][0]!);
  }
  if (missing.length > 0) return { ok: false, problems: [{ line: header.line, message: `thiếu cột: ${missing.join(', ')}` }] };
  if (rows.length > MAX_PROCEDURES) return { ok: false, problems: [{ line: rows[MAX_PROCEDURES]!.line, message: `quá ${MAX_PROCEDURES} thủ tục` }] };
  const problems: CsvProblem[] = [];
  const procedures: Procedure[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const get = (k: keyof Procedure) => (row.cells[column[k]] ?? '').trim();
    const parsed = ProcedureSchema.safeParse({ code: get('code'), name: get('name'), serviceCode: get('serviceCode').toUpperCase(), departmentCode: get('departmentCode').toUpperCase() });
    if (!parsed.success) { problems.push({ line: row.line, message: parsed.error.issues.map((i) => i.message).join('; ') }); continue; }
    const p = parsed.data;
    if (!known.services.has(p.serviceCode)) problems.push({ line: row.line, message: `không có lĩnh vực ${p.serviceCode}` });
    else if (!known.departments.has(p.departmentCode)) problems.push({ line: row.line, message: `không có sở, ngành ${p.departmentCode}` });
    else if (seen.has(p.code)) problems.push({ line: row.line, message: `mã thủ tục ${p.code} trùng với dòng ${seen.get(p.code)}` });
    else { seen.set(p.code, row.line); procedures.push(p); }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, procedures };
}
