// The manager app's Reports tab shows the booking figures of the chosen range: made, honoured,
// no-show, cancelled, on-time share, the wait from the slot's start; total and per day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { BookingCheckedIn } from '@core/protocol.ts';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { must, PASSWORD, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { at, book } from '../booking/helpers.ts';

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

describe('Báo cáo → Đặt lịch hẹn', () => {
  it('the booking card: 2 made, 1 honoured on time and called 10 min after its slot, 1 cancelled', async () => {
    server.clock.t = at('07:00');
    const honoured = await book(server, { slot: '08:00', n: 1 });
    const cancelled = await book(server, { slot: '09:00', n: 2 });
    await server.app.parts.bookings.cancel(cancelled.code, null);
    server.clock.t = at('07:50');
    const checked = await must(await server.device('kiosk1'), 'booking:check-in', { requestId: 'mgr-book-00001', code: honoured.code }) as BookingCheckedIn;
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    server.clock.t = at('08:10');
    await must(officer, 'ticket:call', { ticketId: checked.ticket.id });

    const errors: string[] = [];
    const page = watchPage(await browser.newPage({ viewport: { width: 1280, height: 900 } }), errors);
    await page.goto(`${server.url}/manager`);
    await page.getByLabel('Tên đăng nhập').fill('quanly');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('live').waitFor();
    await page.getByTestId('tab-reports').click();
    const card = page.getByTestId('booking-figures');
    await card.waitFor();
    expect(await card.getByRole('heading').textContent()).toBe('Đặt lịch hẹn (toàn trung tâm)');
    const total = await card.getByTestId('booking-figures-total').locator('td').allTextContents();
    expect(total).toEqual(['Tổng cộng', '2', '1', '0', '1', '0', '100%', '10 phút', '10 phút', '10 phút']);
    expect(await card.getByTestId('booking-figures-day').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
