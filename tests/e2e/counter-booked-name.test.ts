// The counter console in Chromium shows the name given when booking ("Tên khi đặt lịch: …") on
// the current ticket only when the admin turned showNameToOfficers on; off, the same booked ticket
// shows its "Đặt lịch" mark and no name.
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CenterConfigSchema } from '@core/config.ts';
import type { BookingCheckedIn } from '@core/protocol.ts';
import { Refusal } from '@core/refusal.ts';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { must, PASSWORD, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { at, cccd, phone } from '../booking/helpers.ts';

let browser: Browser;
let server: TestServer | undefined;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });
afterEach(async () => { await server?.close(); server = undefined; });

const NAME = 'Trần Văn Bình';

async function consoleWithBookedTicket(show: boolean): Promise<{ page: Page; errors: string[] }> {
  const base = testCenterConfig();
  server = await startServer({ config: CenterConfigSchema.parse({ ...base, bookings: { ...base.bookings, showNameToOfficers: show } }) });
  const s = server;
  s.clock.t = at('07:00');
  const made = await s.app.parts.bookings.create({
    serviceCode: 'DATDAI', procedureCode: null, slotStart: at('09:00'), phone: phone(1), cccd: cccd(1), name: NAME,
    source: { kind: 'web', integration: null, reference: null },
  });
  if (made instanceof Refusal) throw new Error(made.code);
  s.clock.t = at('08:55');
  const checked = await must(await s.device('kiosk1'), 'booking:check-in', { requestId: 'console-name-01', code: made.booking.code }) as BookingCheckedIn;
  const officer = await s.officer(1);
  await must(officer, 'counter:open', { counter: 1 });
  const errors: string[] = [];
  const page = watchPage(await browser.newPage({ viewport: { width: 1366, height: 768 } }), errors);
  await page.goto(`${s.url}/counter`);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('username');
  await page.keyboard.type('canbo1');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await must(officer, 'ticket:call', { ticketId: checked.ticket.id });
  await expect.poll(() => page.getByTestId('current-booked').textContent({ timeout: 1000 }).catch(() => null), { timeout: 15_000 }).toContain('Đặt lịch 09:00');
  return { page, errors };
}

describe('the booked name on the counter console', () => {
  it('on: "Tên khi đặt lịch: Trần Văn Bình" on the current ticket', async () => {
    const { page, errors } = await consoleWithBookedTicket(true);
    await expect.poll(() => page.getByTestId('current-booked-name').textContent({ timeout: 1000 }).catch(() => null), { timeout: 10_000 }).toBe(`Tên khi đặt lịch: ${NAME}`);
    expect(errors).toEqual([]);
  });

  it('off: the mark, no name', async () => {
    const { page, errors } = await consoleWithBookedTicket(false);
    // The console asked (and was told null) by the time the mark is up and the network is idle.
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('current-booked-name').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain(NAME);
    expect(errors).toEqual([]);
  });
});
