// The kiosk in Debian's Chromium against the real server and a real (emulated) TCP printer:
// search "dat dai", take a ticket, see it on screen, the printer receives it, the phone status
// page shows the position and then the counter when an officer calls it. Then: a double tap
// gives one ticket, the kiosk says so plainly when the server is gone and recovers by itself.
// Set KIOSK_SCREENSHOTS=<folder> to keep screenshots of the kiosk and the printed ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startPrinterEmulator } from '../../printer/emulator.ts';
import type { PrinterEmulator } from '../../printer/emulator.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { configWithPrinters, qrOf } from '../kiosk/helpers.ts';

const SHOTS = process.env.KIOSK_SCREENSHOTS;
let server: TestServer;
let emulator: PrinterEmulator;
let browser: Browser;

beforeAll(async () => {
  emulator = await startPrinterEmulator({ port: 0, outDir: null });
  const config = configWithPrinters({ kiosk1: { kind: 'network', url: emulator.url } });
  server = await startServer({ config: { ...config, kiosk: { ...config.kiosk, returnAfterSec: 10 } } });
  browser = await launchBrowser();
  if (SHOTS) await mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await emulator?.close();
});

/** Text on the page below WCAG AA contrast (4.5:1) against the background it sits on. */
function lowContrastText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const ch = (v: number) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * ch(r!) + 0.7152 * ch(g!) + 0.0722 * ch(b!);
    };
    const background = (e: Element | null): number[] => {
      for (; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3]! > 0.5)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    return [...document.querySelectorAll('body *')]
      .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()))
      .filter((e) => {
        const [a, b] = [lum(rgb(getComputedStyle(e).color)), lum(background(e))];
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) < 4.5;
      })
      .map((e) => e.textContent!.trim());
  });
}

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, name) });
}

describe('the kiosk in a browser', () => {
  it('search "dat dai" → ticket on screen → printed → followed on a phone until called', async () => {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/kiosk#device=${server.deviceTokens.kiosk1}`);
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Đã kết nối');
    await page.getByTestId('department-STNMT').waitFor();
    await shot(page, 'kiosk-home-portrait.png');

    // Elderly users: targets of at least 48 px, body text of at least 24 px on the screen they use.
    const small = await page.evaluate(() => [...document.querySelectorAll('main button, header button')]
      .map((b) => b.getBoundingClientRect()).filter((r) => r.width < 48 || r.height < 48).length);
    expect(small).toBe(0);
    const tinyText = await page.evaluate(() => [...document.querySelectorAll('main *')]
      .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()))
      .filter((e) => parseFloat(getComputedStyle(e).fontSize) < 24).map((e) => e.textContent));
    expect(tinyText).toEqual([]);
    expect(await lowContrastText(page)).toEqual([]);

    await page.getByTestId('open-search').click();
    await page.getByTestId('search-input').fill('dat dai');
    const first = page.getByTestId('search-results').locator('button').first();
    await expect.poll(() => first.getAttribute('data-testid')).toBe('service-DATDAI');
    expect(await first.textContent()).toContain('Đất đai');
    await first.click();

    await page.getByTestId('ticket').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toBe('A-001');
    expect(await page.getByTestId('ticket').textContent()).toContain('Sở Tài nguyên và Môi trường');
    expect(await page.getByTestId('ahead').textContent()).toBe('0');
    const statusUrl = await page.getByTestId('qr').getAttribute('data-url');
    expect(statusUrl).toMatch(new RegExp(`^${server.url}/t/[A-Za-z0-9_-]{26}$`));
    expect(await page.getByTestId('qr').locator('svg').count()).toBe(1);
    await expect.poll(() => page.getByTestId('print-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('printed');
    expect(await page.getByTestId('print-status').textContent()).toContain('Mời nhận phiếu');
    expect(await lowContrastText(page)).toEqual([]);
    await shot(page, 'kiosk-ticket-portrait.png');

    const printed = await emulator.waitForTicket(1);
    expect(qrOf(printed.png)).toBe(statusUrl);
    if (SHOTS) await writeFile(join(SHOTS, 'printed-ticket.png'), printed.png);

    // The citizen's phone follows the ticket.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const status = await phone.newPage();
    await status.goto(statusUrl!);
    const state = () => status.locator('#status').getAttribute('data-state');
    expect(await state()).toBe('waiting');
    expect(await status.locator('#status').textContent()).toContain('A-001');
    expect(await status.locator('.fig .value').first().textContent()).toBe('0');

    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    expect((await must(officer, 'ticket:call-next', {})).number).toBe('A-001');
    await expect.poll(state, { timeout: 20_000 }).toBe('called');
    expect(await status.getByTestId('counter').textContent()).toBe('1');
    await shot(status, 'phone-called.png');

    // Meanwhile the kiosk went back to its start screen by itself.
    await page.getByTestId('department-STNMT').waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
    await phone.close();
    await context.close();
  });

  it('a kiosk without a printer says so plainly and still shows the ticket', async () => {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/kiosk#device=${server.deviceTokens.kiosk2}`);
    await page.getByTestId('department-STP').click();
    await page.getByTestId('service-LLTP').click();
    await page.getByTestId('ticket').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toBe('C-001');
    expect(await page.getByTestId('print-status').getAttribute('data-state')).toBe('not-configured');
    expect(await page.getByTestId('print-status').textContent()).toContain('Kiosk này chưa được cài đặt máy in. Ông/Bà vui lòng ghi nhớ số thứ tự C-001.');
    expect(await lowContrastText(page)).toEqual([]);
    await shot(page, 'kiosk-no-printer-portrait.png');
    await context.close();
  });

  it('left mid-choice, the kiosk first offers more time, then returns to the start', async () => {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${server.url}/kiosk#device=${server.deviceTokens.kiosk2}`);
    await page.getByTestId('department-STP').click();
    await page.getByTestId('service-HOTICH').waitFor();
    await page.clock.fastForward(80_000); // idleResetSec is 90: the last 15 s ask first
    await page.getByTestId('idle-warning').waitFor();
    expect(await page.getByTestId('idle-warning').textContent()).toContain('Ông/Bà cần thêm thời gian?');
    await page.clock.fastForward(12_000);
    await page.getByTestId('department-STP').waitFor();
    expect(await page.getByTestId('idle-warning').count()).toBe(0);
    await context.close();
  });

  it('a double tap gives one ticket and one print; without the server nothing is issued; the kiosk recovers and returns to the start by itself', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/kiosk#device=${server.deviceTokens.kiosk1}`);
    await page.getByTestId('department-STP').click();
    const before = Object.keys(server.app.parts.queue.current.tickets).length;
    const printedBefore = emulator.tickets.length;
    await page.getByTestId('service-HOTICH').dblclick();
    await page.getByTestId('ticket').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toBe('B-001');
    await expect.poll(() => page.getByTestId('print-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('printed');
    expect(Object.keys(server.app.parts.queue.current.tickets).length).toBe(before + 1);
    await emulator.waitForTicket(printedBefore + 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1920);
    await page.getByTestId('done').click();

    // The server goes away: the kiosk says so and its buttons do nothing.
    await page.getByTestId('department-STP').click();
    await server.restart({
      samePort: true,
      whileDown: async () => {
        await expect.poll(() => page.getByTestId('offline-banner').isVisible()).toBe(true);
        expect(await page.getByTestId('offline-banner').textContent()).toContain('Mất kết nối với máy chủ');
        expect(await page.getByTestId('service-HOTICH').isDisabled()).toBe(true);
        expect(await lowContrastText(page)).toEqual([]);
        await shot(page, 'kiosk-offline-landscape.png');
      },
    });
    await expect.poll(() => page.getByTestId('offline-banner').count(), { timeout: 20_000 }).toBe(0);
    await page.getByTestId('lang').click();
    await page.getByTestId('service-HOTICH').click();
    await page.getByTestId('ticket').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toBe('B-002');
    expect(await page.locator('h1').textContent()).toBe('Take a ticket');
    // Nobody touches it: back to the start, in Vietnamese, for the next citizen.
    await expect.poll(() => page.getByTestId('department-STP').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator('h1').textContent()).toBe('Lấy số thứ tự');
    await context.close();
  });
});
