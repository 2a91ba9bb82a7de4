// The pages are served by the server and reach it over Socket.IO from a real browser: a device
// through its pairing link, staff through the session cookie set at sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PASSWORD, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { launchBrowser } from '../helpers/browser.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('apps in the browser', () => {
  it('a kiosk paired by its link connects, keeps the token and hides it from the address bar', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/kiosk#device=${server.deviceTokens.kiosk1}`);
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Đã kết nối');
    expect(page.url()).not.toContain('device=');
    await page.reload();
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Đã kết nối');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a display with a wrong token is told so in Vietnamese', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/display#device=${'z'.repeat(32)}`);
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Thiết bị đã bị thu hồi');
    await context.close();
  });

  it('an officer signed in through the API reaches the counter page with the session cookie', async () => {
    const context = await browser.newContext();
    const res = await context.request.post(`${server.url}/api/auth/login`, { data: { username: 'canbo1', password: PASSWORD } });
    expect(res.status()).toBe(200);
    const page = await context.newPage();
    await page.goto(`${server.url}/counter`);
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Đã kết nối');
    await context.close();

    const anonymous = await browser.newContext();
    const other = await anonymous.newPage();
    await other.goto(`${server.url}/manager`);
    await expect.poll(() => other.getByTestId('status').textContent()).toContain('Chưa đăng nhập');
    await anonymous.close();
  });
});
