// The admin tab warns while QR codes and device links would carry a loopback address (the server
// opened at 127.0.0.1 with no public address and no LAN address known), and the warning goes
// once a public address is saved. With a LAN address known, there is nothing to warn about.
import { afterEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { openAdmin } from '../helpers/admin-page.ts';
import { startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer | null = null;
let browser: Browser | null = null;
afterEach(async () => {
  await browser?.close();
  await server?.close();
  browser = null;
  server = null;
});

describe('loopback banner in Quản trị', () => {
  it('shows while links would point at 127.0.0.1, and goes once a public address is saved', async () => {
    server = await startServer();
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN' });
    const errors: string[] = [];
    watchPage(page, errors);
    await openAdmin(page, server.url);
    const banner = page.getByTestId('loopback-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(`trỏ về ${server.url}`);
    const form = page.getByTestId('center-form');
    await form.getByLabel('Địa chỉ truy cập (in trên mã QR)').fill('http://192.0.2.10:3000');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await banner.waitFor({ state: 'detached' });
    expect(server.app.parts.config.publicUrl).toBe('http://192.0.2.10:3000');
    expect(errors).toEqual([]);
  });

  it('no banner when the server knows its LAN address', async () => {
    server = await startServer({ lanAddress: '192.0.2.10' });
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN' });
    await openAdmin(page, server.url);
    await page.getByTestId('center-form').waitFor();
    expect(await page.getByTestId('loopback-banner').count()).toBe(0);
  });
});
