// Kiosks' printers set from the admin API, over real HTTP, real sockets and real loopback TCP
// printers (the emulator decodes the ESC/POS they receive): a connected kiosk is told its new
// printer without reconnecting and its next ticket comes out there; a test page prints on the
// kiosk's printer (directly, or through a real printer bridge) and reads back with its text;
// refusals are clear and leave config.json as it was; every change is in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { PNG } from 'pngjs';
import pino from 'pino';
import { checkAccountRefs } from '@core/admin-config.ts';
import type { AccountsView } from '@core/admin-config.ts';
import type { CenterConfig } from '@core/config.ts';
import type { AuditEntry, KioskIssuedTicket, KioskSetup, PrinterTestResult } from '@core/protocol.ts';
import { startBridge } from '../../printer/bridge.ts';
import type { Bridge } from '../../printer/bridge.ts';
import { startPrinterEmulator } from '../../printer/emulator.ts';
import type { EmulatedTicket, PrinterEmulator } from '../../printer/emulator.ts';
import type { Block } from '../../printer/layout.ts';
import { draw, measure, registerTicketFonts } from '../../printer/layout.ts';
import { renderTicket, threshold } from '../../printer/render.ts';
import { renderTestPageBitmap, testPageBlocks } from '../../printer/test-page.ts';
import { testPageOf } from '../../server/printing/test-page-print.ts';
import { ticketPrintOf } from '../../server/printing/ticket-print.ts';
import { must, nextEvent, startServer } from '../helpers/server.ts';
import { adminApi } from '../helpers/admin-api.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { closedPort, qrOf } from '../kiosk/helpers.ts';

let server: TestServer;
let admin: string;
let printerA: PrinterEmulator;
let printerB: PrinterEmulator;
let kiosk: Client;
const setups: KioskSetup[] = [];
let seq = 0;
const tap = () => `printers-${String(++seq).padStart(6, '0')}`;

beforeAll(async () => {
  [printerA, printerB] = await Promise.all([startPrinterEmulator({ port: 0, outDir: null }), startPrinterEmulator({ port: 0, outDir: null })]);
  server = await startServer();
  admin = await server.login('admin');
  kiosk = await server.device('kiosk1');
  kiosk.on('kiosk:setup', (s) => setups.push(s));
});
afterAll(async () => {
  await server?.close();
  await Promise.all([printerA?.close(), printerB?.close()]);
});

const api = adminApi<CenterConfig>(() => server.url, () => admin);

const configFile = () => readFile(join(server.dataDir, 'config.json'), 'utf8');
const auditActions = async () => (await api<AuditEntry[]>('GET', '/audit')).body.data.map((e) => `${e.action} ${e.target}`);

async function issue(): Promise<KioskIssuedTicket> {
  const outcome = nextEvent(kiosk, 'print:status', 15_000);
  const issued = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
  expect(await outcome).toMatchObject({ ticketId: issued.ticket.id, state: 'printed' });
  return issued;
}

/** The printed page equals, pixel for pixel, what the renderer makes of `expected`. */
function samePixels(printed: EmulatedTicket, expected: { rgba: Uint8Array | Buffer; width: number; height: number }): boolean {
  const image = PNG.sync.read(printed.png);
  return image.width === expected.width && image.height === expected.height && Buffer.compare(image.data, Buffer.from(expected.rgba)) === 0;
}

/**
 * Whether one line of text, drawn on its own with the bundled font, appears among the printed
 * rows: the page is searched for the line's inked rows, so the text itself is what is checked.
 */
function showsLine(printed: EmulatedTicket, block: Block & { kind: 'text' }): boolean {
  registerTicketFonts();
  const width = printed.width;
  const margin = Math.round(16 * (width / 576));
  const layout = measure(createCanvas(width, 16).getContext('2d'), [block], width, margin);
  expect(layout.placed[0]!.lines).toHaveLength(1);
  const ctx = createCanvas(width, layout.height).getContext('2d');
  draw(ctx, layout, width, margin);
  const line = ctx.getImageData(0, 0, width, layout.height);
  threshold(line.data);
  const stride = width * 4;
  const inked = (data: Uint8Array | Uint8ClampedArray, y: number) => data.subarray(y * stride, (y + 1) * stride).some((v, i) => i % 4 === 0 && v === 0);
  let top = 0;
  while (top < line.height && !inked(line.data, top)) top++;
  let bottom = line.height;
  while (bottom > top && !inked(line.data, bottom - 1)) bottom--;
  const want = Buffer.from(line.data.buffer, line.data.byteOffset + top * stride, (bottom - top) * stride);
  const page = PNG.sync.read(printed.png);
  for (let y = 0; y + (bottom - top) <= page.height; y++) {
    if (Buffer.compare(page.data.subarray(y * stride, (y + bottom - top) * stride), want) === 0) return true;
  }
  return false;
}

describe('checkAccountRefs: a printer belongs to an active kiosk (pure)', () => {
  const before = testCenterConfig();
  const accounts: AccountsView = {
    users: [],
    devices: [
      { name: 'Kiosk sảnh A', kind: 'kiosk', revokedAt: null },
      { name: 'Kiosk cũ', kind: 'kiosk', revokedAt: 1 },
      { name: 'Màn hình', kind: 'display', revokedAt: null },
    ],
  };
  const network = { kind: 'network', url: 'tcp://10.0.0.5:9100', width: 576, timeoutMs: 3000 } as const;
  const withPrinters = (printers: CenterConfig['printers'], from = before): CenterConfig => ({ ...from, printers });

  it('accepts an active kiosk, by its name in either Unicode form', () => {
    expect(checkAccountRefs(before, withPrinters({ 'Kiosk sảnh A': network }), accounts)).toBeNull();
    expect(checkAccountRefs(before, withPrinters({ ['Kiosk sảnh A'.normalize('NFD')]: network }), accounts)).toBeNull();
  });

  it('refuses a name that is no kiosk, a revoked kiosk, or another kind of device', () => {
    for (const name of ['Kiosk sảnh B', 'Kiosk cũ', 'Màn hình']) {
      expect(checkAccountRefs(before, withPrinters({ [name]: network }), accounts)).toEqual({ code: 'KIOSK_UNKNOWN', params: { kiosk: name } });
    }
  });

  it('a revoked kiosk\'s printer left in place blocks neither unrelated changes nor its own removal', () => {
    const stale = withPrinters({ 'Kiosk cũ': network });
    expect(checkAccountRefs(stale, { ...stale, kiosk: { ...stale.kiosk, returnAfterSec: 30, idleResetSec: 90 } }, accounts)).toBeNull();
    expect(checkAccountRefs(stale, withPrinters({ 'Kiosk cũ': network, 'Kiosk sảnh A': network }, stale), accounts)).toBeNull();
    expect(checkAccountRefs(stale, withPrinters({}, stale), accounts)).toBeNull();
    expect(checkAccountRefs(stale, withPrinters({ 'Kiosk cũ': { ...network, width: 384 } }, stale), accounts)?.code).toBe('KIOSK_UNKNOWN');
  });
});

describe('a kiosk\'s printer set from the admin API', () => {
  it('a connected kiosk is told its new printer at once and its next ticket prints there', async () => {
    expect(server.app.parts.printing.setupFor(server.app.parts.accounts.devices().find((d) => d.name === 'kiosk1')!).printing).toBe('none');
    const put = await api('PUT', '/printers/kiosk1', { kind: 'network', url: printerA.url });
    expect(put.status).toBe(200);
    expect(put.body.data.printers.kiosk1).toEqual({ kind: 'network', url: printerA.url, width: 576, timeoutMs: 3000 });
    await expect.poll(() => setups.at(-1)).toEqual({ deviceName: 'kiosk1', printing: 'network', returnAfterSec: 20, idleResetSec: 90 });
    expect(JSON.parse(await configFile()).printers).toEqual({ kiosk1: { kind: 'network', url: printerA.url, width: 576, timeoutMs: 3000 } });

    const first = await issue();
    const printed = await printerA.waitForTicket(1);
    expect(printed.unknown).toEqual([]);
    expect(qrOf(printed.png)).toBe(first.statusUrl);
    const rendered = PNG.sync.read((await renderTicket(ticketPrintOf(server.app.parts.config.index, first, first.statusUrl), 576)).png);
    expect(samePixels(printed, { width: rendered.width, height: rendered.height, rgba: rendered.data })).toBe(true);

    // Moved to another printer on 58 mm paper: the very next ticket comes out there, narrower.
    const before = setups.length;
    expect((await api('PUT', '/printers/kiosk1', { kind: 'network', url: printerB.url, width: 384, model: 'epson', timeoutMs: 2000 })).status).toBe(200);
    await expect.poll(() => setups.length).toBeGreaterThan(before);
    const second = await issue();
    const onB = await printerB.waitForTicket(1);
    expect(onB.width).toBe(384);
    expect(qrOf(onB.png)).toBe(second.statusUrl);
    expect(printerA.tickets).toHaveLength(1);
    expect(kiosk.connected).toBe(true);
  });

  it('prints a test page on the kiosk\'s printer that reads back with its Vietnamese text', async () => {
    const res = await api<PrinterTestResult>('POST', '/printers/kiosk1/test');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ kiosk: 'kiosk1', printer: printerB.url, at: server.clock.now() });
    const page = await printerB.waitForTicket(2);
    expect(page.bytes).toBe(res.body.data.bytes);
    expect(page.cut).toBe(true);
    expect(page.unknown).toEqual([]);
    expect(page.width).toBe(384);

    const target = server.app.parts.config.current.printers.kiosk1!;
    const expected = testPageOf(server.app.parts.config.index, 'kiosk1', target, server.clock.now());
    expect(samePixels(page, renderTestPageBitmap(expected))).toBe(true);
    // The words themselves, each drawn alone and found on the paper.
    const blocks = testPageBlocks(expected).filter((b): b is Block & { kind: 'text' } => b.kind === 'text');
    const line = (text: string) => {
      const block = blocks.find((b) => b.text === text);
      expect(block, text).toBeDefined();
      return block!;
    };
    for (const text of [
      'TRANG IN THỬ', 'Kiosk: kiosk1', `Máy in mạng: ${printerB.url}`, 'Khổ giấy 58 mm (384 điểm) · Epson ESC/POS', 'Chờ máy in tối đa 2 giây',
      'In lúc 09:00 ngày 23/11/2026',
    ]) expect(showsLine(page, line(text)), text).toBe(true);
    expect(showsLine(page, line('TRANG IN THỬ'))).toBe(true);
    expect(showsLine(page, { ...line('TRANG IN THỬ'), text: 'TRANG IN THU' })).toBe(false); // the check tells marks apart
    expect(blocks[0]!.text).toBe(server.config.center.nameVi.toLocaleUpperCase('vi'));
    expect(await auditActions()).toContain('printer:test kiosk1');
  });

  it('a printer that does not answer is reported with its address; a kiosk without a printer says so', async () => {
    const dead = `tcp://127.0.0.1:${await closedPort()}`;
    expect((await api('PUT', '/printers/kiosk2', { kind: 'network', url: dead, timeoutMs: 500 })).status).toBe(200);
    const res = await api('POST', '/printers/kiosk2/test');
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ ok: false, code: 'PRINTER_OFFLINE', message: 'Máy in không hoạt động hoặc chưa kết nối', issues: [{ path: '', message: dead }] });
    expect((await api('DELETE', '/printers/kiosk2')).status).toBe(200);
    const none = await api('POST', '/printers/kiosk2/test');
    expect(none).toMatchObject({ status: 409, body: { code: 'PRINTER_NOT_CONFIGURED', message: 'Kiosk này chưa được cài đặt máy in' } });
  });

  it('a test page through a printer bridge comes out on the bridge\'s printer', async () => {
    const bridge: Bridge = startBridge({ server: server.url, token: server.deviceTokens.printer1!, printer: printerA.url, logger: pino({ level: 'silent' }) });
    try {
      await expect.poll(() => bridge.socket.connected).toBe(true);
      const put = await api('PUT', '/printers/kiosk2', { kind: 'bridge', bridgeDevice: 'printer1' });
      expect(put.status).toBe(200);
      const res = await api<PrinterTestResult>('POST', '/printers/kiosk2/test');
      expect(res.body).toMatchObject({ ok: true, data: { kiosk: 'kiosk2', printer: 'bridge: printer1' } });
      const page = await printerA.waitForTicket(2);
      expect(page.width).toBe(576);
      expect(showsLine(page, { kind: 'text', text: 'Cầu nối máy in: printer1', style: { size: 22 } })).toBe(true);
      expect(showsLine(page, { kind: 'text', text: 'Kiosk: kiosk2', style: { size: 26, bold: true } })).toBe(true);
    } finally {
      bridge.close();
    }
  });
});

describe('refusals and the rest', () => {
  it('a bad address, an unknown kiosk, an unknown bridge: clear errors, config.json unchanged', async () => {
    const before = await configFile();
    const audit = (await auditActions()).length;
    const seen = setups.length;

    const badUrl = await api('PUT', '/printers/kiosk1', { kind: 'network', url: 'http://192.168.1.50:9100' });
    expect(badUrl).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', issues: [{ path: 'url', message: 'địa chỉ dạng tcp://máy:9100' }] } });
    expect((await api('PUT', '/printers/kiosk1', { kind: 'network', url: printerA.url, width: 500 })).status).toBe(400);
    expect((await api('PUT', '/printers/kiosk1', { kind: 'usb', url: printerA.url })).status).toBe(400);

    const unknownKiosk = await api('PUT', '/printers/kiosk9', { kind: 'network', url: printerA.url });
    expect(unknownKiosk).toMatchObject({ status: 409, body: { code: 'KIOSK_UNKNOWN', message: 'Không có kiosk đang hoạt động tên kiosk9, hãy thêm kiosk ở mục Thiết bị trước' } });
    expect((await api('PUT', '/printers/display-all', { kind: 'network', url: printerA.url })).body.code).toBe('KIOSK_UNKNOWN');

    const unknownBridge = await api('PUT', '/printers/kiosk1', { kind: 'bridge', bridgeDevice: 'Cầu nối tầng 2' });
    expect(unknownBridge).toMatchObject({ status: 409, body: { code: 'PRINTER_BRIDGE_UNKNOWN', message: 'Kiosk kiosk1: không có cầu nối máy in đang hoạt động tên Cầu nối tầng 2' } });
    expect((await api('PUT', '/printers/kiosk1', { kind: 'bridge', bridgeDevice: 'kiosk2' })).body.code).toBe('PRINTER_BRIDGE_UNKNOWN');

    expect((await api('DELETE', '/printers/kiosk9')).status).toBe(404);
    expect((await api('PUT', '/kiosk', { returnAfterSec: 1, idleResetSec: 90 })).status).toBe(400);
    const manager = await server.login('quanly');
    expect((await api('PUT', '/printers/kiosk1', { kind: 'network', url: printerA.url }, manager)).status).toBe(403);
    expect((await api('POST', '/printers/kiosk1/test', undefined, manager)).status).toBe(403);

    expect(await configFile()).toBe(before);
    expect((await auditActions()).length).toBe(audit);
    expect(setups.length).toBe(seen);
  });

  it('kiosk timings reach a connected kiosk; a revoked kiosk\'s printer blocks nothing and can be removed', async () => {
    const put = await api('PUT', '/kiosk', { returnAfterSec: 30, idleResetSec: 120 });
    expect(put.status).toBe(200);
    await expect.poll(() => setups.at(-1)).toMatchObject({ returnAfterSec: 30, idleResetSec: 120, printing: 'network' });

    const kiosk2 = server.app.parts.accounts.devices().find((d) => d.name === 'kiosk2')!;
    expect((await api('DELETE', `/devices/${kiosk2.id}`)).status).toBe(200);
    expect(server.app.parts.config.current.printers.kiosk2).toBeDefined();
    // Unrelated changes still go through, and so does another kiosk's printer…
    expect((await api('PUT', '/kiosk', { returnAfterSec: 25, idleResetSec: 120 })).status).toBe(200);
    expect((await api('PUT', '/printers/kiosk1', { kind: 'network', url: printerA.url })).status).toBe(200);
    // …but the revoked kiosk gets no new printer, and its old one can be removed.
    expect((await api('PUT', '/printers/kiosk2', { kind: 'network', url: printerA.url })).body.code).toBe('KIOSK_UNKNOWN');
    expect((await api('DELETE', '/printers/kiosk2')).status).toBe(200);
    expect(Object.keys(JSON.parse(await configFile()).printers)).toEqual(['kiosk1']);

    const actions = await auditActions();
    expect(actions.filter((a) => a.startsWith('printers:put ')).length).toBeGreaterThanOrEqual(6);
    expect(actions).toContain('kiosk:put kiosk');
    expect(actions).toContain('printer:test kiosk2');
    const entries = (await api<AuditEntry[]>('GET', '/audit')).body.data;
    // The entry names the kiosk whose printer changed and holds only that kiosk's before and after.
    const removal = entries.find((e) => e.action === 'printers:put' && e.target === 'kiosk2' && (e.after as Record<string, unknown>).kiosk2 === null);
    expect(removal?.before).toEqual({ kiosk2: expect.objectContaining({ kind: 'bridge', bridgeDevice: 'printer1' }) });
    expect(removal?.actor.username).toBe('admin');
  });

  it('two admins setting two kiosks\' printers at once both keep their change', async () => {
    const { token } = (await api<{ token: string }>('POST', '/devices', { kind: 'kiosk', name: 'Kiosk sảnh B' })).body.data;
    expect(token).toBeTruthy();
    const [a, b] = await Promise.all([
      api('PUT', '/printers/kiosk1', { kind: 'network', url: printerB.url }),
      api('PUT', `/printers/${encodeURIComponent('Kiosk sảnh B')}`, { kind: 'network', url: printerA.url, width: 384 }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(server.app.parts.config.current.printers).toEqual({
      kiosk1: { kind: 'network', url: printerB.url, width: 576, timeoutMs: 3000 },
      'Kiosk sảnh B': { kind: 'network', url: printerA.url, width: 384, timeoutMs: 3000 },
    });
  });
});
