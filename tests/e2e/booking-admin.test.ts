// The admin's booking screen in Chromium: holidays and slot rules saved live, and a portal key made
// (shown once) and revoked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { openAdmin } from '../helpers/admin-page.ts';
import { startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

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

describe('Quản trị → Đặt lịch', () => {
  it('saves holidays and the slot capacity live, and makes and revokes a portal key', async () => {
    const errors: string[] = [];
    const page = watchPage(await browser.newPage({ viewport: { width: 1280, height: 900 } }), errors);
    await openAdmin(page, server.url, 'bookings');
    await page.getByLabel('Ngày nghỉ lễ, mỗi dòng một ngày YYYY-MM-DD').fill('2026-12-24\n2027-01-01');
    await page.getByLabel('Số người mỗi khung giờ').fill('3');
    await page.getByTestId('bookings-form').getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toBe('Đã lưu, đã áp dụng ngay');
    expect(server.app.parts.config.current.bookings).toMatchObject({ holidays: ['2026-12-24', '2027-01-01'], defaults: { capacity: 3 } });

    await page.getByLabel('Tên kết nối').fill('Cổng DVC tỉnh');
    await page.getByRole('button', { name: 'Tạo khóa' }).click();
    const key = (await page.getByTestId('new-key').textContent())!;
    expect(key).toMatch(/^luot_/);
    const ok = await fetch(`${server.url}/api/portal/bookings?day=2026-11-23`, { headers: { 'x-api-key': key } });
    expect(ok.status).toBe(200);
    await page.getByRole('button', { name: 'Thu hồi' }).click();
    await page.getByText('đã thu hồi').waitFor();
    expect((await fetch(`${server.url}/api/portal/bookings?day=2026-11-23`, { headers: { 'x-api-key': key } })).status).toBe(401);
    expect(errors).toEqual([]);
  });
});
