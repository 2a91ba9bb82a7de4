// Book on a phone (390×844) in Chromium: search, day, slot, phone, CCCD → the code and its QR;
// then the kiosk checks the booking in with the code (as the scanner types the QR's text), an
// officer calls the ticket and finishes it. Moving and cancelling on the page too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bookingQrText } from '@core/booking/codes.ts';
import type { BookingCheckedIn } from '@core/protocol.ts';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { at } from '../booking/helpers.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  server.clock.t = at('07:00');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the /book page on a phone', () => {
  it('books, shows the code and QR; the kiosk checks it in; the ticket is called and done', async () => {
    const errors: string[] = [];
    const page = watchPage(await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }), errors);
    await page.goto(`${server.url}/book`);
    expect(await page.locator('h1').textContent()).toContain('Đặt lịch hẹn');
    await page.fill('#q', 'dat dai');
    await page.locator('#hits button', { hasText: 'Đất đai' }).first().click();
    await page.locator('#days button:not([disabled])').first().click();
    await page.locator('#slots button', { hasText: '09:00' }).click();
    await page.fill('input[name=phone]', '0912 345 678');
    await page.fill('input[name=cccd]', '00109001234');
    await page.click('#submit');
    await page.locator('#err', { hasText: 'số căn cước công dân phải có đúng 12 chữ số' }).waitFor();
    await page.fill('input[name=cccd]', '001090012345');
    await page.click('#submit');
    // The code's element is on the page before the answer fills it: wait for the code itself.
    const codeText = async () => ((await page.locator('[data-testid=code]').textContent()) ?? '').trim();
    await expect.poll(codeText, { timeout: 10_000 }).toMatch(/^[2-9A-HJKMNP-Z]{7}$/);
    const code = await codeText();
    expect(await page.locator('#qr svg').count()).toBe(1);
    expect(await page.locator('#when').textContent()).toContain('09:00–09:15, ngày 23/11/2026');
    expect(await page.locator('body').textContent()).not.toContain('001090012345');
    expect(server.app.parts.bookings.get(code)).toMatchObject({ status: 'booked', phone: '0912345678' });

    // At the kiosk: the scanner types the QR's text and Enter.
    server.clock.t = at('08:55');
    const kiosk = await server.device('kiosk1');
    const checked = await must(kiosk, 'booking:check-in', { requestId: 'e2e-checkin-1', code: bookingQrText(server.app.parts.bookings.centerTag, code) }) as BookingCheckedIn;
    expect(checked.booking.code).toBe(code);
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    server.clock.t = at('09:00');
    const called = await must(officer, 'ticket:call-next', {});
    expect(called.id).toBe(checked.ticket.id);
    await must(officer, 'ticket:start', {});
    const done = await must(officer, 'ticket:finish', {});
    expect(done.status).toBe('done');
    expect(server.app.parts.bookings.get(code)!.status).toBe('checked-in');
    expect(errors).toEqual([]);
  });

  it('finds a booking by code and phone, moves it, then cancels it', async () => {
    server.clock.t = at('07:00');
    const made = await server.app.parts.bookings.create({
      serviceCode: 'HOTICH', procedureCode: null, slotStart: at('10:00'), phone: '0987654321', cccd: '079301000001', name: null,
      source: { kind: 'web', integration: null, reference: null },
    });
    if (!('booking' in made)) throw new Error('not booked');
    const errors: string[] = [];
    const page = watchPage(await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true }), errors);
    await page.goto(`${server.url}/book`);
    await page.click('#m summary');
    await page.fill('#mf input[name=code]', made.booking.code.toLowerCase());
    await page.fill('#mf input[name=phone]', '0987 654 321');
    await page.click('#mf button');
    await page.locator('#s4:not([hidden])').waitFor();
    expect(await page.locator('#when').textContent()).toContain('10:00–10:15');
    await page.click('#move');
    await page.locator('#days button:not([disabled])').first().click();
    await page.locator('#slots button', { hasText: '10:30' }).click();
    await page.locator('#when', { hasText: '10:30–10:45' }).waitFor();
    expect(server.app.parts.bookings.get(made.booking.code)!.slotStart).toBe(at('10:30'));
    await page.click('#cancel');
    await page.locator('#state', { hasText: 'Lịch hẹn đã được hủy' }).waitFor();
    expect(server.app.parts.bookings.get(made.booking.code)!.status).toBe('cancelled');
    expect(errors).toEqual([]);
  });
});
