// The center's logo end to end, over real HTTP, real sockets and a real TCP printer: an admin
// uploads the image file, the server checks, scales and stores it, screens get its address on the
// connection they have, anyone can fetch it, and printed tickets carry it in black and white.
// Bad files are refused with their own words, and config.json is not touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { MAX_LOGO_DATA_URL } from '@core/config.ts';
import type { AnySnapshot, AuditEntry } from '@core/protocol.ts';
import { startPrinterEmulator } from '../../printer/emulator.ts';
import type { EmulatedTicket, PrinterEmulator } from '../../printer/emulator.ts';
import { must, nextEvent, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { configWithPrinters } from '../kiosk/helpers.ts';

let emulator: PrinterEmulator;
let server: TestServer;
let admin: string;
let kiosk: Client;
let board: Client;
const kioskSeen: AnySnapshot[] = [];
const boardSeen: AnySnapshot[] = [];

beforeAll(async () => {
  emulator = await startPrinterEmulator({ port: 0, outDir: null });
  server = await startServer({ config: configWithPrinters({ kiosk1: { kind: 'network', url: emulator.url } }) });
  admin = await server.login('admin');
  kiosk = await server.device('kiosk1');
  board = await server.device('display-T1');
  kiosk.on('snapshot', (s) => kioskSeen.push(s));
  board.on('snapshot', (s) => boardSeen.push(s));
});
afterAll(async () => {
  await server?.close();
  await emulator?.close();
});

async function upload(body: Uint8Array | string, contentType: string, token = admin) {
  const res = await fetch(`${server.url}/api/admin/logo`, {
    method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: typeof body === 'string' ? body : Buffer.from(body),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; code?: string; message?: string; messageEn?: string; data: { logoUrl: string; width: number; height: number } } };
}

const configFile = () => readFile(join(server.dataDir, 'config.json'), 'utf8');

/** A flat logo: dark blue with a white square in the middle, on a transparent corner strip. */
async function blueLogo(width = 800, height = 400): Promise<Buffer> {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#0b3d91';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#fff';
  ctx.fillRect(width * 0.375, height * 0.375, width * 0.25, height * 0.25);
  return canvas.encode('png');
}

/** A smooth photo-like JPEG, much larger than the logo box. */
async function bigJpeg(): Promise<Buffer> {
  const canvas = createCanvas(3000, 1000);
  const ctx = canvas.getContext('2d');
  const g = ctx.createLinearGradient(0, 0, 3000, 1000);
  g.addColorStop(0, '#c0392b');
  g.addColorStop(1, '#f1c40f');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, 3000, 1000);
  return canvas.encode('jpeg', 90);
}

/** A PNG whose header declares 20000×20000 pixels, well formed (checksums right) but tiny. */
function declaredHugePng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(20_000, 0);
  ihdr.writeUInt32BE(20_000, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))]);
}

const kioskLogoUrl = () => kioskSeen.filter((s) => s.role === 'kiosk').map((s) => (s.role === 'kiosk' ? s.catalog.center.logoUrl : null)).at(-1);
const boardLogoUrl = () => boardSeen.filter((s) => s.role === 'display').map((s) => (s.role === 'display' ? s.display.center.logoUrl : null)).at(-1);

let seq = 0;
async function printOne(): Promise<{ printed: EmulatedTicket; statusUrl: string }> {
  const outcome = nextEvent(kiosk, 'print:status', 15_000);
  const issued = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: `logo-${String(++seq).padStart(8, '0')}` });
  expect((await outcome).state).toBe('printed');
  return { printed: await emulator.waitForTicket(seq), statusUrl: issued.statusUrl };
}
const qr = (t: EmulatedTicket) => {
  const image = PNG.sync.read(t.png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
};
/** Share of black dots in a rectangle of a printed ticket. */
function ink(t: EmulatedTicket, x0: number, y0: number, x1: number, y1: number): number {
  const image = PNG.sync.read(t.png);
  let black = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (image.data[(y * image.width + x) * 4] === 0) black += 1;
  return black / ((x1 - x0) * (y1 - y0));
}

let plain: { printed: EmulatedTicket; statusUrl: string };
let logoUrl = '';

describe('the center logo', () => {
  it('starts without one: screens get logoUrl null and /media/logo answers 404', async () => {
    const k = await must(kiosk, 'snapshot:get', {});
    const b = await must(board, 'snapshot:get', {});
    expect(k.role === 'kiosk' && k.catalog.center.logoUrl).toBeNull();
    expect(b.role === 'display' && b.display.center.logoUrl).toBeNull();
    expect((await fetch(`${server.url}/media/logo`)).status).toBe(404);
    plain = await printOne();
    expect(qr(plain.printed)).toBe(plain.statusUrl);
  });

  it('an uploaded PNG is scaled to fit 512×256, stored, and reaches connected screens without reconnecting', async () => {
    const res = await upload(await blueLogo(), 'image/png');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ width: 512, height: 256 });
    logoUrl = res.body.data.logoUrl;
    expect(logoUrl).toMatch(/^\/media\/logo\?v=[0-9a-f]{16}$/);

    await expect.poll(kioskLogoUrl).toBe(logoUrl);
    await expect.poll(boardLogoUrl).toBe(logoUrl);
    expect(kiosk.connected && board.connected).toBe(true);

    const stored = JSON.parse(await configFile()) as { center: { logo: string } };
    expect(stored.center.logo).toMatch(/^data:image\/png;base64,/);
    expect(stored.center.logo.length).toBeLessThanOrEqual(MAX_LOGO_DATA_URL);
    // The audit log keeps a digest, not the picture.
    const audit = await fetch(`${server.url}/api/admin/audit?limit=1`, { headers: { authorization: `Bearer ${admin}` } });
    const [entry] = ((await audit.json()) as { data: AuditEntry[] }).data;
    expect(entry?.action).toBe('logo:put');
    expect(JSON.stringify(entry).length).toBeLessThan(1000);
  });

  it('GET /media/logo serves the PNG at that size, kept for good under its version, 304 when unchanged', async () => {
    const res = await fetch(`${server.url}${logoUrl}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    expect([png.width, png.height]).toEqual([512, 256]);
    // Dark blue at the corner, the white square in the middle.
    expect(png.data[(10 * 512 + 10) * 4 + 2]).toBeGreaterThan(100);
    expect(png.data[(10 * 512 + 10) * 4]).toBeLessThan(40);
    expect(png.data[(128 * 512 + 256) * 4]).toBe(255);

    const again = await fetch(`${server.url}${logoUrl}`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
    // An old address must not be kept for good.
    const stale = await fetch(`${server.url}/media/logo?v=0000000000000000`);
    expect(stale.headers.get('cache-control')).toBe('no-cache');
  });

  it('the phone status page shows it', async () => {
    const html = await (await fetch(plain.statusUrl)).text();
    expect(html).toContain(`<img src="${logoUrl}"`);
  });

  it('a printed ticket carries it at the top in black and white, and its QR code still reads', async () => {
    const { printed, statusUrl } = await printOne();
    expect(printed.cut).toBe(true);
    expect(printed.unknown).toEqual([]);
    expect(qr(printed)).toBe(statusUrl);
    // 512×256 fits 288×96 as 192×96, centred on 576 dots, below the 16-dot margin.
    expect(printed.height - plain.printed.height).toBe(96 + 10);
    expect(ink(printed, 196, 20, 230, 50)).toBe(1); // the blue, printed solid
    expect(ink(printed, 280, 58, 296, 70)).toBe(0); // the white square
    expect(ink(printed, 0, 16, 180, 112)).toBe(0); // nothing beside it
    // Reasonable bytes: the logo's rows, not a second ticket.
    expect(printed.bytes - plain.printed.bytes).toBeLessThan(10_000);
  });

  it('a large JPEG is scaled down in proportion and stored as PNG', async () => {
    const res = await upload(await bigJpeg(), 'image/jpeg');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ width: 512, height: 171 });
    const png = PNG.sync.read(Buffer.from(await (await fetch(`${server.url}${res.body.data.logoUrl}`)).arrayBuffer()));
    expect([png.width, png.height]).toEqual([512, 171]);
    logoUrl = res.body.data.logoUrl;
  });

  it('refuses bad uploads with their own words, and leaves config.json as it was', async () => {
    const before = await configFile();
    const good = await blueLogo(200, 100);
    const noise = createCanvas(512, 256);
    const image = noise.getContext('2d').createImageData(512, 256);
    let x = 12345;
    for (let i = 0; i < image.data.length; i++) image.data[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
    noise.getContext('2d').putImageData(image, 0, 0);

    const cases: [string, Uint8Array | string, string, number, string][] = [
      ['garbage bytes', Buffer.from('this is not a picture at all, just words'), 'image/png', 415, 'LOGO_NOT_IMAGE'],
      ['a cut-off PNG', good.subarray(0, good.length - 40), 'image/png', 400, 'LOGO_UNREADABLE'],
      ['a PNG announced as JPEG', good, 'image/jpeg', 400, 'LOGO_UNREADABLE'],
      ['a wrong content type', good, 'text/plain', 415, 'LOGO_NOT_IMAGE'],
      ['JSON instead of a file', JSON.stringify({ logo: 'x' }), 'application/json', 415, 'LOGO_NOT_IMAGE'],
      ['an oversized body', Buffer.concat([good, Buffer.alloc(2 * 1024 * 1024)]), 'image/png', 413, 'LOGO_FILE_TOO_LARGE'],
      ['a small file declaring a huge picture', declaredHugePng(), 'image/png', 400, 'LOGO_TOO_MANY_PIXELS'],
      ['noise too detailed to fit even smaller', await noise.encode('png'), 'image/png', 400, 'LOGO_TOO_DETAILED'],
    ];
    for (const [what, body, type, status, code] of cases) {
      const res = await upload(body, type);
      expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status, code });
      expect(res.body.message).toMatch(/[ảạọệớ]/); // Vietnamese with its marks
      expect(res.body.messageEn).toBeTruthy();
    }
    expect((await upload(good, 'image/png', await server.login('canbo1'))).status).toBe(403);
    expect(await configFile()).toBe(before);
  });

  it('removing it clears it everywhere', async () => {
    const res = await fetch(`${server.url}/api/admin/logo`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    await expect.poll(kioskLogoUrl).toBeNull();
    await expect.poll(boardLogoUrl).toBeNull();
    expect((await fetch(`${server.url}${logoUrl}`)).status).toBe(404);
    expect((JSON.parse(await configFile()) as { center: { logo: string | null } }).center.logo).toBeNull();
    const { printed } = await printOne();
    expect(printed.height).toBe(plain.printed.height);
  });
});
