// The phone status page in Chromium (issue 17): "Bật rung và chuông báo" really hides (a CSS
// display rule used to beat `hidden`), never shows on a finished ticket, and its confirmation
// stays readable across the page's updates instead of vanishing at the next poll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { must, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let kiosk: Client;
let seq = 0;
const tap = () => `status-${String(++seq).padStart(8, '0')}`;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  kiosk = await server.device('kiosk1');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const shown = (page: Page, selector: string) => page.locator(selector).evaluate((e) => getComputedStyle(e).display !== 'none' && (e as HTMLElement).offsetHeight > 0);
/** The page's next update of the status block (it polls every few seconds). */
const nextPoll = (page: Page) => page.waitForResponse((r) => r.url().includes('?part=status') && r.ok(), { timeout: 20_000 });

describe('status page alert', () => {
  it('hides once armed, keeps its confirmation across updates, and goes when the ticket is done', async () => {
    const errors: string[] = [];
    const issued = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    const page = watchPage(await browser.newPage({ viewport: { width: 390, height: 800 } }), errors);
    await page.goto(`${server.url}/t/${issued.ticket.id}`);
    expect(await shown(page, '#alert')).toBe(true);
    expect(await shown(page, '#note')).toBe(false);

    await page.click('#alert');
    expect(await shown(page, '#alert')).toBe(false);
    expect(await page.locator('#note').textContent()).toContain('Đã bật báo khi đến lượt');
    await nextPoll(page);
    await nextPoll(page);
    expect(await shown(page, '#note')).toBe(true);
    expect(await page.locator('#note').textContent()).toContain('Đã bật báo khi đến lượt');

    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    await must(officer, 'ticket:call-next', {});
    await must(officer, 'ticket:finish', {});
    await expect.poll(() => page.locator('#status').getAttribute('data-state'), { timeout: 20_000 }).toBe('done');
    expect(await shown(page, '#alert')).toBe(false);
    expect(await shown(page, '#note')).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a done or missed ticket never offers the alert', async () => {
    const officer = await server.officer(2);
    await must(officer, 'counter:open', { counter: 2 });
    const done = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    await must(officer, 'ticket:call-next', {});
    await must(officer, 'ticket:finish', {});
    const missed = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    await must(officer, 'ticket:call-next', {});
    await must(officer, 'ticket:no-show', {});
    for (const id of [done.ticket.id, missed.ticket.id]) {
      const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
      await page.goto(`${server.url}/t/${id}`);
      expect(['done', 'no-show']).toContain(await page.locator('#status').getAttribute('data-state'));
      expect(await shown(page, '#alert')).toBe(false);
      await page.close();
    }
  });
});
