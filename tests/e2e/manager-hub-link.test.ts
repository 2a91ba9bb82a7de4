// The site manager's view of the province link, in Debian's Chromium against a real site and a real
// hub (PostgreSQL): linked, the card says so; the hub stops and the card turns to "down since …"
// while the records served meanwhile are counted as waiting; a catalog version published meanwhile
// and the hub back: the backlog goes, the count returns to 0, the last delivery and the catalog
// version applied are shown — all without reloading the page (it comes with 'manager:live').
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ProvinceCatalogSchema } from '@core/hub-catalog.ts';
import type { ProvinceCatalogInput } from '@core/hub-catalog.ts';
import { Catalog } from '../../hub/catalog.ts';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { startHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { startPostgres } from '../helpers/postgres.ts';
import type { PgCluster } from '../helpers/postgres.ts';
import { PASSWORD, must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let cluster: PgCluster;
let hub: TestHub;
let site: TestServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
  hub = await startHub(cluster);
  site = await startServer();
  browser = await launchBrowser();
  page = watchPage(await (await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'vi-VN' })).newPage(), errors);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await hub?.close();
  await cluster?.stop();
});

/** The site's own catalog, shared by the province as version 1 (nothing local disappears). */
function catalogOfSite(): ProvinceCatalogInput {
  const c = site.app.parts.configs.current;
  return {
    departments: c.departments,
    services: c.services.map(({ windows: _w, dailyCap: _d, resultReturn: _r, ...s }) => s),
    procedures: [], synonyms: [], ratingReasons: [],
  } as ProvinceCatalogInput;
}

describe('the province link on the manager’s screen', () => {
  it('follows the link live: up, down with a backlog, up again with the catalog applied', async () => {
    await page.goto(`${site.url}/manager`);
    await page.getByLabel('Tên đăng nhập').fill('quanly');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const card = page.getByTestId('hub-link');
    await expect.poll(() => card.getByTestId('hub-link-state').textContent(), { timeout: 10_000 }).toBe('Chưa kết nối với máy chủ tỉnh');

    const token = await hub.createSite('xa-hoa-binh', 'UBND xã Hòa Bình');
    const res = await fetch(`${site.url}/api/hub-link/enrol`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await site.login('admin')}` },
      body: JSON.stringify({ url: hub.url, token }),
    });
    expect((await res.json()).ok).toBe(true);
    await expect.poll(() => card.getByTestId('hub-link-state').textContent(), { timeout: 10_000 }).toBe('Đã kết nối với máy chủ tỉnh');
    await expect.poll(() => card.getByTestId('hub-link-pending').textContent()).toBe('0');
    expect(await card.getByTestId('hub-link-delivered').textContent()).toBe('Chưa có');

    await hub.stop();
    const [kiosk, officer] = await Promise.all([site.device('kiosk1'), site.officer(1)]);
    await must(officer, 'counter:open', { counter: 1 });
    for (let i = 0; i < 2; i++) {
      await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: `hub-link-card-${i}` });
      await must(officer, 'ticket:call-next', {});
      site.clock.advance(60_000);
      await must(officer, 'ticket:finish', { dossierCodes: [] });
    }
    await expect.poll(() => card.getByTestId('hub-link-state').textContent(), { timeout: 30_000 }).toMatch(/^Mất kết nối với máy chủ tỉnh từ \d\d:\d\d$/);
    await expect.poll(() => card.getByTestId('hub-link-pending').textContent(), { timeout: 20_000 }).toBe('2');
    expect(await card.getByTestId('hub-link-error').textContent()).toContain('không kết nối được máy chủ tỉnh');
    expect(await card.getAttribute('data-state')).toBe('down');

    // Published while the site cannot hear (the hub's process is down, its database is not): pulled when the link returns.
    expect(await new Catalog(hub.pool).publish(ProvinceCatalogSchema.parse(catalogOfSite()), 'admin')).toEqual({ version: 1, created: true });
    await hub.start();
    await expect.poll(() => card.getByTestId('hub-link-state').textContent(), { timeout: 45_000 }).toBe('Đã kết nối với máy chủ tỉnh');
    await expect.poll(() => card.getByTestId('hub-link-pending').textContent(), { timeout: 20_000 }).toBe('0');
    await expect.poll(() => card.getByTestId('hub-link-delivered').textContent()).toMatch(/^\d\d\/\d\d \d\d:\d\d$/);
    await expect.poll(() => card.getByTestId('hub-link-catalog').textContent(), { timeout: 20_000 }).toBe('Đang dùng phiên bản 1');
    expect(await card.getByTestId('hub-link-error').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
