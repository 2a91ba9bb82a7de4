// Check-in and result pick-up at the kiosk in Debian's Chromium, the USB scanner played by the
// keyboard as a scanner types (a burst a few ms per key, then Enter) on whatever screen is up:
// a booking QR → the booked ticket on screen (ĐẶT LỊCH, served from its slot) and printed on the
// loopback TCP printer; a receipt's dossier code → a pick-up ticket; an ID card with two bookings
// today → a choice; refusals in plain Vietnamese with a walk-in way on; a person typing is no scan.
// Then the officer's console calls them and shows the dossier code and the "Đặt lịch" slot.
// Set KIOSK_SCREENSHOTS=<folder> to keep screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { bookingQrText } from '@core/booking/codes.ts';
import { CenterConfigSchema } from '@core/config.ts';
import { startPrinterEmulator } from '../../printer/emulator.ts';
import type { PrinterEmulator } from '../../printer/emulator.ts';
import { renderTicket } from '../../printer/render.ts';
import { issuedView } from '../../server/queue/ticket-views.ts';
import { ticketPrintOf } from '../../server/printing/ticket-print.ts';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { must, PASSWORD, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { at, book, cccd, cccdQr } from '../booking/helpers.ts';
import { configWithPrinters, qrOf } from '../kiosk/helpers.ts';

const SHOTS = process.env.KIOSK_SCREENSHOTS;
const DOSSIER = '000.00.12.H36-261120-0042';
let server: TestServer;
let emulator: PrinterEmulator;
let browser: Browser;

beforeAll(async () => {
  emulator = await startPrinterEmulator({ port: 0, outDir: null });
  const base = configWithPrinters({ kiosk1: { kind: 'network', url: emulator.url } });
  // The result-return service, served at counter 1 with land (DATDAI).
  const config = CenterConfigSchema.parse({
    ...base,
    services: [...base.services, { code: 'TRAKQ', departmentCode: 'STP', nameVi: 'Trả kết quả', nameEn: 'Result pick-up', prefix: 'R', resultReturn: true }],
    counters: base.counters.map((c) => (c.number === 1 ? { ...c, services: [...c.services, { serviceCode: 'TRAKQ', weight: 1 }] } : c)),
  });
  server = await startServer({ config });
  browser = await launchBrowser();
  if (SHOTS) await mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await emulator?.close();
});

/** What a USB scanner does: the whole code in a burst, then Enter. */
async function scan(page: Page, text: string): Promise<void> {
  // As at a real kiosk, the scan comes when the screen is up, not while it is being drawn.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.keyboard.type(text, { delay: 1 });
  await page.keyboard.press('Enter');
}

const screen = (page: Page) => page.locator('.kiosk').getAttribute('data-screen');

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, name) });
}

describe('check-in and result pick-up at the kiosk', () => {
  it('scans: booking QR → booked ticket printed; dossier code → pick-up; ID card → choice; refusals; the officer sees it all', async () => {
    server.clock.t = at('07:00');
    const booked = await book(server, { slot: '09:00', n: 1 });
    const lapsed = await book(server, { slot: '08:00', n: 2 });
    const card = cccd(5);
    await book(server, { slot: '09:00', cccd: card, n: 5 });
    await book(server, { service: 'HOTICH', slot: '09:30', cccd: card, n: 5 });
    server.clock.t = at('08:40'); // early for the 09:00 slot, too late for 08:00

    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const errors: string[] = [];
    const page = watchPage(await context.newPage(), errors);
    await page.goto(`${server.url}/kiosk#device=${server.deviceTokens.kiosk1}`);
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Đã kết nối');
    await page.getByTestId('open-booked').waitFor();
    await shot(page, 'checkin-home.png');

    // A person typing a code on a keyboard (150 ms a key) is not a scan: nothing happens.
    await page.keyboard.type('K7M4QXP', { delay: 150 });
    await page.keyboard.press('Enter');
    expect(await screen(page)).toBe('home');

    // 1. The booking's QR, scanned on the start screen.
    await scan(page, bookingQrText(server.app.parts.bookings.centerTag, booked.code));
    await expect.poll(() => page.getByTestId('ticket-number').textContent({ timeout: 1000 }).catch(() => null), { timeout: 10_000 }).toBe('A-001');
    expect(await page.getByTestId('ticket-booked').textContent()).toBe('Đặt lịch · giờ hẹn 09:00–09:15');
    expect(await page.getByTestId('ticket-served-from').textContent()).toBe('Phiếu của Ông/Bà được phục vụ từ 09:00. Xin mời ngồi chờ.');
    await expect.poll(() => page.getByTestId('print-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('printed');
    await shot(page, 'checkin-booked-ticket.png');
    const statusUrl = await page.getByTestId('qr').getAttribute('data-url');
    const printed = await emulator.waitForTicket(1);
    expect(printed.bytes).toBeGreaterThan(1000);
    expect(printed.cut).toBe(true);
    expect(qrOf(printed.png)).toBe(statusUrl);
    // The same pixels as the renderer makes of the booked ticket (ĐẶT LỊCH band and "served from"
    // included), and more lines than the same ticket without its booking.
    const ticket = Object.values(server.app.parts.queue.current.tickets).find((t) => t.number === 'A-001')!;
    const print = ticketPrintOf(server.app.parts.config.index, issuedView(server.app.parts.queue.current, server.app.parts.config.index, ticket, server.clock.now()), statusUrl!);
    expect(print.booking).toEqual({ slotStart: at('09:00'), slotEnd: at('09:15') });
    const expected = await renderTicket(print, 576);
    expect(Buffer.compare(PNG.sync.read(printed.png).data, PNG.sync.read(expected.png).data)).toBe(0);
    expect(printed.height).toBeGreaterThan((await renderTicket({ ...print, booking: null }, 576)).height);
    if (SHOTS) await writeFile(join(SHOTS, 'checkin-printed-ticket.png'), printed.png);

    // 2. A receipt's dossier code, scanned while the ticket screen is still up.
    await scan(page, DOSSIER);
    await expect.poll(() => page.getByTestId('ticket-number').textContent({ timeout: 1000 }).catch(() => null), { timeout: 10_000 }).toBe('R-001');
    expect(await page.getByTestId('ticket-dossier').textContent()).toBe(`Nhận kết quả hồ sơ ${DOSSIER}`);
    await expect.poll(() => page.getByTestId('print-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('printed');
    await emulator.waitForTicket(2);

    // 3. An ID card with two bookings today: the kiosk asks which one (the card's number is not shown).
    await page.getByTestId('done').click();
    const qr = cccdQr(card, { name: 'Nguyen Van An', address: 'So 1 Trang Tien, Hoan Kiem, Ha Noi' });
    await scan(page, qr);
    await expect.poll(() => screen(page), { timeout: 10_000 }).toBe('choices');
    expect(await page.locator('main').textContent()).not.toContain(card);
    const choices = page.getByTestId('booking-choice');
    expect((await choices.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(['Đất đai Giờ hẹn 09:00', 'Hộ tịch Giờ hẹn 09:30']);
    await shot(page, 'checkin-choices.png');
    await choices.nth(1).click();
    await expect.poll(() => page.getByTestId('ticket-number').textContent({ timeout: 1000 }).catch(() => null), { timeout: 10_000 }).toBe('B-001');
    expect(await page.getByTestId('ticket-booked').textContent()).toBe('Đặt lịch · giờ hẹn 09:30–09:45');

    // 4. Refusals, in plain Vietnamese: too late (a walk-in ticket offered), unknown code, bad dossier code.
    await page.getByTestId('done').click();
    await scan(page, bookingQrText(server.app.parts.bookings.centerTag, lapsed.code));
    await expect.poll(() => page.getByTestId('check-in-refused').getAttribute('data-code', { timeout: 1000 }).catch(() => null), { timeout: 10_000 }).toBe('BOOKING_TOO_LATE');
    expect(await page.getByTestId('refusal-message').textContent()).toContain('Ông/Bà đến muộn quá 15 phút so với giờ hẹn 08:00');
    await shot(page, 'checkin-too-late.png');
    await page.getByTestId('walk-in').click();
    expect(await screen(page)).toBe('home');

    await page.getByTestId('open-booked').click();
    for (const key of 'K7M4QXP') await page.locator(`[data-key="${key}"]`).click();
    expect(await page.getByTestId('code-entry').textContent()).toBe('K7M4QXP');
    await shot(page, 'checkin-keyboard.png');
    await page.getByTestId('code-submit').click();
    await expect.poll(() => page.getByTestId('check-in-refused').getAttribute('data-code', { timeout: 1000 }).catch(() => null), { timeout: 10_000 }).toBe('BOOKING_NOT_FOUND');
    await page.getByTestId('refused-home').click();

    await page.getByTestId('open-result').click();
    for (const key of '000.00.12.H36') await page.locator(`[data-key="${key}"]`).click();
    await page.getByTestId('code-submit').click();
    await expect.poll(() => page.getByTestId('check-in-refused').getAttribute('data-code', { timeout: 1000 }).catch(() => null), { timeout: 10_000 }).toBe('INVALID_DOSSIER_CODE');
    expect(await page.getByTestId('refusal-message').textContent()).toBe('Mã hồ sơ không đúng định dạng: 000.00.12.H36');
    await page.getByTestId('try-again').click();
    expect(await screen(page)).toBe('code');

    // 5. The officer at counter 1 calls: the pick-up came first (queued now), then the booking (queued at its slot).
    const officerSocket = await server.officer(1);
    await must(officerSocket, 'counter:open', { counter: 1 });
    const officer = watchPage(await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage(), errors);
    await officer.goto(`${server.url}/counter`);
    await expect.poll(() => officer.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('username');
    await officer.keyboard.type('canbo1');
    await officer.keyboard.press('Tab');
    await officer.keyboard.type(PASSWORD);
    await officer.keyboard.press('Enter');
    await officer.locator('[data-testid=waiting-list] li').nth(1).waitFor({ timeout: 10_000 });
    expect(await officer.getByTestId('waiting-booked').count()).toBe(1);
    await officer.keyboard.press('Space');
    await expect.poll(() => officer.getByTestId('current-number').textContent({ timeout: 1000 }).catch(() => null), { timeout: 10_000 }).toBe('R-001');
    expect(await officer.getByTestId('current-dossier').textContent()).toBe(`Trả kết quả hồ sơ: ${DOSSIER}`);
    await must(officerSocket, 'ticket:finish', {});
    // The console hears of the finish (made on another connection) before the next call is asked for.
    await expect.poll(() => officer.getByTestId('current-number').count()).toBe(0);
    await officer.keyboard.press('Space');
    await expect.poll(() => officer.getByTestId('current-number').textContent({ timeout: 1000 }).catch(() => null), { timeout: 10_000 }).toBe('A-001');
    expect(await officer.getByTestId('current-booked').textContent()).toBe('Đặt lịch 09:00–09:15');
    if (SHOTS) await officer.screenshot({ path: join(SHOTS, 'checkin-console.png') });
    expect(errors).toEqual([]);
  }, 180_000); // one citizen's story after another, on a machine that may be busy
});
