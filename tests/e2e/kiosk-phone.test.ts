// The kiosk's walk-in extras in Debian's Chromium: the optional phone step (only while messages
// are on; a large keypad; a wrong number said plainly; skip as big as confirm) → the number on the
// ticket and the call message at the local SMS gateway; and a walk-in who scans a chip ID card
// without a booking gets the age priority on the ticket when the rule is on.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CenterConfigSchema } from '@core/config.ts';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { SmsGateway } from '../helpers/message-receivers.ts';
import { FAST, smsSettings } from '../messages/helpers.ts';
import { at, cccdQr } from '../booking/helpers.ts';

let browser: Browser;
let server: TestServer | undefined;
let gateway: SmsGateway | undefined;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });
afterEach(async () => {
  await server?.close();
  await gateway?.stop();
  server = gateway = undefined;
});

async function openKiosk(s: TestServer, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const page = watchPage(await context.newPage(), errors);
  await page.goto(`${s.url}/kiosk#device=${s.deviceTokens.kiosk1}`);
  await expect.poll(() => page.getByTestId('status').textContent()).toContain('Đã kết nối');
  return page;
}

const typeDigits = async (page: Page, digits: string) => {
  for (const d of digits) await page.locator(`[data-digit="${d}"]`).click();
};

describe('the kiosk phone step', () => {
  it('messages on: service → phone step; a wrong number refused on screen; a right one on the ticket and texted at the call; skip works', async () => {
    gateway = new SmsGateway('khoa-cong-sms-thu-nghiem');
    await gateway.start();
    server = await startServer({ messages: { settings: smsSettings(gateway), backoff: FAST } });
    const errors: string[] = [];
    const page = await openKiosk(server, errors);

    await page.getByTestId('department-STNMT').click();
    await page.getByTestId('service-DATDAI').click();
    await page.getByRole('heading', { name: 'Nhận tin nhắn khi sắp đến lượt?' }).waitFor();
    await typeDigits(page, '0123456789');
    await expect.poll(() => page.getByTestId('phone-invalid').textContent()).toContain('Số điện thoại chưa đúng');
    expect(await page.getByTestId('phone-confirm').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Xóa' }).click();
    await typeDigits(page, '0912345678');
    expect(await page.getByTestId('phone-entry').textContent()).toBe('0912 345 678');
    await page.getByTestId('phone-confirm').click();
    await page.getByTestId('ticket-number').waitFor();
    const number = (await page.getByTestId('ticket-number').textContent())!;
    const ticket = Object.values(server.app.parts.queue.current.tickets).find((t) => t.number === number)!;
    expect(ticket.phone).toBe('0912345678');
    expect(await page.locator('body').textContent()).not.toContain('0912345678');

    // The next citizen skips: a ticket all the same, with no number.
    await page.getByTestId('done').click();
    await page.getByTestId('department-STNMT').click();
    await page.getByTestId('service-DATDAI').click();
    await page.getByTestId('phone-skip').click();
    await page.getByTestId('ticket-number').waitFor();
    const skipped = (await page.getByTestId('ticket-number').textContent())!;
    expect(skipped).not.toBe(number);
    expect(Object.values(server.app.parts.queue.current.tickets).find((t) => t.number === skipped)!.phone ?? null).toBeNull();

    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    await must(officer, 'ticket:call-next', {});
    await expect.poll(() => gateway!.acceptedTo('84912345678').length, { timeout: 10_000 }).toBe(1);
    expect(gateway.acceptedTo('84912345678')[0]!.text).toBe(`Mời Ông/Bà số ${number} đến quầy số 1.`);
    expect(errors).toEqual([]);
  });

  it('messages off: no phone step, the ticket at once', async () => {
    server = await startServer();
    const errors: string[] = [];
    const page = await openKiosk(server, errors);
    await page.getByTestId('department-STNMT').click();
    await page.getByTestId('service-DATDAI').click();
    await page.getByTestId('ticket-number').waitFor();
    expect(await page.getByTestId('phone-skip').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('age priority for a walk-in who scans the ID card', () => {
  it('no booking today → "ưu tiên: Người cao tuổi" said → walk-in → the ticket is a priority one', async () => {
    const base = testCenterConfig();
    server = await startServer({ config: CenterConfigSchema.parse({ ...base, kiosk: { ...base.kiosk, agePriority: { minAge: 75, category: 'elderly' } } }) });
    server.clock.t = at('08:00');
    const errors: string[] = [];
    const page = await openKiosk(server, errors);
    await page.getByTestId('open-booked').waitFor();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.keyboard.type(cccdQr('001045000777', { birth: '02011945' }), { delay: 1 });
    await page.keyboard.press('Enter');
    await page.getByTestId('check-in-refused').waitFor();
    expect(await page.getByTestId('check-in-refused').getAttribute('data-code')).toBe('BOOKING_NONE_TODAY');
    expect(await page.getByTestId('age-priority').textContent()).toBe('Theo thẻ căn cước, Ông/Bà được ưu tiên: Người cao tuổi');
    await page.getByTestId('walk-in').click();
    await page.getByTestId('priority-on').waitFor();
    await page.getByTestId('department-STP').click();
    await page.getByTestId('service-HOTICH').click();
    await page.getByTestId('ticket-number').waitFor();
    const number = (await page.getByTestId('ticket-number').textContent())!;
    const ticket = Object.values(server.app.parts.queue.current.tickets).find((t) => t.number === number)!;
    expect(ticket.priority).toBe('elderly');
    expect(JSON.stringify(server.app.parts.queue.current)).not.toContain('001045000777');
    expect(errors).toEqual([]);
  });
});
