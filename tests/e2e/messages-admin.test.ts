// The "Tin nhắn" admin screen in Debian's Chromium against the real server and a real local SMS
// gateway: a template with a wrong placeholder is refused in Vietnamese and nothing is saved;
// fixed, saved and switched on, a called ticket's phone gets its message, and the manager's live
// floor shows it as sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { openAdmin } from '../helpers/admin-page.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { SmsGateway } from '../helpers/message-receivers.ts';
import { issueWithPhone } from '../messages/helpers.ts';

let server: TestServer;
let gateway: SmsGateway;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  gateway = new SmsGateway('khoa-cong-sms-thu-nghiem');
  await gateway.start();
  server = await startServer({ messages: { backoff: { baseMs: 40, maxMs: 300 } } });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'vi-VN' });
  page = await context.newPage();
  watchPage(page, errors);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await gateway?.stop();
});

describe('messages admin screen', () => {
  it('refuses a wrong placeholder in Vietnamese, then sends through the gateway it was given', async () => {
    await openAdmin(page, server.url, 'messages');
    const form = page.getByTestId('messages-form');
    await page.getByTestId('messages-provider').selectOption('sms');
    await page.getByTestId('sms-url').fill(gateway.url);
    await form.getByLabel('Giá trị header xác thực').fill(`Bearer ${gateway.apiKey}`);
    await form.getByLabel('Thành công khi phản hồi chứa (để trống: mọi mã 2xx)').fill('"status":"OK"');
    await page.getByTestId('messages-enabled').check();
    await page.getByTestId('template-call').fill('Mời Ông/Bà số {number} đến quầy {quay}');
    await page.getByTestId('messages-save').click();
    await expect.poll(() => page.getByTestId('admin-message').textContent())
      .toContain('Chưa lưu cấu hình tin nhắn: Mẫu «Mời vào quầy» dùng biến không có: {quay}');
    expect(server.app.parts.messages.settings.current.enabled).toBe(false);

    await page.getByTestId('template-call').fill('Mời Ông/Bà số {number} đến quầy số {counter}.');
    await page.getByTestId('messages-save').click();
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toBe('Đã lưu');
    expect(server.app.parts.messages.settings.current).toMatchObject({ enabled: true, provider: 'sms', sms: { url: gateway.url, authValue: `Bearer ${gateway.apiKey}` } });

    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const t = await issueWithPhone(server, 'DATDAI', '0912345678');
    await must(officer, 'ticket:call-next', {});
    await expect.poll(() => gateway.acceptedTo('84912345678').map((r) => r.text), { timeout: 5_000 }).toEqual([`Mời Ông/Bà số ${t.number} đến quầy số 1.`]);

    await page.getByTestId('tab-live').click();
    await expect.poll(() => page.getByTestId('messages-sent').textContent(), { timeout: 20_000 }).toBe('1');
    expect(await page.getByTestId('messages-card').textContent()).toContain('Cổng SMS');
    expect(errors).toEqual([]);
  });
});
