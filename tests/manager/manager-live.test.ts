// The manager's live floor over real sockets: queues, counters and devices follow what kiosks and
// officers do; alerts appear for waits past target, long pauses, displays away and printer faults;
// the notice line reaches the boards at once and survives a restart. Manager or admin only.
import { afterEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PrinterTargetSchema } from '@core/config.ts';
import type { ManagerLive } from '@core/manager-live.ts';
import type { DisplaySettings } from '@core/lobby-views.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { connect, must, nextEvent, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { patient } from '../helpers/patience.ts';

let server: TestServer;
afterEach(async () => { await server?.close(); });
let seq = 0;
const tap = () => `live-${++seq}-tap`;

async function api(path: string, username: string | null, init: RequestInit = {}): Promise<{ status: number; body: { ok: boolean; code?: string; message?: string; data?: unknown } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (username) headers.authorization = `Bearer ${await server.login(username)}`;
  const res = await fetch(`${server.url}${path}`, { ...init, headers });
  return { status: res.status, body: (await res.json()) as { ok: boolean; code?: string; data?: unknown } };
}
const live = async (): Promise<ManagerLive> => (await api('/api/manager/live', 'quanly')).body.data as ManagerLive;

/** The next 'manager:live' for which `ok` holds (pushes come at most every 500 ms). */
function liveUntil(socket: Client, ok: (l: ManagerLive) => boolean, timeoutMs = 5000): Promise<ManagerLive> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { socket.off('manager:live', on); reject(new Error('no matching manager:live')); }, patient(timeoutMs));
    const on = (l: ManagerLive) => {
      if (!ok(l)) return;
      clearTimeout(timer);
      socket.off('manager:live', on);
      resolve(l);
    };
    socket.on('manager:live', on);
  });
}

describe('who may look', () => {
  it('nobody signed in: 401; an officer: 403; a manager and an admin: the floor', async () => {
    server = await startServer();
    expect((await api('/api/manager/live', null)).body).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    const officer = await api('/api/manager/live', 'canbo1');
    expect(officer.status).toBe(403);
    expect(officer.body.message).toBe('Tài khoản không có quyền thực hiện thao tác này');
    expect((await api('/api/manager/reports?from=2026-11-23&to=2026-11-23', 'canbo1')).status).toBe(403);
    expect((await api('/api/manager/live', 'quanly')).status).toBe(200);
    expect((await api('/api/manager/live', 'admin')).status).toBe(200);
    // An officer's socket never joins the managers' room, where the floor is pushed; a manager's does.
    const officerSocket = await server.officer(1);
    const managerSocket = await connect(server.url, { sessionToken: await server.login('quanly') });
    const room = server.app.io.sockets.adapter.rooms.get('managers') ?? new Set<string>();
    expect(room.has(managerSocket.id!)).toBe(true);
    expect(room.has(officerSocket.id!)).toBe(false);
  });
});

describe('the live floor', () => {
  it('follows a ticket issued and called, and which devices are connected', async () => {
    server = await startServer();
    const manager: Client = io(server.url, { auth: { sessionToken: await server.login('quanly') }, transports: ['websocket'], autoConnect: false, reconnection: false });
    const welcome = new Promise<ManagerLive>((resolve) => manager.once('manager:live', resolve));
    manager.connect();
    const first = await welcome; // sent on connect, before anything happened
    expect(first.totals.issued).toBe(0);
    expect(first.devices.find((d) => d.name === 'kiosk1')).toMatchObject({ online: false, seen: false });

    const kiosk = await server.device('kiosk1');
    await liveUntil(manager, (l) => l.devices.find((d) => d.name === 'kiosk1')!.online);
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    const issued = await liveUntil(manager, (l) => l.totals.issued === 2);
    expect(issued.services.find((s) => s.code === 'DATDAI')).toMatchObject({ waiting: 2, issuedToday: 2, targetWaitMin: 30, prefix: 'A' });

    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    await must(officer, 'ticket:call-next', {});
    const called = await liveUntil(manager, (l) => l.counters[0]!.current !== null);
    expect(called.counters[0]).toMatchObject({ number: 1, status: 'open', officerName: 'Cán bộ 1', current: { number: 'A-001', status: 'called' } });
    expect(called.services.find((s) => s.code === 'DATDAI')!.waiting).toBe(1);
    expect(called.totals).toMatchObject({ waiting: 1, serving: 1, openCounters: 1 });

    server.clock.advance(5 * 60_000);
    await must(officer, 'ticket:finish', {});
    const served = await liveUntil(manager, (l) => l.totals.served === 1);
    expect(served.counters[0]).toMatchObject({ servedToday: 1, avgServiceSec: 300, current: null });

    kiosk.close();
    const gone = await liveUntil(manager, (l) => !l.devices.find((d) => d.name === 'kiosk1')!.online);
    expect(gone.devices.find((d) => d.name === 'kiosk1')).toMatchObject({ kind: 'kiosk', seen: true, since: server.clock.now() });
    manager.close();
  });

  it('a kiosk away for a minute is an alert, like a display: a citizen cannot take a number there', async () => {
    server = await startServer();
    const kiosk = await server.device('kiosk1');
    expect((await live()).alerts.filter((a) => a.kind === 'kiosk-offline')).toEqual([]);
    kiosk.close();
    await expect.poll(async () => (await live()).devices.find((d) => d.name === 'kiosk1')!.online).toBe(false);
    expect((await live()).alerts.filter((a) => a.kind === 'kiosk-offline')).toEqual([]); // a reconnect is not an alert
    server.clock.advance(5 * 60_000);
    const alerts = (await live()).alerts.filter((a) => a.kind === 'kiosk-offline');
    expect(alerts.find((a) => a.text.vi.includes('kiosk1'))).toMatchObject({
      severity: 'warning', text: { vi: 'Kiosk “kiosk1” mất kết nối 5 phút', en: 'Kiosk “kiosk1” offline for 5 min' },
    });
    expect(alerts.find((a) => a.text.vi.includes('kiosk2'))!.text.vi).toContain('chưa kết nối từ khi máy chủ khởi động');
    await server.device('kiosk1');
    await expect.poll(async () => (await live()).alerts.some((a) => a.kind === 'kiosk-offline' && a.text.vi.includes('kiosk1'))).toBe(false);
  });

  it('raises alerts: waits past target, a long pause, a display away, a printer fault', async () => {
    const config = testCenterConfig();
    // kiosk1's printer is a port nobody listens on: every ticket it issues fails to print.
    config.printers = { kiosk1: PrinterTargetSchema.parse({ kind: 'network', url: 'tcp://127.0.0.1:9', timeoutMs: 300 }) };
    server = await startServer({ config });
    const kiosk = await server.device('kiosk1');
    const [display, officer] = await Promise.all([server.device('display-T2'), server.officer(2)]);
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    await must(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: tap() });
    await must(officer, 'counter:open', { counter: 2 });
    await must(officer, 'counter:pause', { reason: 'Họp giao ban' });
    expect((await live()).alerts.filter((a) => a.kind !== 'display-offline' && a.kind !== 'printer-fault')).toEqual([]);

    display.close();
    await expect.poll(async () => (await live()).devices.find((d) => d.name === 'display-T2')!.online).toBe(false);
    server.clock.advance(21 * 60_000); // HOTICH (20 min) is late, DATDAI (30 min) not yet
    let alerts = (await live()).alerts;
    expect(alerts.find((a) => a.kind === 'wait-over-target')).toMatchObject({ subject: 'HOTICH', text: { vi: 'Hộ tịch: 1 công dân chờ quá 20 phút (lâu nhất 21 phút)' } });
    expect(alerts.some((a) => a.kind === 'wait-over-target' && a.subject === 'DATDAI')).toBe(false);
    expect(alerts.find((a) => a.kind === 'counter-paused')).toMatchObject({ subject: '2', text: { vi: 'Quầy số 2 tạm dừng đã 21 phút (Họp giao ban)' } });
    expect(alerts.find((a) => a.kind === 'display-offline' && a.text.vi.includes('display-T2'))!.text.vi).toBe('Màn hình “display-T2” mất kết nối 21 phút');
    expect(alerts.find((a) => a.kind === 'display-offline' && a.text.vi.includes('display-all'))!.text.vi).toContain('chưa kết nối từ khi máy chủ khởi động');
    await expect.poll(async () => (await live()).alerts.find((a) => a.kind === 'printer-fault')?.text.vi, { timeout: 10_000 })
      .toMatch(/^Máy in của kiosk “kiosk1”: Máy in (không hoạt động|không phản hồi)/);
    expect((await live()).printers).toMatchObject([{ kiosk: 'kiosk1', printer: 'tcp://127.0.0.1:9', online: null }]);

    server.clock.advance(20 * 60_000); // 41 min: HOTICH past twice its target, DATDAI past its own
    alerts = (await live()).alerts;
    expect(alerts.filter((a) => a.kind === 'wait-over-target').map((a) => a.subject).sort()).toEqual(['DATDAI', 'HOTICH']);
    // Past twice the target the wait is critical, and critical alerts come first.
    expect(alerts.find((a) => a.subject === 'HOTICH')!.severity).toBe('critical');
    expect(alerts.find((a) => a.subject === 'DATDAI')!.severity).toBe('warning');
    expect(alerts[0]!.severity).toBe('critical');
  });
});

describe('the notice line on the boards', () => {
  it('reaches every board at once, is stored, and is still there after a restart', async () => {
    server = await startServer();
    const [all, t1] = await Promise.all([server.device('display-all'), server.device('display-T1')]);
    const onAll = nextEvent(all, 'display:settings');
    const onT1 = nextEvent(t1, 'display:settings');
    const text = 'Chiều thứ Sáu Trung tâm nghỉ để bảo trì hệ thống. Xin cảm ơn!';
    const saved = await api('/api/manager/notice', 'quanly', { method: 'PUT', body: JSON.stringify({ notice: `  ${text.normalize('NFD')} ` }) });
    expect(saved.body).toEqual({ ok: true, data: { notice: text } }); // trimmed, NFC
    expect((await onAll).notice).toBe(text);
    const zoned: DisplaySettings = await onT1;
    expect(zoned).toMatchObject({ notice: text, zone: 'T1' });
    expect(zoned.services.map((s) => s.code)).toEqual(['DATDAI', 'HOTICH']); // still only its zone's services
    expect((await live()).notice).toBe(text);
    expect((await server.store.readConfig())!.display.notice).toBe(text);

    await server.restart();
    // A board connecting after the restart: listening before it connects, so nothing is missed.
    const board: Client = io(server.url, { auth: { deviceToken: server.deviceTokens['display-T2']! }, transports: ['websocket'], autoConnect: false, reconnection: false });
    const settings = new Promise<DisplaySettings>((resolve) => board.once('display:settings', resolve));
    board.connect();
    expect((await settings).notice).toBe(text);
    board.close();
    expect((await live()).notice).toBe(text);
  });

  it('refuses a notice too long, of the wrong type, or from an officer; nothing changes', async () => {
    server = await startServer();
    const put = (who: string, body: unknown) => api('/api/manager/notice', who, { method: 'PUT', body: JSON.stringify(body) });
    const long = await put('quanly', { notice: 'x'.repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.code).toBe('VALIDATION_FAILED');
    expect((await put('quanly', { notice: 42 })).status).toBe(400);
    expect((await put('quanly', { notice: 'a', theme: 'light' })).status).toBe(400);
    expect((await put('canbo1', { notice: 'xin chào' })).status).toBe(403);
    expect((await server.store.readConfig())!.display.notice).toBe('');
  });
});
