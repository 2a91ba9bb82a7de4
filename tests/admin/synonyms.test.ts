// The synonym dictionary over the admin API, and the procedure import in the national database's
// column layout: bad files refused whole with line numbers, good ones live, audited, kept on restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isNationalLayout, parseNationalProceduresCsv } from '@core/procedures-national.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

type Body = { ok: boolean; code?: string; message?: string; issues?: { path: string; message: string }[]; data?: { text: string; entries: unknown[] } };

describe('GET/PUT /api/admin/synonyms', () => {
  let server: TestServer;
  let admin: string;
  beforeEach(async () => {
    server = await startServer();
    admin = await server.login('admin');
  });
  afterEach(async () => { await server.close(); });

  const call = async (method: string, body?: unknown, token = admin) => {
    const res = await fetch(`${server.url}/api/admin/synonyms`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Body };
  };

  it('saves a dictionary live, answers it as text, audits the lines changed, keeps it after a restart', async () => {
    const put = await call('PUT', { text: '# từ điển\ncccd, cmnd => căn cước\nsổ đỏ => giấy chứng nhận quyền sử dụng đất | DATDAI\n' });
    expect(put.status).toBe(200);
    expect(server.app.parts.config.current.synonyms).toEqual([
      { terms: ['cccd', 'cmnd'], expansion: 'căn cước', targets: [] },
      { terms: ['sổ đỏ'], expansion: 'giấy chứng nhận quyền sử dụng đất', targets: ['DATDAI'] },
    ]);
    const got = await call('GET');
    expect(got.body.data!.text).toBe('cccd, cmnd => căn cước\nsổ đỏ => giấy chứng nhận quyền sử dụng đất | DATDAI');
    const audit = await (await fetch(`${server.url}/api/admin/audit`, { headers: { authorization: `Bearer ${admin}` } })).json() as { data: { action: string; before: unknown; after: unknown }[] };
    expect(audit.data[0]).toMatchObject({ action: 'synonyms:put', before: { count: 0, removed: [] }, after: { count: 2, added: ['cccd, cmnd => căn cước', 'sổ đỏ => giấy chứng nhận quyền sử dụng đất | DATDAI'] } });
    await server.restart();
    expect(server.app.parts.config.current.synonyms).toHaveLength(2);
  });

  it('refuses a text with bad lines, naming each line, and changes nothing; checks the body and the role', async () => {
    await call('PUT', { text: 'cccd => căn cước' });
    const bad = await call('PUT', { text: 'a => b\nkhông mũi tên\nc => d | NOPE\nA => trùng' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'SYNONYMS_INVALID', message: 'Từ điển từ đồng nghĩa có 3 dòng lỗi, chưa lưu gì' });
    expect(bad.body.issues!.map((i) => i.path)).toEqual(['dòng 2', 'dòng 3', 'dòng 4']);
    expect(server.app.parts.config.current.synonyms).toEqual([{ terms: ['cccd'], expansion: 'căn cước', targets: [] }]);
    expect((await call('PUT', { text: 42 })).body.code).toBe('VALIDATION_FAILED');
    expect((await call('PUT', { text: 'x', extra: 1 })).body.code).toBe('VALIDATION_FAILED');
    expect((await call('PUT', { text: 'a => b\n'.repeat(40_000) })).status).toBe(400);
    expect((await call('GET', undefined, await server.login('quanly'))).status).toBe(403);
  });
});

describe('search:data over Socket.IO', () => {
  let server: TestServer;
  beforeEach(async () => { server = await startServer(); });
  afterEach(async () => { await server.close(); });

  it('a counter console and a kiosk get the procedures, the dictionary and the departments; a saved dictionary gives both a new version at once', async () => {
    const officer = await server.officer(1);
    const kiosk = await server.device('kiosk1');
    const counterVersion = async () => { const s = await must(officer, 'snapshot:get', { view: 'counter' }); if (s.role !== 'counter') throw new Error(s.role); return s.counter.searchVersion; };
    const before = await must(officer, 'search:data', {});
    expect(before.departments.map((d) => d.code)).toEqual(['STNMT', 'STP']);
    expect(before.synonyms).toEqual([]);
    expect(await counterVersion()).toBe(before.version);
    // The officer's console is sent its new picture (and version) without asking.
    const pushed = new Promise<string>((resolve) => officer.on('snapshot', (s) => { if (s.role === 'counter' && s.counter.searchVersion !== before.version) resolve(s.counter.searchVersion); }));
    const admin = await server.login('admin');
    const res = await fetch(`${server.url}/api/admin/synonyms`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ text: 'cccd => căn cước' }) });
    expect(res.status).toBe(200);
    const after = await must(kiosk, 'search:data', {});
    expect(after.synonyms).toEqual([{ terms: ['cccd'], expansion: 'căn cước', targets: [] }]);
    expect(after.version).not.toBe(before.version);
    expect(await pushed).toBe(after.version);
    expect(await counterVersion()).toBe(after.version);
  });
});

describe('the national procedure database layout', () => {
  const center = {
    services: [
      { code: 'STP.HT', departmentCode: 'STP', nameVi: 'Hộ tịch' },
      { code: 'SNNMT.DD', departmentCode: 'SNNMT', nameVi: 'Đất đai' },
      { code: 'THUE.DD', departmentCode: 'THUE', nameVi: 'Đất đai' },
    ],
    departments: [{ code: 'STP', nameVi: 'Sở Tư pháp' }, { code: 'SNNMT', nameVi: 'Sở Nông nghiệp và Môi trường' }, { code: 'THUE', nameVi: 'Thuế tỉnh' }],
  };
  const header = 'STT,Mã thủ tục,Tên thủ tục,Cấp thực hiện,Loại thủ tục,Lĩnh vực,Cơ quan thực hiện';

  it('is recognised by its columns; rows go to the service named by the field (the agency decides a tie)', () => {
    const csv = `DANH MỤC THỦ TỤC HÀNH CHÍNH\n${header}\n1,1.004837,Đăng ký khai sinh,Cấp Xã,TTHC được luân chuyển,Hộ tịch,Ủy ban nhân dân cấp xã\n2,1.012345,"Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",Cấp Tỉnh,,Đất đai,Sở Nông nghiệp và Môi trường\n`;
    expect(isNationalLayout(csv)).toBe(true);
    expect(isNationalLayout('code,name,field,department\n')).toBe(false);
    expect(parseNationalProceduresCsv(csv, center)).toEqual({ ok: true, procedures: [
      { code: '1.004837', name: 'Đăng ký khai sinh', serviceCode: 'STP.HT', departmentCode: 'STP' },
      { code: '1.012345', name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', serviceCode: 'SNNMT.DD', departmentCode: 'SNNMT' },
    ] });
  });

  it('refuses the whole file, with line numbers, when a field is unknown or ambiguous or a code repeats', () => {
    const csv = `${header}\n1,1.1,Khai sinh,Cấp Xã,,Hộ tịch,UBND\n2,1.2,Việc gì đó,Cấp Tỉnh,,Không có,Sở X\n3,1.3,Đất,Cấp Tỉnh,,Đất đai,Ủy ban nhân dân tỉnh\n4,1.1,Khai sinh lại,Cấp Xã,,Hộ tịch,UBND\n`;
    const out = parseNationalProceduresCsv(csv, center);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(!out.ok && out.problems[1]!.message).toContain('Mã lĩnh vực');
  });
});
