// The manager app in Debian's Chromium against the real server: a manager signs in, the live view
// follows a ticket issued by a kiosk and called by an officer (both real socket clients), and a
// report over the history renders its Chart.js charts, refuses a reversed range and downloads XLSX.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { PASSWORD, must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { generateHistory } from '../bench/history.ts';
import type { HistoryResult } from '../bench/history.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
let history: HistoryResult;
const errors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  const officers = new Map(server.app.parts.accounts.users().filter((u) => u.role === 'officer').map((u) => [Number(u.username.replace('canbo', '')), u.id]));
  history = await generateHistory(server.dataDir, server.config, { days: 15, ticketsPerDay: 60, now: server.clock.now(), officerOfCounter: officers });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'vi-VN', acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  // Refusals the test provokes (a wrong password, a reversed range) are logged by Chromium as failed
  // loads; anything else on the console is a bug.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Drawn pixels of a canvas: a chart that rendered has thousands, an empty canvas none. */
const inked = (testid: string) => page.getByTestId(testid).evaluate((canvas) => {
  const c = canvas as HTMLCanvasElement;
  const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n += 1;
  return n;
});

describe('manager app', () => {
  it('signs in and shows the floor live as a kiosk issues and an officer calls', async () => {
    await page.goto(`${server.url}/manager`);
    await expect.poll(() => page.getByTestId('status').first().textContent()).toContain('Chưa đăng nhập');
    await page.getByLabel('Tên đăng nhập').fill('quanly');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toBe('Sai tên đăng nhập hoặc mật khẩu');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('live').waitFor();
    await expect.poll(() => page.getByTestId('kpi-issued').textContent()).toBe('0');

    const kiosk = await server.device('kiosk1');
    const issued = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'manager-e2e-1' });
    const row = page.locator('[data-service="DATDAI"]');
    await expect.poll(() => row.getByTestId('waiting').textContent()).toBe('1');
    await expect.poll(() => page.locator('[data-device="kiosk1"]').getByTestId('presence').textContent()).toBe('Trực tuyến');

    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    await must(officer, 'ticket:call-next', {});
    const counter = page.locator('[data-counter="1"]');
    await expect.poll(() => counter.getByTestId('current').textContent()).toContain(issued.ticket.number);
    await expect.poll(() => row.getByTestId('waiting').textContent()).toBe('0');
    expect(await counter.textContent()).toContain('Cán bộ 1');
    await page.screenshot({ path: `${process.env.LUOT_SHOTS_DIR ?? '/tmp'}/manager-e2e-live.png` });
    expect(errors).toEqual([]);
  });

  it('a report over the history renders its charts, tables and downloads', async () => {
    await page.getByTestId('tab-reports').click();
    await page.getByTestId('kpis').waitFor();
    await page.getByTestId('preset-year').click();
    await expect.poll(() => page.getByTestId('kpi-report-issued').textContent()).toBe((history.tickets + 1).toLocaleString('vi-VN'));
    for (const chart of ['chart-daily', 'chart-hours', 'chart-ratings']) {
      await expect.poll(() => inked(chart), { timeout: 10_000 }).toBeGreaterThan(2_000);
    }
    expect(await page.getByTestId('heatmap').textContent()).toContain('T2');
    const table = page.getByTestId('report-table');
    expect(await table.locator('tbody tr').count()).toBe(4); // the four services of the test center
    await table.getByRole('button', { name: 'Đã phục vụ' }).click(); // sort by served, most first
    const served = await table.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(served.map(Number)).toEqual([...served.map(Number)].sort((a, b) => b - a));
    await page.screenshot({ path: `${process.env.LUOT_SHOTS_DIR ?? '/tmp'}/manager-e2e-report.png` });

    const download = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    expect((await download).suggestedFilename()).toMatch(/^luot-bao-cao-\d{4}-\d{2}-\d{2}_2026-11-23\.xlsx$/);

    await page.getByTestId('from').fill('2026-11-23');
    await page.getByTestId('to').fill('2026-11-01');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('report-error').textContent()).toContain('ngày bắt đầu 2026-11-23 sau ngày kết thúc 2026-11-01');
    expect(errors).toEqual([]);
  });
});
