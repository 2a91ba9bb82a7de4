// Issue 14's whole journey in Debian's Chromium, with a real local SMS gateway: book on a phone
// viewport → the confirmation reaches the gateway with the booking code → at the kiosk page the
// scanner types the booking QR's text (a burst, then Enter) → the booked ticket on screen → the
// officer calls it (the call reaches the phone too) → done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { bookingQrText } from '@core/booking/codes.ts';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { SmsGateway } from '../helpers/message-receivers.ts';
import { FAST, smsSettings } from '../messages/helpers.ts';
import { at } from '../booking/helpers.ts';

let server: TestServer;
let gateway: SmsGateway;
let browser: Browser;

beforeAll(async () => {
  gateway = new SmsGateway('khoa-cong-sms-thu-nghiem');
  await gateway.start();
  server = await startServer({ messages: { settings: smsSettings(gateway), backoff: FAST } });
  server.clock.t = at('07:00');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await gateway?.stop();
});

async function scan(page: Page, text: string): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.keyboard.type(text, { delay: 1 });
  await page.keyboard.press('Enter');
}

describe('book → message → scan → ticket → called → done', () => {
  it('the whole journey', async () => {
    const errors: string[] = [];
    const phone = watchPage(await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }), errors);
    await phone.goto(`${server.url}/book`);
    await phone.fill('#q', 'dat dai');
    await phone.locator('#hits button', { hasText: 'Đất đai' }).first().click();
    await phone.locator('#days button:not([disabled])').first().click();
    await phone.locator('#slots button', { hasText: '09:00' }).click();
    await phone.fill('input[name=phone]', '0912 345 678');
    await phone.fill('input[name=cccd]', '001090012345');
    await phone.click('#submit');
    const codeText = async () => ((await phone.locator('[data-testid=code]').textContent()) ?? '').trim();
    await expect.poll(codeText, { timeout: 10_000 }).toMatch(/^[2-9A-HJKMNP-Z]{7}$/);
    const shownCode = await codeText();

    // The confirmation at the gateway: the code the citizen will bring.
    await expect.poll(() => gateway.acceptedTo('84912345678').length, { timeout: 10_000 }).toBe(1);
    const confirmation = gateway.acceptedTo('84912345678')[0]!.text;
    expect(confirmation).toContain('Ông/Bà đã đặt lịch Đất đai lúc 09:00 ngày 23/11/2026');
    const code = /Mã đặt lịch: ([2-9A-HJKMNP-Z]{7})/.exec(confirmation)?.[1];
    expect(code).toBe(shownCode);

    // The kiosk page, the morning of the slot: the scanner types the booking QR's text.
    server.clock.t = at('08:55');
    const kiosk = watchPage(await browser.newPage({ viewport: { width: 1080, height: 1920 } }), errors);
    await kiosk.goto(`${server.url}/kiosk#device=${server.deviceTokens.kiosk1}`);
    await expect.poll(() => kiosk.getByTestId('status').textContent()).toContain('Đã kết nối');
    await kiosk.getByTestId('open-booked').waitFor();
    await scan(kiosk, bookingQrText(server.app.parts.bookings.centerTag, code!));
    await kiosk.getByTestId('ticket-booked').waitFor();
    const number = (await kiosk.getByTestId('ticket-number').textContent())!;
    expect(await kiosk.getByTestId('ticket-booked').textContent()).toContain('09:00');
    const booking = server.app.parts.bookings.get(code!)!;
    expect(booking.status).toBe('checked-in');

    // The officer calls it: the call reaches the phone; then the service is done.
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    server.clock.t = at('09:00');
    const called = await must(officer, 'ticket:call-next', {});
    expect(called.number).toBe(number);
    await expect.poll(() => gateway.acceptedTo('84912345678').length, { timeout: 10_000 }).toBe(2);
    expect(gateway.acceptedTo('84912345678')[1]!.text).toBe(`Mời Ông/Bà số ${number} đến quầy số 1.`);
    await must(officer, 'ticket:start', {});
    const done = await must(officer, 'ticket:finish', {});
    expect(done.status).toBe('done');
    expect([...gateway.accepted.values()]).toEqual([1, 1]);
    expect(errors).toEqual([]);
  });
});
