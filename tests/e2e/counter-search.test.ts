// The counter console's search pickers in Debian's Chromium, on the demo center's full catalog
// (1,100+ procedures, the shipped synonyms), keyboard only: the officer transfers a citizen by
// typing a procedure ("khai sinh" → Hộ tịch) and by a counter number; finishes with a procedure
// found from a few letters and an abbreviation ("lam lai cccd" → Cấp lại thẻ Căn cước); and an
// admin's new synonym reaches the open console's picker without a reload.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CenterConfigSchema } from '@core/config.ts';
import { formatSynonymsText } from '@core/catalog-search/synonyms.ts';
import { demoCenterConfig } from '../../server/seed/demo-center.ts';
import { demoProcedures, shippedSynonyms } from '../../server/seed/catalog/demo-catalog.ts';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { must, PASSWORD, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  const demo = CenterConfigSchema.parse(demoCenterConfig());
  const procedures = demoProcedures(demo);
  const synonyms = shippedSynonyms(new Set([...procedures.map((p) => p.code), ...demo.services.map((s) => s.code)]));
  server = await startServer({ config: CenterConfigSchema.parse({ ...demo, procedures, synonyms, center: { ...demo.center, enforceWindows: false } }) });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const ticketNumbered = (number: string) => Object.values(server.app.parts.queue.current.tickets).find((t) => t.number === number)!;
const options = (page: Page) => page.locator('#transfer-options [role=option]');
/** COUNTER_SHOTS_DIR=<dir> also saves screenshots of the pickers. */
async function shot(page: Page, name: string): Promise<void> {
  if (process.env.COUNTER_SHOTS_DIR) await page.screenshot({ path: join(process.env.COUNTER_SHOTS_DIR, `${name}.png`) });
}
const current = (page: Page) => page.getByTestId('current-number').textContent({ timeout: 1000 }).catch(() => null);
/**
 * Space once the console can call (counter open, the waiting list in): pressed earlier, the key
 * does nothing, as the greyed button shows (a busy machine brings the list in after the counter's name).
 */
async function callNext(page: Page): Promise<void> {
  await expect.poll(() => page.locator('[data-action=call-next]').isEnabled()).toBe(true);
  await page.keyboard.press('Space');
}
/**
 * T, then wait for the picker's field to have the focus: typed before it is there (the call's
 * acknowledgement still awaited, on a busy machine), the letters would be the console's own keys.
 */
async function openTransfer(page: Page): Promise<void> {
  await page.keyboard.press('KeyT');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('target');
}

describe('counter console search pickers', () => {
  it('transfers by a procedure\'s words and by a counter number, finishes with a procedure found from a few letters, follows a new synonym live', { timeout: 180_000 }, async () => {
    const kiosk = await server.device('kiosk1');
    for (let i = 1; i <= 3; i++) await must(kiosk, 'ticket:issue', { serviceCode: 'CA.CC', requestId: `counter-search-${i}` });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const errors: string[] = [];
    watchPage(page, errors);
    await page.goto(`${server.url}/counter`);
    await page.locator('input[name=username]').fill('canbo11');
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('[data-counter="11"]').click();
    await expect.poll(() => page.getByTestId('counter-name').textContent(), { timeout: 10_000 }).toBe('Quầy số 11');
    let loads = 0;
    page.on('load', () => loads++);

    // 1. Transfer by what the citizen needs: "khai sinh" is a Hộ tịch procedure; Enter takes the first line.
    await callNext(page);
    await expect.poll(() => current(page)).toBe('C-001');
    await openTransfer(page);
    // Blank: every other service and counter, nothing chosen yet.
    await expect.poll(() => options(page).count()).toBeGreaterThan(60);
    expect(await page.locator('#transfer-options [aria-selected=true]').count()).toBe(0);
    await page.keyboard.type('khai sinh');
    const first = options(page).first();
    await expect.poll(() => first.getAttribute('data-value'), { timeout: 15_000 }).toBe('s:STP.HT');
    expect(await first.getAttribute('data-kind')).toBe('procedure');
    expect(await first.getAttribute('aria-selected')).toBe('true');
    expect(await first.textContent()).toContain('Đăng ký khai sinh');
    expect(await first.textContent()).toContain('Hộ tịch');
    await shot(page, 'counter-search-transfer');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Đã chuyển số C-001');
    expect(ticketNumbered('C-001').serviceCode).toBe('STP.HT');

    // 2. Finish: Tab from the dossier codes to the procedure, a few letters and an abbreviation,
    //    Enter takes the highlighted procedure, the next Enter finishes.
    await callNext(page);
    await expect.poll(() => current(page)).toBe('C-002');
    await page.keyboard.press('KeyF');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('dossier');
    await page.keyboard.press('Tab');
    await page.keyboard.type('lam lai cccd');
    const pick = page.locator('#procedure-options [role=option]').first();
    await expect.poll(() => pick.getAttribute('data-value'), { timeout: 10_000 }).toBe('CA.CC.04');
    expect(await pick.getAttribute('aria-selected')).toBe('true');
    expect(await pick.textContent()).toContain('Cấp lại thẻ Căn cước');
    await shot(page, 'counter-search-finish');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    expect(await page.locator('input[name=procedure]').inputValue()).toBe('CA.CC.04');
    await expect.poll(() => page.getByTestId('procedure-chosen').textContent()).toBe('✓ Cấp lại thẻ Căn cước');
    expect(await page.locator('#procedure-options').count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Đã hoàn thành số C-002');
    expect(ticketNumbered('C-002')).toMatchObject({ status: 'done', procedureCode: 'CA.CC.04' });

    // 3. An admin adds a word; the open console's picker answers with it, no reload.
    await callNext(page);
    await expect.poll(() => current(page)).toBe('C-003');
    await openTransfer(page);
    await page.keyboard.type('the vang');
    await expect.poll(() => options(page).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await first.getAttribute('data-value')).not.toBe('s:STP.LLTP');
    const admin = await server.login('admin');
    const text = `${formatSynonymsText(server.app.parts.config.current.synonyms)}\nthẻ vàng => lý lịch tư pháp | STP.LLTP`;
    const put = await fetch(`${server.url}/api/admin/synonyms`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
    expect(put.status).toBe(200);
    // The panel stays open (same ticket); typing again reads the rebuilt index.
    await expect.poll(async () => {
      await page.locator('input[name=target]').fill('the vang');
      return first.getAttribute('data-value');
    }, { timeout: 15_000 }).toBe('s:STP.LLTP');

    // 4. A counter by its number: "12" puts Quầy số 12 first; Enter sends the ticket there.
    await page.locator('input[name=target]').fill('');
    await page.keyboard.type('12');
    await expect.poll(() => first.getAttribute('data-value')).toBe('c:12');
    expect(await first.textContent()).toContain('Quầy số 12');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Đã chuyển số C-003');
    expect(ticketNumbered('C-003').targetCounter).toBe(12);
    expect(loads).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
