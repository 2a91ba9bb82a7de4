// The center logo in Debian's Chromium against the real server: an admin uploads an image in the
// Center screen, and a display board that is already open shows it without a reload; removing it
// takes it off the board the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { PASSWORD, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let admin: Page;
let board: Page;
const errors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const adminContext = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'vi-VN' });
  admin = await adminContext.newPage();
  const boardContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' });
  board = await boardContext.newPage();
  for (const page of [admin, board]) {
    watchPage(page, errors);
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function logoPng(): Promise<Buffer> {
  const canvas = createCanvas(600, 300);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#b71c1c';
  ctx.beginPath();
  ctx.arc(150, 150, 130, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#0b3d91';
  ctx.fillRect(320, 60, 260, 180);
  return canvas.encode('png');
}

const naturalWidth = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((img) => (img as HTMLImageElement).complete ? (img as HTMLImageElement).naturalWidth : 0).catch(() => 0);

describe('the center logo in the browser', () => {
  it('an admin uploads a logo and an open display board shows it without reloading', async () => {
    await board.goto(`${server.url}/display#device=${server.deviceTokens['display-T1']}`);
    await expect.poll(() => board.getByTestId('zone').textContent()).toContain('T1');
    expect(await board.getByTestId('board-logo').count()).toBe(0);
    let boardLoads = 0;
    board.on('load', () => { boardLoads += 1; });

    await admin.goto(`${server.url}/manager#admin`);
    await admin.getByLabel('Tên đăng nhập').fill('admin');
    await admin.getByLabel('Mật khẩu').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Đăng nhập' }).click();
    await admin.getByTestId('tab-admin').click();

    const section = admin.getByTestId('logo-section');
    expect(await section.textContent()).toContain('Chưa có logo');
    await admin.getByTestId('logo-file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await logoPng() });
    await admin.getByTestId('logo-upload').click();
    await expect.poll(() => admin.getByTestId('logo-message').textContent()).toContain('Đã cập nhật logo (512×256)');
    await expect.poll(() => naturalWidth(admin, 'logo-preview')).toBe(512);

    // The board got the logo's address on its open connection and loaded the image.
    await expect.poll(() => naturalWidth(board, 'board-logo'), { timeout: 10_000 }).toBe(512);
    expect(await board.getByTestId('board-logo').getAttribute('src')).toMatch(/^\/media\/logo\?v=[0-9a-f]{16}$/);
    expect(boardLoads).toBe(0);

    // A file that is not an image is refused in Vietnamese, and the board keeps its logo.
    await admin.getByTestId('logo-file').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('không phải ảnh') });
    await admin.getByTestId('logo-upload').click();
    await expect.poll(() => admin.getByTestId('logo-message').textContent()).toContain('Logo phải là tệp ảnh PNG hoặc JPEG');
    expect(await naturalWidth(board, 'board-logo')).toBe(512);

    await admin.getByTestId('logo-remove').click();
    await expect.poll(() => admin.getByTestId('logo-message').textContent()).toBe('Đã gỡ logo');
    await expect.poll(() => board.getByTestId('board-logo').count()).toBe(0);
    expect(boardLoads).toBe(0);
    expect(errors).toEqual([]);
  });
});
