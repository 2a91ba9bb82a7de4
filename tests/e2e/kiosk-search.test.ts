// The proof, in Debian's Chromium against the real server with the demo center's full
// catalog (1,100+ procedures, the shipped synonyms) and a real (emulated) TCP printer: a citizen
// types "lam lai can cuoc" on the kiosk's own keyboard → the police ID-card procedure comes first →
// one tap → the ticket is printed with the procedure on it → the officer who calls it sees the
// procedure on the console, and it stays on the record when the service ends. Also: a query that
// finds nothing shows the offices and "hỏi cán bộ hướng dẫn" instead of an empty list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { CenterConfigSchema } from '@core/config.ts';
import { startPrinterEmulator } from '../../printer/emulator.ts';
import type { PrinterEmulator } from '../../printer/emulator.ts';
import { renderTicket } from '../../printer/render.ts';
import { demoCenterConfig } from '../../server/seed/demo-center.ts';
import { demoProcedures, shippedSynonyms } from '../../server/seed/catalog/demo-catalog.ts';
import { ticketPrintOf } from '../../server/printing/ticket-print.ts';
import { issuedView } from '../../server/queue/ticket-views.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { PASSWORD, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { qrOf } from '../kiosk/helpers.ts';

let server: TestServer;
let emulator: PrinterEmulator;
let browser: Browser;

beforeAll(async () => {
  emulator = await startPrinterEmulator({ port: 0, outDir: null });
  const demo = CenterConfigSchema.parse(demoCenterConfig());
  const procedures = demoProcedures(demo);
  const synonyms = shippedSynonyms(new Set([...procedures.map((p) => p.code), ...demo.services.map((s) => s.code)]));
  const config = CenterConfigSchema.parse({
    ...demo, procedures, synonyms,
    center: { ...demo.center, enforceWindows: false },
    printers: { kiosk1: { kind: 'network', url: emulator.url } },
  });
  server = await startServer({ config });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await emulator?.close();
});

/** Types on the kiosk's on-screen keyboard, key by key, as a citizen does. */
async function typeOnScreen(page: Page, text: string): Promise<void> {
  for (const ch of text) {
    if (ch === ' ') await page.getByRole('button', { name: 'Dấu cách' }).click();
    else await page.locator('.keyboard .key', { hasText: new RegExp(`^${ch.toUpperCase()}$`) }).click();
  }
}

describe('kiosk search on the full catalog', () => {
  it('"lam lai can cuoc" → Cấp lại thẻ Căn cước → ticket printed with the procedure → the officer sees it', async () => {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/kiosk#device=${server.deviceTokens.kiosk1}`);
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Đã kết nối');
    await page.getByTestId('open-search').click();
    await expect.poll(() => page.getByTestId('search-results').getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
    // The on-screen keyboard has plain letters only: no tone marks to hunt for.
    const keys = await page.locator('.keyboard .key').allTextContents();
    expect(keys.filter((key) => /[^\x20-\x7E⌫]/.test(key.replace(/Dấu cách|Xóa/, '')))).toEqual([]);

    await typeOnScreen(page, 'lam lai can cuoc');
    expect(await page.getByTestId('search-input').inputValue()).toBe('lam lai can cuoc');
    const first = page.getByTestId('search-results').locator('button').first();
    await expect.poll(() => first.getAttribute('data-testid'), { timeout: 10_000 }).toBe('procedure-CA.CC.04');
    const text = await first.textContent();
    expect(text).toContain('Cấp lại thẻ Căn cước');
    expect(text).toContain('Lĩnh vực: Căn cước');
    expect(text).toContain('Công an tỉnh');
    expect(text).toContain('Quầy số 11, 12, 13');
    await first.click();

    await page.getByTestId('ticket').waitFor();
    const number = await page.getByTestId('ticket-number').textContent();
    expect(number).toBe('C-001');
    await expect.poll(() => page.getByTestId('print-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('printed');
    const ticket = Object.values(server.app.parts.queue.current.tickets).find((t) => t.number === number)!;
    expect(ticket.procedureCode).toBe('CA.CC.04');
    expect(ticket.serviceCode).toBe('CA.CC');

    // The printer got exactly the ticket the renderer makes with the procedure's line on it.
    const printed = await emulator.waitForTicket(1);
    const statusUrl = await page.getByTestId('qr').getAttribute('data-url');
    expect(qrOf(printed.png)).toBe(statusUrl);
    const index = server.app.parts.config.index;
    const view = issuedView(server.app.parts.queue.current, index, ticket, ticket.issuedAt);
    const print = ticketPrintOf(index, view, statusUrl!);
    expect(print.procedureName).toBe('Cấp lại thẻ Căn cước');
    const pixels = (png: Buffer) => PNG.sync.read(png).data;
    const withProcedure = await renderTicket(print, 576);
    const without = await renderTicket({ ...print, procedureName: null }, 576);
    expect(Buffer.compare(pixels(printed.png), pixels(withProcedure.png))).toBe(0);
    expect(without.height).toBeLessThan(withProcedure.height);

    // The officer at counter 11 calls it and sees the procedure.
    const officer = await context.newPage();
    await officer.setViewportSize({ width: 1366, height: 768 });
    await officer.goto(`${server.url}/counter`);
    await officer.locator('input[name=username]').fill('canbo11');
    await officer.locator('input[name=password]').fill(PASSWORD);
    await officer.keyboard.press('Enter');
    await officer.locator('[data-counter="11"]').click();
    await expect.poll(() => officer.getByTestId('counter-name').textContent(), { timeout: 10_000 }).toBe('Quầy số 11');
    await officer.locator('[data-action=call-next]').click();
    await expect.poll(() => officer.getByTestId('current-number').textContent(), { timeout: 10_000 }).toBe('C-001');
    const shown = officer.getByTestId('current-procedure');
    expect(await shown.getAttribute('data-code')).toBe('CA.CC.04');
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toBe('Thủ tục: Cấp lại thẻ Căn cước');

    // Finishing without choosing another procedure keeps the citizen's on the record (and the report).
    await officer.locator('[data-action=finish]').click();
    await officer.getByTestId('finish-panel').waitFor();
    expect(await officer.locator('input[name=procedure]').inputValue()).toBe('CA.CC.04');
    await officer.locator('input[name=procedure]').fill('');
    await officer.getByTestId('finish-panel').locator('button[type=submit]').click();
    await expect.poll(() => server.app.parts.queue.current.tickets[ticket.id]!.status, { timeout: 10_000 }).toBe('done');
    expect(server.app.parts.queue.current.tickets[ticket.id]!.procedureCode).toBe('CA.CC.04');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a query that finds nothing shows the offices and asks the citizen to see the guidance officer', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/kiosk#device=${server.deviceTokens.kiosk2}`);
    await page.getByTestId('open-search').click();
    await expect.poll(() => page.getByTestId('search-results').getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
    await typeOnScreen(page, 'qqxz');
    const nothing = page.getByTestId('search-nothing');
    await nothing.waitFor();
    expect(await nothing.textContent()).toContain('Ông/Bà vui lòng hỏi cán bộ hướng dẫn');
    expect(await nothing.locator('button').count()).toBe(21);
    await page.getByTestId('search-department-CA').click();
    await page.getByTestId('service-CA.CC').waitFor();
    await context.close();
  });
});
