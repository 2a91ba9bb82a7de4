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

  it('per-service working days: kept when saving, edited in the service line, a bad day refused in Vietnamese', async () => {
    const errors: string[] = [];
    const cfg = server.app.parts.config.current;
    const admin = await server.login('admin');
    const put = await fetch(`${server.url}/api/admin/booking-settings`, {
      method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...cfg.bookings, services: { HOTICH: { ...cfg.bookings.defaults, workingDays: [1, 2, 3, 4, 5, 6] } } }),
    });
    expect(put.status).toBe(200);
    const page = watchPage(await browser.newPage({ viewport: { width: 1280, height: 900 } }), errors);
    await openAdmin(page, server.url, 'bookings');
    const lines = page.getByTestId('bookings-services');
    expect(await lines.inputValue()).toMatch(/^HOTICH \| .* \| bat \| 1,2,3,4,5,6$/);
    const save = async () => {
      await page.getByTestId('bookings-form').getByRole('button', { name: 'Lưu' }).click();
      await expect.poll(() => page.getByTestId('admin-message').textContent()).not.toBe('');
    };
    await page.getByLabel('Số người mỗi khung giờ').fill('5'); // another change: the service's days must survive it
    await save();
    await expect.poll(() => server.app.parts.config.current.bookings.defaults.capacity).toBe(5);
    expect(server.app.parts.config.current.bookings.services.HOTICH!.workingDays).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.app.parts.config.current.bookings.defaults.workingDays).toEqual([1, 2, 3, 4, 5]);

    await lines.fill('HOTICH | 15 | 4 | 14 | 30 | 50 | bat | 2,4,6\nLLTP | 30 | 2 | 7 | 60 | 0 | bat | 1 3 5');
    await save();
    await expect.poll(() => server.app.parts.config.current.bookings.services.LLTP?.workingDays).toEqual([1, 3, 5]);
    expect(server.app.parts.config.current.bookings.services.HOTICH!.workingDays).toEqual([2, 4, 6]);

    await lines.fill('HOTICH | 15 | 4 | 14 | 30 | 50 | bat | thu bay');
    await page.getByTestId('bookings-form').getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toContain('Ngày làm việc không hợp lệ');
    expect(server.app.parts.config.current.bookings.services.HOTICH!.workingDays).toEqual([2, 4, 6]);
    expect(errors).toEqual([]);
  });
});
