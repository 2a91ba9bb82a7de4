// The "Từ đồng nghĩa" admin screen in Debian's Chromium against the real server: a kiosk page is
// open on its search screen and "so do" does not find the land procedure; the admin types a dictionary with bad
// lines (named by line number in Vietnamese as typed, and again by the server when saved anyway,
// nothing saved), tries the words before saving, fixes the lines and saves; the open kiosk, never
// reloaded, now finds the land procedure first for the same words; the audit log has the change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CenterConfigSchema } from '@core/config.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { openAdmin } from '../helpers/admin-page.ts';
import { startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  const base = testCenterConfig();
  const config = CenterConfigSchema.parse({
    ...base,
    center: { ...base.center, enforceWindows: false },
    procedures: [
      { code: '1.001', name: 'Đăng ký khai sinh', serviceCode: 'HOTICH', departmentCode: 'STP' },
      { code: '2.001', name: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu', serviceCode: 'DATDAI', departmentCode: 'STNMT' },
      { code: '3.001', name: 'Cấp Phiếu lý lịch tư pháp', serviceCode: 'LLTP', departmentCode: 'STP' },
    ],
  });
  server = await startServer({ config });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('admin synonyms screen', () => {
  it('bad lines are named by number and nothing is saved; a good save changes an open kiosk\'s results at once, audited', { timeout: 120_000 }, async () => {
    const kiosk = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
    watchPage(kiosk, errors);
    await kiosk.goto(`${server.url}/kiosk#device=${server.deviceTokens.kiosk1}`);
    await expect.poll(() => kiosk.getByTestId('status').textContent()).toContain('Đã kết nối');
    await kiosk.getByTestId('open-search').click();
    await expect.poll(() => kiosk.getByTestId('search-results').getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
    await kiosk.getByTestId('search-input').fill('so do');
    // Without the dictionary "so do" reads as "Sở …" (the departments): not the land procedure.
    const first = kiosk.getByTestId('search-results').locator('button').first();
    await first.waitFor();
    expect(await first.getAttribute('data-testid')).not.toBe('procedure-2.001');
    let reloads = 0;
    kiosk.on('load', () => reloads++);

    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'vi-VN' })).newPage();
    watchPage(page, errors);
    await openAdmin(page, server.url, 'synonyms');
    const text = page.getByTestId('synonyms-text');
    await expect.poll(() => text.inputValue()).toBe('');
    await text.fill('# ghi chú\nsổ đỏ, so hong => giấy chứng nhận quyền sử dụng đất | 2.001\nlý lịch không mũi tên\ncccd => căn cước | KHONGCO\nSỔ ĐỎ => trùng');
    // Checked as typed, each bad line by its number, in Vietnamese.
    await expect.poll(() => page.getByTestId('synonym-problems').locator('li').allTextContents()).toEqual([
      'Dòng 3: thiếu "=>" giữa từ người dân dùng và từ trong danh mục',
      'Dòng 4: không có thủ tục hay lĩnh vực mã KHONGCO',
      'Dòng 5: "SỔ ĐỎ" đã có ở dòng 2',
    ]);
    // Saved anyway: the server refuses the whole text, names the same lines, and keeps nothing.
    await page.getByTestId('synonyms-save').click();
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toBe('Từ điển từ đồng nghĩa có 3 dòng lỗi, chưa lưu gì');
    expect(await page.getByTestId('synonym-problems').locator('li').allTextContents()).toEqual([
      'Dòng 3: thiếu "=>" giữa từ người dân dùng và từ trong danh mục',
      'Dòng 4: không có thủ tục hay lĩnh vực mã KHONGCO',
      'Dòng 5: "SỔ ĐỎ" đã có ở dòng 2',
    ]);
    expect(server.app.parts.config.current.synonyms).toEqual([]);

    await text.fill('# ghi chú\nsổ đỏ, so hong => giấy chứng nhận quyền sử dụng đất | 2.001\nlý lịch, phiếu lý lịch => lý lịch tư pháp');
    await expect.poll(() => page.getByTestId('synonym-problems').count()).toBe(0);
    await expect.poll(() => page.getByTestId('synonym-count').textContent()).toBe('2 mục');
    // The try box searches with the text being edited, before it is saved.
    await page.getByTestId('synonyms-try').fill('so do');
    await expect.poll(() => page.getByTestId('synonyms-try-hits').locator('li').first().getAttribute('data-code'), { timeout: 10_000 }).toBe('2.001');
    expect(await page.getByTestId('synonyms-try-hits').locator('li').first().textContent()).toContain('Cấp Giấy chứng nhận quyền sử dụng đất lần đầu');
    await page.getByTestId('synonyms-save').click();
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toBe('Đã lưu 2 mục, kiosk và quầy đã tìm theo từ điển mới');
    expect(server.app.parts.config.current.synonyms).toEqual([
      { terms: ['sổ đỏ', 'so hong'], expansion: 'giấy chứng nhận quyền sử dụng đất', targets: ['2.001'] },
      { terms: ['lý lịch', 'phiếu lý lịch'], expansion: 'lý lịch tư pháp', targets: [] },
    ]);

    // The kiosk, still on "so do" and never reloaded, now answers with the land procedure first.
    await expect.poll(() => first.getAttribute('data-testid'), { timeout: 15_000 }).toBe('procedure-2.001');
    expect(await first.textContent()).toContain('Cấp Giấy chứng nhận quyền sử dụng đất lần đầu');
    expect(reloads).toBe(0);

    // A reload of the admin screen shows the saved text; the audit log names the change.
    await page.getByTestId('admin-center').click();
    await page.getByTestId('admin-synonyms').click();
    await expect.poll(() => page.getByTestId('synonyms-text').inputValue()).toBe('sổ đỏ, so hong => giấy chứng nhận quyền sử dụng đất | 2.001\nlý lịch, phiếu lý lịch => lý lịch tư pháp');
    await page.getByTestId('admin-audit').click();
    const row = page.getByTestId('audit-row').first();
    await expect.poll(() => row.textContent()).toContain('Sửa từ đồng nghĩa của tìm kiếm');
    expect(await row.textContent()).toContain('admin');
    expect(errors).toEqual([]);
  });
});
