// The "Máy in & kiosk" admin screen in Debian's Chromium against the real server: an admin sets
// a kiosk's printer to a loopback TCP printer (the emulator) and presses "In thử"; the test page's
// ESC/POS bytes arrive at that printer and decode to exactly the page the server renders, and a
// connected kiosk is told its new printer without reconnecting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import type { KioskSetup } from '@core/protocol.ts';
import { startPrinterEmulator } from '../../printer/emulator.ts';
import type { PrinterEmulator } from '../../printer/emulator.ts';
import { renderTestPageBitmap } from '../../printer/test-page.ts';
import { testPageOf } from '../../server/printing/test-page-print.ts';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { openAdmin } from '../helpers/admin-page.ts';
import { startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
let printer: PrinterEmulator;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  printer = await startPrinterEmulator({ port: 0, outDir: null });
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'vi-VN' });
  page = await context.newPage();
  watchPage(page, errors);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await printer?.close();
});

describe('printers & kiosks screen', () => {
  it('an admin sets a kiosk\'s printer to a TCP printer and a test print comes out on it', async () => {
    const kiosk = await server.device('kiosk1');
    const setups: KioskSetup[] = [];
    kiosk.on('kiosk:setup', (s) => setups.push(s));

    await openAdmin(page, server.url, 'printers');

    const row = page.locator('[data-testid="printer-row"][data-kiosk="kiosk1"]');
    await expect.poll(() => row.textContent()).toContain('Chưa có máy in');
    await row.getByRole('button', { name: 'Đặt máy in' }).click();
    const form = page.getByTestId('printer-form');
    expect(await form.locator('select[name="bridgeDevice"]').count()).toBe(0); // a network printer by default
    await form.getByLabel('Địa chỉ máy in').fill('192.168.1.50:9100');
    await page.getByTestId('printer-save').click();
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toContain('địa chỉ dạng tcp://máy:9100');

    await form.getByLabel('Địa chỉ máy in').fill(printer.url);
    await form.getByLabel('Khổ giấy').selectOption('384');
    await page.getByTestId('printer-save').click();
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toBe('Đã lưu, đã áp dụng ngay');
    await expect.poll(() => row.textContent()).toContain(`${printer.url} · 58 mm`);
    expect(server.app.parts.config.current.printers.kiosk1).toEqual({ kind: 'network', url: printer.url, width: 384, model: 'epson', timeoutMs: 3000 });
    await expect.poll(() => setups.at(-1)?.printing).toBe('network');
    expect(kiosk.connected).toBe(true);

    await row.getByRole('button', { name: 'In thử' }).click();
    await expect.poll(() => row.getByTestId('test-result').textContent()).toMatch(/^Máy in đã nhận trang in thử \([\d.]+ byte\) lúc 09:00$/);
    const printed = await printer.waitForTicket(1);
    expect(printed.cut).toBe(true);
    expect(printed.unknown).toEqual([]);
    const expected = renderTestPageBitmap(testPageOf(server.app.parts.config.index, 'kiosk1', server.app.parts.config.current.printers.kiosk1!, server.clock.now()));
    const image = PNG.sync.read(printed.png);
    expect([image.width, image.height]).toEqual([384, expected.height]);
    expect(Buffer.compare(image.data, Buffer.from(expected.rgba))).toBe(0);
    expect(errors).toEqual([]);
  });
});
