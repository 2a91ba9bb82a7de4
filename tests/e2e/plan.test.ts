// "Kế hoạch quầy" in Debian's Chromium against the real server with engine-generated history: the
// manager opens the plan, runs tomorrow, sees the expected waits plotted by hour, closes a counter
// and sees the figure move, then puts one hour back. (The suggestion is checked over REST:
// tests/manager/plan-api.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { PASSWORD, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { workingDaysBefore, writeHistory } from '../helpers/plan-center.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  await writeHistory(server.store, server.config, workingDaysBefore('2026-11-23', 25), 31);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'vi-VN' });
  page = watchPage(await context.newPage(), errors);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const inked = (testid: string) => page.getByTestId(testid).evaluate((canvas) => {
  const c = canvas as HTMLCanvasElement;
  const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n += 1;
  return n;
});
const minutesOf = (text: string | null) => Number((text ?? '').replace(/[^\d,]/g, '').replace(',', '.'));

describe('counter plan screen', () => {
  it('runs tomorrow, plots the waits by hour, and the figure moves when a counter closes', async () => {
    await page.goto(`${server.url}/manager#plan`);
    await page.getByLabel('Tên đăng nhập').fill('quanly');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('tab-plan').click();
    expect(await page.getByTestId('tab-plan').textContent()).toBe('Kế hoạch quầy');
    await page.getByTestId('plan-tomorrow').click();
    await expect.poll(() => page.getByTestId('plan-day').inputValue()).toBe('2026-11-24');
    await page.getByTestId('plan-counter-hours').waitFor();
    expect(await page.getByTestId('plan-counter-hours').textContent()).toBe('27'); // 3 counters × 9 issuing hours
    await expect.poll(() => inked('plan-waits-chart'), { timeout: 10_000 }).toBeGreaterThan(1_000);
    expect(await inked('plan-arrivals-chart')).toBeGreaterThan(1_000);
    const before = minutesOf(await page.getByTestId('plan-worst-p90').textContent());

    // counter 1 (land only) stays closed all day: land's waits grow
    await page.getByTestId('counter-1').uncheck();
    await expect.poll(() => page.getByTestId('plan-counter-hours').textContent(), { timeout: 30_000 }).toBe('18');
    await page.getByTestId('plan-busy').waitFor({ state: 'detached' });
    const after = minutesOf(await page.getByTestId('plan-worst-p90').textContent());
    expect(after).toBeGreaterThan(before);
    await page.screenshot({ path: `${process.env.LUOT_SHOTS_DIR ?? '/tmp'}/manager-e2e-plan.png` });

    // one more hour back at the morning rush: the grid is the what-if
    await page.getByTestId('cell-1-8').check();
    await expect.poll(() => page.getByTestId('plan-counter-hours').textContent(), { timeout: 30_000 }).toBe('19');

    expect(errors).toEqual([]);
  }, 180_000);

  it('a day opened after another wins, even when the first day answers last', async () => {
    // Tomorrow's plan is held until next Monday's is open; released, it must not replace it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const isTomorrow = (url: URL) => url.pathname === '/api/manager/plan/day' && url.searchParams.get('day') === '2026-11-24';
    await page.route(isTomorrow, async (route) => { await held; await route.continue(); });
    await page.getByTestId('plan-tomorrow').click();
    await page.getByTestId('plan-monday').click();
    await expect.poll(() => page.getByTestId('plan-day').inputValue()).toBe('2026-11-30');
    await page.getByTestId('plan-busy').waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('plan-counter-hours').waitFor();
    // What the page asks after the release: a simulation of tomorrow's plan would be one.
    const askedAfter: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/manager/plan/')) askedAfter.push(new URL(r.url()).pathname); });
    const done = page.waitForEvent('requestfinished', (r) => isTomorrow(new URL(r.url())));
    release();
    await done;
    for (let i = 0; i < 2; i++) await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    expect(askedAfter).toEqual([]);
    expect(await page.getByTestId('plan-day').inputValue()).toBe('2026-11-30');
    await page.unroute(isTomorrow);
    expect(errors).toEqual([]);
  }, 120_000);
});
