// Small lapses from the walk through the center (issue 17), in Chromium against the real server:
// the rating pad's chosen reasons are unmistakable; the kiosk's printer message never breaks the
// number; "Hủy phiếu này" takes a mis-tapped ticket back (cancelled, not deleted).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { must, PASSWORD, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { closedPort, configWithPrinters } from '../kiosk/helpers.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  const config = configWithPrinters({ kiosk1: { kind: 'network', url: `tcp://127.0.0.1:${await closedPort()}`, timeoutMs: 500 } });
  server = await startServer({ config, ratingTimeoutSec: 120 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Contrast ratio of two CSS colours (WCAG). */
async function contrast(page: Page, selector: string): Promise<{ text: number; chosenVsNot: number }> {
  return page.evaluate((sel) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const ch = (v: number) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * ch(r!) + 0.7152 * ch(g!) + 0.0722 * ch(b!);
    };
    const ratio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const chosen = document.querySelector(sel)!;
    const other = document.querySelector('button.reason[aria-pressed="false"]')!;
    const bg = (e: Element) => lum(rgb(getComputedStyle(e).backgroundColor));
    return { text: ratio(lum(rgb(getComputedStyle(chosen).color)), bg(chosen)), chosenVsNot: ratio(bg(chosen), bg(other)) };
  }, selector);
}

describe('rating pad', () => {
  it('a chosen reason carries a check mark and a solid colour, not a faint tint', async () => {
    const errors: string[] = [];
    const pad = watchPage(await browser.newPage({ viewport: { width: 1280, height: 800 } }), errors);
    await pad.goto(`${server.url}/counter/rating#device=${server.deviceTokens.pad1}`);
    await expect.poll(() => pad.getByTestId('pad-counter').textContent()).toBe('Quầy số 1');
    const kiosk = await server.device('kiosk2');
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'pad-lapse-0001' });
    await must(officer, 'ticket:call-next', {});
    await must(officer, 'ticket:finish', {});
    await pad.locator('button[data-score="2"]').click();
    const reason = pad.locator('button[data-reason="waiting-time"]');
    await reason.click();
    expect(await reason.getAttribute('aria-pressed')).toBe('true');
    expect(await reason.locator('.check').textContent()).toBe('✓');
    expect(await pad.locator('button[data-reason="guidance"] .check').textContent()).toBe('');
    const c = await contrast(pad, 'button[data-reason="waiting-time"]');
    expect(c.text).toBeGreaterThanOrEqual(4.5);
    expect(c.chosenVsNot).toBeGreaterThanOrEqual(3);
    await reason.click();
    expect(await reason.locator('.check').textContent()).toBe('');
    expect(errors).toEqual([]);
    await pad.close();
  });
});

describe('kiosk', () => {
  it('a printer failure keeps the number on one line, even on a narrow screen', async () => {
    const page = await browser.newPage({ viewport: { width: 600, height: 1100 } });
    await page.goto(`${server.url}/kiosk#device=${server.deviceTokens.kiosk1}`);
    await page.getByTestId('department-STP').click();
    await page.getByTestId('service-LLTP').click();
    await expect.poll(() => page.getByTestId('print-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('failed');
    const number = page.getByTestId('print-number');
    expect(await number.textContent()).toBe(await page.getByTestId('ticket-number').textContent());
    // One line: its box is no taller than one line of its text.
    const { height, line } = await number.evaluate((e) => ({ height: e.getBoundingClientRect().height, line: parseFloat(getComputedStyle(e).lineHeight) || parseFloat(getComputedStyle(e).fontSize) * 1.4 }));
    expect(height).toBeLessThanOrEqual(line + 1);
    expect(await number.evaluate((e) => getComputedStyle(e).whiteSpace)).toBe('nowrap');
    await page.close();
  });

  it('"Hủy phiếu này" cancels the ticket just taken, then is no longer offered', async () => {
    const errors: string[] = [];
    const page = watchPage(await browser.newPage({ viewport: { width: 1080, height: 1920 } }), errors);
    await page.goto(`${server.url}/kiosk#device=${server.deviceTokens.kiosk2}`);
    await page.getByTestId('department-STP').click();
    await page.getByTestId('service-HOTICH').click();
    await page.getByTestId('ticket').waitFor();
    const number = (await page.getByTestId('ticket-number').textContent())!;
    const ticket = Object.values(server.app.parts.queue.current.tickets).find((t) => t.number === number)!;
    expect(await page.getByTestId('undo').textContent()).toContain('Hủy phiếu này');
    await page.getByTestId('undo').click();
    await page.getByTestId('undone').waitFor();
    expect(await page.getByTestId('undone').textContent()).toContain(`Đã hủy phiếu ${number}`);
    expect(server.app.parts.queue.ticket(ticket.id)).toMatchObject({ status: 'cancelled', endReason: 'Hủy tại kiosk ngay sau khi lấy số' });

    // The next ticket: the offer goes away by itself after a few seconds.
    await page.getByTestId('department-STP').click();
    await page.getByTestId('service-HOTICH').click();
    await page.getByTestId('ticket').waitFor();
    await page.getByTestId('undo').waitFor();
    await page.getByTestId('undo').waitFor({ state: 'detached', timeout: 20_000 });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('counter console', () => {
  it('"Vừa kết thúc" adds a no-show and a transferred ticket as they happen, without a reload', async () => {
    const errors: string[] = [];
    const page = watchPage(await browser.newPage({ viewport: { width: 1366, height: 768 } }), errors);
    await page.goto(`${server.url}/counter`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('username');
    await page.keyboard.type('canbo2');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('button[data-counter="2"]').click();
    await expect.poll(() => page.getByTestId('counter-name').textContent()).toBe('Quầy số 2');

    // The officer's second tab (a socket of the same account) acts; this page only listens.
    const tab = await server.officer(2);
    const kiosk = await server.device('kiosk2');
    const missed = await must(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: 'recent-lapse-01' });
    const moved = await must(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: 'recent-lapse-02' });
    const recent = () => page.locator('section.recent li').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
    await must(tab, 'ticket:call', { ticketId: missed.ticket.id });
    await expect.poll(() => page.getByTestId('current-number').textContent()).toBe(missed.ticket.number);
    await must(tab, 'ticket:no-show', {});
    await expect.poll(recent, { timeout: 10_000 }).toEqual([expect.stringContaining(`${missed.ticket.number}`)]);
    expect((await recent())[0]).toContain('Vắng mặt');
    await must(tab, 'ticket:call', { ticketId: moved.ticket.id });
    await expect.poll(() => page.getByTestId('current-number').textContent()).toBe(moved.ticket.number);
    await must(tab, 'ticket:transfer', { toCounter: 3 });
    await expect.poll(async () => (await recent())[0] ?? '', { timeout: 10_000 }).toContain(moved.ticket.number);
    expect((await recent())[0]).toContain('Đã chuyển');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('all-zones board', () => {
  it('with 100 counters every tile shows its whole "Quầy N"', async () => {
    const { testCenterConfig } = await import('../helpers/center.ts');
    const big = await startServer({ config: testCenterConfig({ counters: 100 }) });
    try {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${big.url}/display?sound=0#device=${big.deviceTokens['display-all']}`);
      await expect.poll(() => page.getByTestId('counter-label').count(), { timeout: 20_000 }).toBe(100);
      const cut = await page.getByTestId('counter-label').evaluateAll((labels) => labels
        .filter((l) => l.scrollWidth > l.clientWidth + 1 || l.scrollWidth > l.parentElement!.clientWidth + 1 || l.getBoundingClientRect().width < 1)
        .map((l) => l.textContent));
      expect(cut).toEqual([]);
      const smallest = await page.getByTestId('counter-label').evaluateAll((labels) => Math.min(...labels.map((l) => parseFloat(getComputedStyle(l).fontSize))));
      expect(smallest).toBeGreaterThanOrEqual(14);
      expect(await page.getByTestId('counter-label').last().textContent()).toBe('Quầy 100');
      await page.close();
    } finally {
      await big.close();
    }
  });
});
