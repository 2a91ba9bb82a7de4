// The procedure catalog in the column layout of the national procedure database's export (Cơ sở
// dữ liệu quốc gia về thủ tục hành chính): Mã thủ tục, Tên thủ tục, Cấp thực hiện, Lĩnh vực, Cơ quan
// thực hiện… There "Lĩnh vực" is a field's NAME and the agency is a name too: each row is placed in
// the center's service of that name (compared without diacritics or case), the agency deciding
// between two services of the same name; an optional "Mã lĩnh vực" column (a service code of the
// center) overrides both. Title rows above the header are skipped. Pure; all-or-nothing, like the
// plain CSV import.
import type { CsvProblem, Procedure } from './procedures.ts';
import { csvRows, MAX_PROCEDURES, ProcedureSchema } from './procedures.ts';
import { foldText } from './catalog-search/normalize.ts';

interface CenterService { code: string; departmentCode: string; nameVi: string }
interface CenterDepartment { code: string; nameVi: string }

const COLUMNS = {
  code: ['mã thủ tục', 'ma thu tuc', 'mã tthc', 'mã'],
  name: ['tên thủ tục', 'ten thu tuc', 'tên tthc', 'tên thủ tục hành chính'],
  field: ['lĩnh vực', 'linh vuc', 'tên lĩnh vực'],
  agency: ['cơ quan thực hiện', 'co quan thuc hien', 'cơ quan giải quyết'],
  serviceCode: ['mã lĩnh vực', 'ma linh vuc', 'mã lĩnh vực tại trung tâm'],
} as const;

/** Whether a CSV's header (or a row near the top) is the national database's layout. */
export function isNationalLayout(text: string): boolean {
  const head = text.replace(/^\uFEFF/, '').normalize('NFC').split(/\r?\n/, 8).join('\n').toLowerCase();
  return head.includes('tên thủ tục') && (head.includes('cơ quan thực hiện') || head.includes('cấp thực hiện'));
}

export function parseNationalProceduresCsv(
  text: string, center: { services: readonly CenterService[]; departments: readonly CenterDepartment[] },
): { ok: true; procedures: Procedure[] } | { ok: false; problems: CsvProblem[] } {
  const clean = text.replace(/^\uFEFF/, '').normalize('NFC');
  const firstLines = clean.split(/\r?\n/, 8);
  const headerText = firstLines.find((l) => l.toLowerCase().includes('tên thủ tục')) ?? '';
  const rows = csvRows(clean, headerText.includes(';') && !headerText.includes(',') ? ';' : ',');
  const headerAt = rows.findIndex((r) => r.cells.some((c) => COLUMNS.name.includes(c.trim().toLowerCase() as never)));
  if (headerAt < 0) return { ok: false, problems: [{ line: 1, message: 'không thấy dòng tiêu đề có cột "Tên thủ tục"' }] };
  const header = rows[headerAt]!;
  const body = rows.slice(headerAt + 1);
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const col = (k: keyof typeof COLUMNS) => names.findIndex((n) => (COLUMNS[k] as readonly string[]).includes(n));
  const at = { code: col('code'), name: col('name'), field: col('field'), agency: col('agency'), serviceCode: col('serviceCode') };
  const missing = [at.code < 0 ? 'Mã thủ tục' : '', at.field < 0 && at.serviceCode < 0 ? 'Lĩnh vực' : ''].filter(Boolean);
  if (missing.length > 0) return { ok: false, problems: [{ line: header.line, message: `thiếu cột: ${missing.join(', ')}` }] };
  if (body.length > MAX_PROCEDURES) return { ok: false, problems: [{ line: body[MAX_PROCEDURES]!.line, message: `quá ${MAX_PROCEDURES} thủ tục` }] };

  const byCode = new Map(center.services.map((s) => [s.code, s]));
  const byName = new Map<string, CenterService[]>();
  for (const s of center.services) byName.set(foldText(s.nameVi), [...(byName.get(foldText(s.nameVi)) ?? []), s]);
  const departmentName = new Map(center.departments.map((d) => [d.code, foldText(d.nameVi)]));
  const problems: CsvProblem[] = [];
  const procedures: Procedure[] = [];
  const seen = new Map<string, number>();
  for (const row of body) {
    const get = (i: number) => (i < 0 ? '' : (row.cells[i] ?? '').trim());
    const fieldName = get(at.field);
    let service: CenterService | undefined;
    if (get(at.serviceCode) !== '') {
      service = byCode.get(get(at.serviceCode).toUpperCase());
      if (!service) { problems.push({ line: row.line, message: `không có lĩnh vực mã ${get(at.serviceCode)}` }); continue; }
    } else {
      const candidates = byName.get(foldText(fieldName)) ?? [];
      const agency = foldText(get(at.agency));
      const chosen = candidates.length > 1 && agency !== '' ? candidates.filter((s) => agency.includes(departmentName.get(s.departmentCode) ?? '\u0000')) : candidates;
      if (chosen.length !== 1) {
        problems.push({ line: row.line, message: chosen.length === 0
          ? `không có lĩnh vực tên "${fieldName}" ở trung tâm (đặt tên lĩnh vực trùng, hoặc thêm cột "Mã lĩnh vực")`
          : `có ${chosen.length} lĩnh vực tên "${fieldName}": thêm cột "Mã lĩnh vực" để chọn` });
        continue;
      }
      service = chosen[0]!;
    }
    const parsed = ProcedureSchema.safeParse({ code: get(at.code), name: get(at.name), serviceCode: service.code, departmentCode: service.departmentCode });
    if (!parsed.success) { problems.push({ line: row.line, message: parsed.error.issues.map((i) => i.message).join('; ') }); continue; }
    const p = parsed.data;
    if (seen.has(p.code)) problems.push({ line: row.line, message: `mã thủ tục ${p.code} trùng với dòng ${seen.get(p.code)}` });
    else { seen.set(p.code, row.line); procedures.push(p); }
  }
  if (procedures.length === 0 && problems.length === 0) problems.push({ line: header.line, message: 'không có thủ tục nào sau dòng tiêu đề' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, procedures };
}
