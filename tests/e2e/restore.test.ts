// The restore in Debian's Chromium against the real server under its supervisor: the admin uploads
// a backup, the page says it is restoring and restarting, waits for the server to answer again,
// says it is done and reloads; the admin's session was made after the backup, so the reload lands
// on the sign-in screen. The data is the backup's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { openAdmin } from '../helpers/admin-page.ts';
import { PASSWORD, startServer, TestClock } from '../helpers/server.ts';
import { startSupervised } from '../../server/supervisor.ts';
import type { Supervisor } from '../../server/supervisor.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';

let dataDir: string;
let supervisor: Supervisor;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const url = () => `http://127.0.0.1:${supervisor.port}`;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'luot-e2e-restore-'));
  const clock = new TestClock();
  await (await startServer({ dataDir, clock })).close();
  supervisor = await startSupervised({ store: new LowdbStore(dataDir), clock, logger: pino({ level: 'silent' }) }, { port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'vi-VN' });
  page = await context.newPage();
  watchPage(page, errors);
});
afterAll(async () => {
  await browser?.close();
  await supervisor?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function rest(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${url()}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

describe('restore from the admin screen', () => {
  it('restores, restarts, says so, and reloads to the sign-in screen', async () => {
    const login = await fetch(`${url()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    const file = join(dataDir, '..', `luot-sao-luu-${process.pid}.json`);
    await writeFile(file, (await rest('GET', '/api/admin/backup', token)).text);
    // After the backup: a new officer, which the restore removes.
    expect((await rest('POST', '/api/admin/users', token, { username: 'canbo9', displayName: 'Cán bộ 9', role: 'officer', password: 'mat-khau-moi-9' })).status).toBe(201);

    try {
      await openAdmin(page, url(), 'backup');
      const before = supervisor.restarts;
      // Every text the status line shows, however briefly (the restart takes a fraction of a second).
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        new MutationObserver(() => {
          const text = document.querySelector('[data-testid="admin-message"]')?.textContent ?? null;
          if (text !== null && seen[seen.length - 1] !== text) seen.push(text);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await page.getByTestId('restore-file').setInputFiles(file);

      await expect.poll(() => page.getByTestId('admin-message').textContent(), { timeout: 20_000 }).toContain('Đã khôi phục xong');
      expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual([
        'Đang khôi phục và khởi động lại…',
        'Đã khôi phục xong, máy chủ đã chạy lại. Trang sẽ tự tải lại; nếu tài khoản đang dùng không có trong bản sao lưu, trang sẽ trở về màn hình đăng nhập.',
      ]);
      expect(supervisor.restarts).toBe(before + 1);
      expect(supervisor.app.parts.accounts.users().some((u) => u.username === 'canbo9')).toBe(false);
      // The page reloads by itself; this browser's session is not in the backup.
      await page.getByLabel('Tên đăng nhập').waitFor({ timeout: 20_000 });
      expect(errors).toEqual([]);
    } finally {
      await rm(file, { force: true });
    }
  });
});
