// The "Sảnh & giọng đọc" admin screen in Debian's Chromium against the real server: the admin
// edits the call template (its example follows as they type, a bad placeholder is named before
// saving), hears a preview, and changes the notice line; a display board already open in another
// page shows the new notice without a reload, and the next call is announced with the new template.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { AnnouncementView } from '@core/lobby-views.ts';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { openAdmin } from '../helpers/admin-page.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('admin lobby screen', () => {
  // Two pages, a voice switch and a call on a shared machine: a generous bound, nothing waits on time.
  it('an admin edits the template and the notice; an open board shows the notice without reload', { timeout: 180_000 }, async () => {
    const boardPage = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' })).newPage();
    boardPage.on('pageerror', (e) => errors.push(e.message));
    await boardPage.goto(`${server.url}/display#device=${server.deviceTokens['display-T1']}`);
    await expect.poll(() => boardPage.getByTestId('zone').textContent()).toContain('T1');
    let loads = 0;
    boardPage.on('load', () => loads++);

    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'vi-VN' })).newPage();
    watchPage(page, errors);
    await openAdmin(page, server.url, 'lobby');
    await expect.poll(() => page.getByTestId('voice-active').textContent(), { timeout: 15_000 }).toBe('espeak-ng của máy');

    const template = page.getByTestId('voice-form').getByLabel('Mẫu câu gọi số');
    await template.fill('Mời số {so} tới quầy {counter}');
    await expect.poll(() => page.getByTestId('template-problems').textContent()).toContain('chỗ trống không hợp lệ {so}');
    await template.fill('Mời công dân số {number} tới quầy {counter}');
    await expect.poll(() => page.getByTestId('template-example').textContent()).toContain('Mời công dân số A-025 tới quầy 1');
    // The short number style: the example says the number without its zeros, before saving.
    await expect.poll(() => page.getByTestId('template-example').textContent()).toContain('a, không trăm hai mươi lăm');
    await page.getByTestId('number-style').selectOption('short');
    await expect.poll(() => page.getByTestId('template-example').textContent()).toContain('Mời công dân số a, hai mươi lăm, tới quầy một');
    await page.getByTestId('voice-form').getByLabel('Âm lượng chuông').fill('35');
    await page.getByTestId('voice-save').click();
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toBe('Đã lưu, đã áp dụng ngay');
    const stored = JSON.parse(await readFile(join(server.dataDir, 'config.json'), 'utf8')) as { voice: object };
    expect(stored.voice).toMatchObject({ numberStyle: 'short', chimeLevel: 35 });

    // The preview is made by the server with the saved voice and loaded into the page's player.
    await page.getByTestId('voice-preview').click();
    await expect.poll(() => page.getByTestId('preview-text').textContent(), { timeout: 10_000 }).toContain('Mời công dân số A-025 tới quầy 1');
    const src = await page.getByTestId('preview-audio').evaluate((a) => (a as HTMLAudioElement).src);
    expect(src).toMatch(/\/audio\/[a-f0-9]{32}\.wav$/);
    expect((await fetch(src)).headers.get('content-type')).toBe('audio/wav');

    const display = page.getByTestId('display-form');
    await display.getByLabel('Dòng thông báo chạy').fill('Chiều thứ Sáu Trung tâm nghỉ giao ban');
    await page.getByTestId('display-save').click();
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toBe('Đã lưu, đã áp dụng ngay');
    await expect.poll(() => boardPage.getByTestId('notice').textContent()).toContain('Chiều thứ Sáu Trung tâm nghỉ giao ban');

    // The next call is announced in the new words, and the open board shows it (no reload happened).
    const kiosk = await server.device('kiosk1');
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'lobby-e2e-0001' });
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const board = await server.device('display-all');
    const next = new Promise<AnnouncementView>((resolve) => board.once('announcement:ready', resolve));
    await must(officer, 'ticket:call-next', {});
    expect((await next).text).toBe('Mời công dân số A-001 tới quầy 1');
    await expect.poll(() => boardPage.getByTestId('latest-number').textContent()).toBe('A-001');
    expect(loads).toBe(0);
    expect(errors).toEqual([]);
  });
});
