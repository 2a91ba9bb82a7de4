// The display benchmark's side of the browser: open a board, watch its big number change, read
// its heap after a forced garbage collection.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

export interface BoardLab {
  url: string;
  token: string;
  log(line: string): void;
}

export async function openBoard(browser: Browser, lab: BoardLab): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('pageerror', (e) => lab.log(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') lab.log(`console error: ${m.text()}`); });
  await page.goto(`${lab.url}/display#device=${lab.token}`);
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent?.includes('Đã kết nối'));
  return page;
}

/** Records when each new big number is in the DOM and when the next frame after it starts. */
export async function watchNumbers(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __seen: Map<string, { dom: number; frame: number }> };
    w.__seen = new Map();
    const target = document.querySelector('[data-testid=latest]')!;
    let last = '';
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid=latest-number]')?.textContent ?? '';
      if (!text || text === last) return;
      last = text;
      const dom = performance.timeOrigin + performance.now();
      requestAnimationFrame(() => w.__seen.set(text, { dom, frame: performance.timeOrigin + performance.now() }));
    }).observe(target, { subtree: true, childList: true, characterData: true });
  });
}

export interface HeapReading { calls: number; usedJsHeapMb: number; cdpUsedMb: number; domNodes: number; recentRows: number }

/** Reads the board's heap once it has caught up: connected, and showing the last call made. */
export async function heap(page: Page, calls: number, lastCalled: string): Promise<HeapReading> {
  await page.waitForFunction((n) => document.querySelector('[data-testid=status]')?.textContent?.includes('Đã kết nối')
    && document.querySelector('[data-testid=latest-number]')?.textContent === n, lastCalled, { timeout: 20_000 });
  await page.waitForTimeout(1_000); // let animations and timers settle
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  const inPage = await page.evaluate(() => ({
    used: (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize,
    nodes: document.getElementsByTagName('*').length,
    rows: document.querySelectorAll('[data-testid=recent-calls] li').length,
  }));
  if (process.env.BENCH_SHOTS) await page.screenshot({ path: join(process.env.BENCH_SHOTS, `board-after-${calls}-calls.png`) });
  const mb = (b: number) => Math.round((b / 1048576) * 100) / 100;
  return { calls, usedJsHeapMb: mb(inPage.used), cdpUsedMb: mb(usage.usedSize), domNodes: inPage.nodes, recentRows: inPage.rows };
}

