// The section "Đặt lịch hẹn" of the province's reports in Debian's Chromium, against a real hub
// (PostgreSQL) and a real site enrolled with it: bookings made, checked in, called and cancelled at
// the site are shown by site and by service with the same figures as the site's own booking report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BookingFigures } from '@core/booking/report.ts';
import type { BookingCheckedIn } from '@core/protocol.ts';
import { DIST_DIR } from '../../server/http/pages.ts';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { HUB_PASSWORD, startHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { startPostgres } from '../helpers/postgres.ts';
import type { PgCluster } from '../helpers/postgres.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { at, book } from '../booking/helpers.ts';

const TODAY = '2026-11-23';
let cluster: PgCluster;
let hub: TestHub;
let site: TestServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
  hub = await startHub(cluster, { distDir: DIST_DIR });
  site = await startServer();
  const token = await hub.createSite('xa-dat-lich', 'UBND xã Đặt Lịch');
  const res = await fetch(`${site.url}/api/hub-link/enrol`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await site.login('admin')}` },
    body: JSON.stringify({ url: hub.url, token }),
  });
  expect((await res.json()).ok).toBe(true);
  browser = await launchBrowser();
  page = watchPage(await (await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'vi-VN' })).newPage(), errors);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await hub?.close();
  await cluster?.stop();
});

describe('province dashboard: bookings', () => {
  it('shows the bookings of the range by site and by service, equal to the site’s own booking report', async () => {
    const honoured = await book(site, { slot: '10:00', n: 1 });
    await book(site, { slot: '10:30', n: 2 });
    const cancelled = await book(site, { slot: '11:00', n: 3 });
    await site.app.parts.bookings.cancel(cancelled.code, null);
    site.clock.t = at('09:55');
    const checked = await must(await site.device('kiosk1'), 'booking:check-in', { requestId: 'province-book-1', code: honoured.code }) as BookingCheckedIn;
    const officer = await site.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    site.clock.t = at('10:06');
    await must(officer, 'ticket:call', { ticketId: checked.ticket.id });
    await expect.poll(() => site.app.parts.hubLink.bookings.state()?.pending, { timeout: 15_000 }).toBe(0);
    const own = ((await (await fetch(`${site.url}/api/manager/bookings?from=${TODAY}&to=${TODAY}`, { headers: { authorization: `Bearer ${await site.login('quanly')}` } })).json()) as { data: { total: BookingFigures } }).data.total;
    expect(own).toMatchObject({ made: 3, honoured: 1, noShow: 0, cancelled: 1, open: 1 });

    await page.goto(`${hub.url}/province`);
    await page.getByLabel('Tên đăng nhập').fill('quanly');
    await page.getByLabel('Mật khẩu').fill(HUB_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('tab-reports').click();
    await page.getByLabel('Từ ngày').fill(TODAY);
    await page.getByLabel('Đến ngày').fill(TODAY);
    await page.getByTestId('show').click();
    const section = page.getByTestId('bookings');
    await expect.poll(() => section.getByRole('heading', { level: 2 }).textContent(), { timeout: 10_000 }).toBe('Đặt lịch hẹn');
    const expected = (name: string) => [
      name, String(own.made), String(own.honoured), String(own.noShow), String(own.cancelled), String(own.open), '100 %',
      `${Math.round(own.onTimeShare! * 1000) / 10} %`, (own.waitFromSlot.avgSec! / 60).toFixed(1), (own.waitFromSlot.medianSec! / 60).toFixed(1), (own.waitFromSlot.p90Sec! / 60).toFixed(1),
    ];
    const rows = section.getByTestId('bookings-by-site').locator('tbody tr');
    await expect.poll(() => rows.nth(1).locator('td').allTextContents(), { timeout: 10_000 }).toEqual(expected('UBND xã Đặt Lịch'));
    expect(await rows.nth(0).locator('td').allTextContents()).toEqual(expected('Toàn tỉnh'));
    expect(await section.getByTestId('bookings-by-service').locator('tbody tr').first().locator('td').allTextContents()).toEqual(expected('Đất đai'));
    expect(errors).toEqual([]);
  });
});
