// Live configuration changes over the real admin REST API and real sockets: written to disk
// first, then every connected screen sees them without reconnecting; refusals change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnySnapshot, AuditEntry, CreatedDevice } from '@core/protocol.ts';
import type { DisplaySettings } from '@core/lobby-views.ts';
import { connect, must, PASSWORD, send, startServer } from '../helpers/server.ts';
import { adminApi } from '../helpers/admin-api.ts';
import type { Client, TestServer } from '../helpers/server.ts';

let server: TestServer;
let admin: string;
beforeEach(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterEach(async () => { await server.close(); });

const api = adminApi(() => server.url, () => admin);

const NEW_SERVICE = { code: 'DKKD', departmentCode: 'STP', nameVi: 'Đăng ký kinh doanh', nameEn: 'Business registration', prefix: 'K' };
const NEW_COUNTER = { number: 9, nameVi: 'Quầy số 9', nameEn: 'Counter 9', zone: 'T1', services: [{ serviceCode: 'DKKD', weight: 1 }] };

/** Every snapshot the socket receives from now on. */
function snapshots(socket: Client): AnySnapshot[] {
  const seen: AnySnapshot[] = [];
  socket.on('snapshot', (s) => seen.push(s));
  return seen;
}

const configFile = () => readFile(join(server.dataDir, 'config.json'), 'utf8');

describe('live configuration', () => {
  it('a kiosk sees a new service, and a board a new counter, without reconnecting', async () => {
    const kiosk = await server.device('kiosk1');
    const board = await server.device('display-T1');
    const kioskSeen = snapshots(kiosk);
    const boardSeen = snapshots(board);
    const settings: DisplaySettings[] = [];
    board.on('display:settings', (s) => settings.push(s));

    expect((await api('PUT', '/services/DKKD', NEW_SERVICE)).status).toBe(200);
    await expect.poll(() => kioskSeen.some((s) => s.role === 'kiosk' && s.catalog.services.some((x) => x.code === 'DKKD'))).toBe(true);
    expect((await api('PUT', '/counters/9', NEW_COUNTER)).status).toBe(200);
    await expect.poll(() => boardSeen.some((s) => s.role === 'display' && s.display.counters.some((c) => c.number === 9))).toBe(true);
    await expect.poll(() => settings.length).toBeGreaterThan(0);
    expect(kiosk.connected && board.connected).toBe(true);

    // On disk before anyone was told, and so after a restart too.
    expect(JSON.parse(await configFile()).services.map((s: { code: string }) => s.code)).toContain('DKKD');
    // The kiosk can issue for it and an officer at the new counter calls it.
    const ticket = await must(kiosk, 'ticket:issue', { serviceCode: 'DKKD', requestId: 'req-dkkd-0001' });
    expect(ticket.ticket.number).toBe('K-001');
    expect(ticket.counters).toEqual([9]);
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 9 });
    expect((await must(officer, 'ticket:call-next', {})).number).toBe('K-001');

    await server.restart();
    expect(server.app.parts.config.index.service.has('DKKD')).toBe(true);
    expect(server.app.parts.config.index.counter.get(9)?.zone).toBe('T1');
  });

  it('an officer at a counter that takes on another service hears of its tickets at once', async () => {
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const counter1 = server.config.counters.find((c) => c.number === 1)!;
    expect((await api('PUT', '/counters/1', { ...counter1, services: [...counter1.services, { serviceCode: 'LLTP', weight: 2 }] })).status).toBe(200);
    const issued: string[] = [];
    officer.on('ticket:issued', (t) => issued.push(t.number));
    const kiosk = await server.device('kiosk1');
    await must(kiosk, 'ticket:issue', { serviceCode: 'LLTP', requestId: 'req-lltp-0001' });
    await expect.poll(() => issued).toEqual(['C-001']);
  });

  it('refusals write nothing and change nothing', async () => {
    const before = await configFile();
    const kiosk = await server.device('kiosk1');
    const seen = snapshots(kiosk);

    const clash = await api('PUT', '/services/DKKD', { ...NEW_SERVICE, prefix: 'A' });
    expect(clash.status).toBe(400);
    expect(clash.body).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    // The body check's details come from zod: in Vietnamese, never zod's English (issue 17).
    const voice = await api('PUT', '/voice', { engine: 'espeak', rate: 999, nope: 1 });
    expect(voice.status).toBe(400);
    expect(voice.text).toContain('tối đa là 260');
    expect(voice.text).toContain('có trường không được chấp nhận: nope');
    expect(voice.text).not.toMatch(/Too big|Invalid input|Unrecognized key|expected/i);
    expect(clash.text).toContain('lĩnh vực DKKD “Đăng ký kinh doanh”: tiền tố số thứ tự A trùng với lĩnh vực DATDAI “Đất đai”');
    expect((await api('PUT', '/services/DKKD', { ...NEW_SERVICE, prefix: 'k1' })).status).toBe(400);
    expect((await api('PUT', '/services/XYZ', NEW_SERVICE)).status).toBe(400);
    expect((await api('PUT', '/counters/1', { ...NEW_COUNTER, number: 1, services: [{ serviceCode: 'NOPE', weight: 1 }] })).status).toBe(400);
    expect((await api('DELETE', '/services/LLTP')).status).toBe(400); // counter 3 serves it

    // A service with a waiting citizen cannot go, even once no counter serves it.
    await must(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: 'req-hotich-001' });
    const withoutHotich = { ...server.config, services: server.config.services.filter((s) => s.code !== 'HOTICH'),
      counters: server.config.counters.map((c) => ({ ...c, services: c.services.filter((s) => s.serviceCode !== 'HOTICH') })) };
    const waiting = await api('PUT', '/config', withoutHotich);
    expect(waiting.status).toBe(409);
    expect(waiting.body).toMatchObject({ code: 'SERVICE_HAS_WAITING', message: 'Lĩnh vực HOTICH còn 1 phiếu đang chờ hoặc đang phục vụ, hãy chuyển hoặc phục vụ xong trước khi xóa' });

    const officer = await server.officer(3);
    await must(officer, 'counter:open', { counter: 3 });
    const withoutCounter3 = { ...server.config, counters: server.config.counters.filter((c) => c.number !== 3) };
    expect((await api('PUT', '/config', withoutCounter3)).body).toMatchObject({ code: 'COUNTER_IN_USE' });

    expect(await configFile()).toBe(before);
    expect(server.app.parts.config.current).toEqual(server.config);
    expect(seen).toEqual([]);
    expect((await api<AuditEntry[]>('GET', '/audit')).body.data).toEqual([]);
  });

  it('only admins may change the configuration', async () => {
    const manager = await server.login('quanly');
    expect((await api('PUT', '/services/DKKD', NEW_SERVICE, manager)).status).toBe(403);
    expect((await api('GET', '/config', undefined, 'x'.repeat(40))).status).toBe(401);
  });
});

describe('users, devices and the audit log', () => {
  it('creates, disables and resets users; the last admin stays', async () => {
    const created = await api<{ id: string }>('POST', '/users', { username: 'canbo9', displayName: 'Cán bộ 9', role: 'officer', password: 'mat-khau-moi-9', counters: [2] });
    expect(created.status).toBe(201);
    expect((await api('POST', '/users', { username: 'CANBO9', displayName: 'X', role: 'officer', password: 'mat-khau-moi-9' })).body.code).toBe('USERNAME_TAKEN');
    const id = created.body.data.id;
    const login = (password: string) => fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'canbo9', password }) });
    expect((await login('mat-khau-moi-9')).status).toBe(200);

    expect((await api('POST', `/users/${id}/password`, { password: 'mat-khau-khac-9' })).status).toBe(200);
    expect((await login('mat-khau-moi-9')).status).toBe(401);
    const session = ((await (await login('mat-khau-khac-9')).json()) as { data: { token: string } }).data.token;
    const socket = await connect(server.url, { sessionToken: session });
    expect((await api('PATCH', `/users/${id}`, { disabled: true })).status).toBe(200);
    await expect.poll(() => socket.connected).toBe(false);
    expect((await login('mat-khau-khac-9')).status).toBe(401);

    const adminId = server.app.parts.accounts.users().find((u) => u.username === 'admin')!.id;
    expect((await api('PATCH', `/users/${adminId}`, { disabled: true })).body).toMatchObject({ code: 'LAST_ADMIN', message: 'Không thể khóa hoặc hạ quyền quản trị viên cuối cùng' });
    expect((await api('PATCH', `/users/${adminId}`, { role: 'manager' })).body.code).toBe('LAST_ADMIN');
    expect(server.app.parts.accounts.user(adminId)).toMatchObject({ role: 'admin', disabled: false });
  });

  it('a new device gets its token once with a pairing link and QR; revoking it disconnects it', async () => {
    const res = await api<CreatedDevice>('POST', '/devices', { kind: 'display', name: 'Màn hình tầng 3', zone: 'T2' });
    expect(res.status).toBe(201);
    const { token, link, qr, device } = res.body.data;
    expect(link).toBe(`${server.url}/display#device=${token}`);
    expect(qr).toMatch(/^data:image\/png;base64,/);
    expect(JSON.stringify((await api('GET', '/devices')).body.data)).not.toContain(token);
    const board = await connect(server.url, { deviceToken: token });
    expect((await send(board, 'snapshot:get', {})).ok).toBe(true);
    expect((await api('DELETE', `/devices/${device.id}`)).status).toBe(200);
    await expect.poll(() => board.connected).toBe(false);
    await expect(connect(server.url, { deviceToken: token })).rejects.toThrow('DEVICE_REVOKED');
  });

  it('every admin action is in the audit log with who, what, before and after; CSV with a BOM', async () => {
    await api('PUT', '/services/DKKD', NEW_SERVICE);
    await api('PUT', '/services/DKKD', { ...NEW_SERVICE, nameVi: 'Đăng ký doanh nghiệp' });
    await api('POST', '/users', { username: 'canbo9', displayName: 'Cán bộ 9', role: 'officer', password: PASSWORD });
    const log = (await api<AuditEntry[]>('GET', '/audit')).body.data;
    expect(log.map((e) => e.action)).toEqual(['user:create', 'service:put', 'service:put']);
    expect(log[1]).toMatchObject({ actor: { username: 'admin' }, target: 'DKKD', before: { nameVi: 'Đăng ký kinh doanh' }, after: { nameVi: 'Đăng ký doanh nghiệp' } });
    expect(JSON.stringify(log)).not.toContain(PASSWORD);
    const lines = (await readFile(join(server.dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(3);
    const csv = await api('GET', '/audit.csv');
    expect(csv.text.startsWith('\uFEFFThời điểm / Time,')).toBe(true);
    expect(csv.text).toContain('Đăng ký doanh nghiệp');
  });
});

describe('other sections', () => {
  it('departments, center information and the priority mix change live and are audited', async () => {
    const dept = { code: 'SXD', nameVi: 'Sở Xây dựng', nameEn: 'Construction', kind: 'department', order: 3 };
    expect((await api('PUT', '/departments/SXD', dept)).status).toBe(200);
    expect((await api('PUT', '/services/XAYDUNG', { ...NEW_SERVICE, code: 'XAYDUNG', departmentCode: 'SXD', prefix: 'X' })).status).toBe(200);
    expect((await api('DELETE', '/departments/SXD')).body.code).toBe('VALIDATION_FAILED'); // a service still belongs to it

    const center = { ...server.config.center, nameVi: 'Trung tâm mới', holidays: ['2026-12-25'], defaultWindows: [{ start: '07:00', end: '12:00' }, { start: '11:00', end: '17:00' }] };
    const overlap = await api('PUT', '/center', center);
    expect(overlap.status).toBe(400);
    expect(overlap.text).toContain('chồng nhau');
    expect((await api('PUT', '/center', { ...center, defaultWindows: [{ start: '07:00', end: '11:00' }] })).status).toBe(200);
    const kiosk = await server.device('kiosk1');
    const snap = await send(kiosk, 'snapshot:get', {});
    expect(snap.ok && 'catalog' in snap.data && snap.data.catalog.center.nameVi).toBe('Trung tâm mới');

    const priority = { priorityCategories: [...server.config.priorityCategories, { code: 'pregnant', nameVi: 'Phụ nữ mang thai', nameEn: 'Pregnant women' }], routing: { normalPerPriority: 3, maxWaitRule: false, transferPlacement: 'front' } };
    expect((await api('PUT', '/priority', priority)).status).toBe(200);
    expect(server.app.parts.config.index.priority.has('pregnant')).toBe(true);
    expect(server.app.parts.config.current.routing.normalPerPriority).toBe(3);
    const log = (await api<AuditEntry[]>('GET', '/audit')).body.data;
    expect(log.map((e) => e.action)).toEqual(['priority:put', 'center:put', 'service:put', 'department:put']);
  });

  it('rating labels and reasons reach the pads live; a wrong number of levels is refused', async () => {
    const pad = await server.device('pad1');
    const seen = snapshots(pad);
    const rating = { ...server.config.rating, reasons: [...server.config.rating.reasons, { code: 'parking', nameVi: 'Chỗ để xe', nameEn: 'Parking' }] };
    expect((await api('PUT', '/rating', { ...rating, levels: rating.levels.slice(0, 4) })).status).toBe(400);
    expect((await api('PUT', '/rating', rating)).status).toBe(200);
    await expect.poll(() => seen.some((s) => s.role === 'rating' && s.rating.settings.reasons.some((r) => r.code === 'parking'))).toBe(true);
  });

  it("a manager's notice goes the same way: on disk, on the boards, in the audit log", async () => {
    const manager = await server.login('quanly');
    const res = await fetch(`${server.url}/api/manager/notice`, { method: 'PUT', headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' }, body: JSON.stringify({ notice: 'Nghỉ Tết từ 14/2' }) });
    expect(res.status).toBe(200);
    expect(JSON.parse(await configFile()).display.notice).toBe('Nghỉ Tết từ 14/2');
    const log = (await api<AuditEntry[]>('GET', '/audit')).body.data;
    expect(log[0]).toMatchObject({ actor: { username: 'quanly' }, action: 'notice:put', after: 'Nghỉ Tết từ 14/2' });
  });

  it('a stored section set aside at start is written back as it was, not replaced by defaults', async () => {
    const stored = JSON.parse(await configFile());
    stored.voice = { template: 'Mời số {so}' }; // unknown placeholder: set aside, chime only
    await server.restart({ whileDown: () => server.store.writeConfig(stored) });
    admin = await server.login('admin');
    expect((await api('PUT', '/services/DKKD', NEW_SERVICE)).status).toBe(200);
    const after = JSON.parse(await configFile());
    expect(after.voice).toEqual({ template: 'Mời số {so}' });
    expect(after.services.map((s: { code: string }) => s.code)).toContain('DKKD');
  });
});
