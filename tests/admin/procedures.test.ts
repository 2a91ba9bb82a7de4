// The procedure catalog: the CSV parser on plain text, then the import over the real admin API
// and the officers' pick list.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvRows, parseProceduresCsv } from '@core/procedures.ts';
import { startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

const known = { services: new Set(['DATDAI', 'HOTICH']), departments: new Set(['STNMT', 'STP']) };

describe('procedure CSV', () => {
  it('reads quoted fields, a BOM, CRLF, Vietnamese headers and ";" from Excel', () => {
    const csv = '\uFEFFcode,name,field,department\r\n1.001,"Đăng ký khai sinh, có yếu tố nước ngoài",hotich,STP\r\n2.002,"Cấp giấy ""đỏ""\r\nlần đầu",DATDAI,stnmt\r\n';
    const out = parseProceduresCsv(csv, known);
    expect(out).toEqual({ ok: true, procedures: [
      { code: '1.001', name: 'Đăng ký khai sinh, có yếu tố nước ngoài', serviceCode: 'HOTICH', departmentCode: 'STP' },
      { code: '2.002', name: 'Cấp giấy "đỏ"\r\nlần đầu', serviceCode: 'DATDAI', departmentCode: 'STNMT' },
    ] });
    const excel = 'Mã thủ tục;Tên thủ tục;Lĩnh vực;Sở/ngành\n3.003;Chứng thực bản sao, điện tử;HOTICH;STP\n';
    expect(parseProceduresCsv(excel, known)).toMatchObject({ ok: true, procedures: [{ code: '3.003', name: 'Chứng thực bản sao, điện tử' }] });
  });

  it('reports every bad row with its line number and imports nothing', () => {
    const csv = [
      'code,name,field,department',
      '1.001,Khai sinh,HOTICH,STP',
      'bad code!,Tên,HOTICH,STP',
      '1.002,,HOTICH,STP',
      '1.003,Đất,XAYDUNG,STNMT',
      '1.004,Đất,DATDAI,SXD',
      '1.001,Khai sinh lại,HOTICH,STP',
    ].join('\n');
    const out = parseProceduresCsv(csv, known);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.problems).toEqual([
      { line: 3, message: 'mã thủ tục 1–64 ký tự: chữ không dấu, số, . _ -' },
      { line: 4, message: 'thiếu tên thủ tục' },
      { line: 5, message: 'không có lĩnh vực XAYDUNG' },
      { line: 6, message: 'không có sở, ngành SXD' },
      { line: 7, message: 'mã thủ tục 1.001 trùng với dòng 2' },
    ]);
  });

  it('needs its header and knows multi-line rows by their first line', () => {
    expect(parseProceduresCsv('ma,ten\n1,2\n', known)).toEqual({ ok: false, problems: [{ line: 1, message: 'thiếu cột: code, name, field, department' }] });
    expect(parseProceduresCsv('', known)).toEqual({ ok: false, problems: [{ line: 1, message: 'tệp trống' }] });
    expect(csvRows('a,"x\ny"\nb,c\n').map((r) => r.line)).toEqual([1, 3]);
  });
});

describe('import over the admin API', () => {
  let server: TestServer;
  let admin: string;
  beforeEach(async () => {
    server = await startServer();
    admin = await server.login('admin');
  });
  afterEach(async () => { await server.close(); });

  const post = async (body: string, token = admin) => {
    const res = await fetch(`${server.url}/api/admin/procedures`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body });
    return { status: res.status, body: (await res.json()) as { ok: boolean; code?: string; message?: string; issues?: { path: string; message: string }[] } };
  };

  it('imports a clean file live; officers get the list of their ticket’s service; audited by count', async () => {
    const res = await post('code,name,field,department\n1.001,Đăng ký khai sinh,HOTICH,STP\n2.001,Cấp giấy chứng nhận quyền sử dụng đất,DATDAI,STNMT\n');
    expect(res.status).toBe(200);
    const officer = await server.login('canbo1');
    const list = await (await fetch(`${server.url}/api/procedures?service=HOTICH`, { headers: { authorization: `Bearer ${officer}` } })).json();
    expect(list).toEqual({ ok: true, data: [{ code: '1.001', name: 'Đăng ký khai sinh', serviceCode: 'HOTICH', departmentCode: 'STP' }] });
    expect((await fetch(`${server.url}/api/procedures`)).status).toBe(401);
    const audit = await (await fetch(`${server.url}/api/admin/audit`, { headers: { authorization: `Bearer ${admin}` } })).json() as { data: { action: string; after: unknown }[] };
    expect(audit.data[0]).toMatchObject({ action: 'procedures:put', after: { count: 2 } });
    await server.restart();
    expect(server.app.parts.config.current.procedures).toHaveLength(2);
  });

  it('refuses a malformed file with line numbers, and an oversized one; nothing changes', async () => {
    const bad = await post('code,name,field,department\n1.001,Khai sinh,HOTICH,STP\n1.002,Đất,NOPE,STNMT\n');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'PROCEDURES_INVALID', message: 'Tệp danh mục thủ tục có 1 dòng lỗi, chưa nhập gì', issues: [{ path: 'dòng 3', message: 'không có lĩnh vực NOPE' }] });
    const huge = 'code,name,field,department\n' + '1.001,' + 'x'.repeat(2 * 1024 * 1024) + ',HOTICH,STP\n';
    expect((await post(huge)).body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(server.app.parts.config.current.procedures).toEqual([]);
    expect((await post('code,name,field,department\n', await server.login('quanly'))).status).toBe(403);
  });
});
