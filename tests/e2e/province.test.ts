// The province dashboard in Debian's Chromium against a real hub (PostgreSQL) and a real site
// enrolled with it: a hub manager signs in, sees a call made at the site change the site's queue
// on the dashboard, and a report of the day that matches the site's own report. The hub's admin
// manages the sites (a new one with its one-time token, which a real site then enrols with; a
// revocation) and the shared catalog (a version published, refused with the item named, applied by
// the site and shown so).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Report } from '@core/reports.ts';
import { DIST_DIR } from '../../server/http/pages.ts';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { HUB_PASSWORD, startHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { startPostgres } from '../helpers/postgres.ts';
import type { PgCluster } from '../helpers/postgres.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

const TODAY = '2026-11-23';
let cluster: PgCluster;
let hub: TestHub;
let site: TestServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
  hub = await startHub(cluster, { distDir: DIST_DIR });
  site = await startServer();
  const token = await hub.createSite('xa-tan-phong', 'UBND xã Tân Phong');
  const res = await fetch(`${site.url}/api/hub-link/enrol`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await site.login('admin')}` },
    body: JSON.stringify({ url: hub.url, token }),
  });
  expect((await res.json()).ok).toBe(true);
  browser = await launchBrowser();
  page = watchPage(await (await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'vi-VN' })).newPage(), errors);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await hub?.close();
  await cluster?.stop();
});

describe('province dashboard', () => {
  it('shows a call made at a site, and a report equal to the site’s own', async () => {
    await page.goto(`${hub.url}/province`);
    await page.getByLabel('Tên đăng nhập').fill('quanly');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Sai tên đăng nhập hoặc mật khẩu');
    await page.getByLabel('Mật khẩu').fill(HUB_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const card = page.getByTestId('site-xa-tan-phong');
    await expect.poll(() => card.getByTestId('link').textContent(), { timeout: 10_000 }).toBe('Đang kết nối');

    const [kiosk, officer, pad] = await Promise.all([site.device('kiosk1'), site.officer(1), site.device('pad1')]);
    await must(officer, 'counter:open', { counter: 1 });
    const first = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'province-1-tap' });
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'province-2-tap' });
    await expect.poll(() => card.getByTestId('waiting').textContent(), { timeout: 10_000 }).toBe('2');
    site.clock.advance(4 * 60_000);
    await must(officer, 'ticket:call', { ticketId: first.ticket.id }); // the call at the site…
    await expect.poll(() => card.getByTestId('waiting').textContent(), { timeout: 10_000 }).toBe('1'); // …seen at the province

    site.clock.advance(3 * 60_000);
    await must(officer, 'ticket:finish', { dossierCodes: ['000.00.12.H36-261123-0007'] });
    await must(pad, 'rating:submit', { ticketId: first.ticket.id, score: 5 });
    await must(officer, 'ticket:call-next', {});
    await must(officer, 'ticket:no-show', {});
    // Both records at the hub, the first with its rating (revision 2).
    await expect.poll(async () => (await hub.pool.query('SELECT count(*)::int AS n, count(*) FILTER (WHERE rated)::int AS rated FROM records')).rows[0], { timeout: 15_000 })
      .toEqual({ n: 2, rated: 1 });

    const own = ((await (await fetch(`${site.url}/api/manager/reports?from=${TODAY}&to=${TODAY}`, { headers: { authorization: `Bearer ${await site.login('quanly')}` } })).json()) as { data: { report: Report } }).data.report.totals;
    await page.getByTestId('tab-reports').click();
    await page.getByLabel('Từ ngày').fill(TODAY);
    await page.getByLabel('Đến ngày').fill(TODAY);
    await page.getByTestId('show').click();
    const cells = page.getByTestId('by-site').locator('tbody tr').first().locator('td');
    await expect.poll(() => cells.allTextContents(), { timeout: 10_000 }).toEqual([
      'UBND xã Tân Phong', String(own.issued), String(own.served), String(own.noShow),
      (own.wait.avgSec! / 60).toFixed(1), (own.wait.medianSec! / 60).toFixed(1), (own.wait.p90Sec! / 60).toFixed(1),
      `${Math.round(own.withinTarget! * 1000) / 10} %`, (own.service.avgSec! / 60).toFixed(1), String(own.rating.scored),
      `${Math.round(own.rating.satisfiedShare! * 1000) / 10} %`,
    ]);
    expect(own).toMatchObject({ issued: 2, served: 1, noShow: 1 });

    await page.getByTestId('tab-satisfaction').click();
    await expect.poll(() => page.getByTestId('dossier-ratings').locator('tbody tr').first().locator('td').allTextContents(), { timeout: 10_000 })
      .toEqual(['UBND xã Tân Phong', TODAY, first.ticket.number, '000.00.12.H36-261123-0007', 'Cán bộ 1', '5']);
    expect(errors).toEqual([]);
  });

  it('the admin enrols a new site with a token shown once, publishes the catalog, sees it applied, revokes the site', async () => {
    const admin = watchPage(await (await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'vi-VN' })).newPage(), errors);
    await admin.goto(`${hub.url}/province#sites`);
    await admin.getByLabel('Tên đăng nhập').fill('admin');
    await admin.getByLabel('Mật khẩu').fill(HUB_PASSWORD);
    await admin.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => admin.getByTestId('site-row-xa-tan-phong').getByTestId('site-state').textContent()).toBe('Đã đăng ký');
    const form = admin.getByTestId('new-site');
    await form.getByLabel('Mã điểm').fill('Phường Sai');
    await form.getByLabel('Tên điểm').fill('UBND phường Hòa Bình');
    await form.getByRole('button', { name: 'Tạo điểm và mã đăng ký' }).click();
    await expect.poll(() => admin.getByRole('alert').textContent()).toContain('Mã điểm: chữ thường không dấu');
    await form.getByLabel('Mã điểm').fill('phuong-hoa-binh');
    await form.getByRole('button', { name: 'Tạo điểm và mã đăng ký' }).click();
    const token = (await admin.getByTestId('token-value').textContent())!;
    expect(token.length).toBeGreaterThan(20);
    expect(await admin.getByTestId('site-row-phuong-hoa-binh').getByTestId('site-state').textContent()).toBe('Chờ đăng ký');

    // A second real site enrols with that token; the list says so.
    const other = await startServer();
    try {
      const res = await fetch(`${other.url}/api/hub-link/enrol`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await other.login('admin')}` },
        body: JSON.stringify({ url: hub.url, token }),
      });
      expect((await res.json()).ok).toBe(true);
      await admin.reload();
      await expect.poll(() => admin.getByTestId('site-row-phuong-hoa-binh').getByTestId('site-state').textContent()).toBe('Đã đăng ký');

      // The catalog: a version with a service whose department is missing is refused, naming it…
      await admin.getByTestId('tab-catalog').click();
      await expect.poll(() => admin.getByTestId('catalog-version').textContent()).toBe('Chưa có phiên bản nào');
      const c = site.app.parts.configs.current;
      const shared = {
        departments: c.departments, services: c.services.map(({ windows: _w, dailyCap: _d, resultReturn: _r, ...x }) => x),
        procedures: [], synonyms: [], ratingReasons: c.rating.reasons,
      };
      const broken = { ...shared, services: [...shared.services, { ...shared.services[0]!, code: 'MOI', prefix: 'Q', departmentCode: 'KHONG-CO' }] };
      await admin.getByTestId('catalog-json').fill(JSON.stringify(broken));
      await admin.getByTestId('publish').click();
      await expect.poll(() => admin.getByTestId('publish-error').textContent()).toContain('không có sở, ngành KHONG-CO');
      await expect.poll(() => admin.getByTestId('catalog-version').textContent()).toBe('Chưa có phiên bản nào');
      // …a good one becomes version 1; the sites pull it when they next look (here: told to now).
      await admin.getByTestId('catalog-json').fill(JSON.stringify(shared));
      await admin.getByTestId('publish').click();
      await expect.poll(() => admin.getByTestId('publish-note').textContent()).toBe('Đã xuất bản phiên bản 1');
      await expect.poll(() => admin.getByTestId('count-services').textContent()).toBe(String(shared.services.length));
      site.app.parts.hubLink.catalog.check();
      const row = admin.getByTestId('catalog-site-xa-tan-phong');
      await expect.poll(() => row.getByTestId('status').textContent(), { timeout: 20_000 }).toBe('Đã áp dụng');
      expect(await row.getByTestId('version').textContent()).toBe('1');
      await admin.getByTestId('publish').click();
      await expect.poll(() => admin.getByTestId('publish-note').textContent()).toBe('Không có thay đổi: vẫn là phiên bản 1');

      // Revoking: the site's next call is refused, and its manager is told.
      await admin.getByTestId('tab-sites').click();
      await admin.getByTestId('site-row-phuong-hoa-binh').getByTestId('revoke').click(); // the confirmation is accepted
      await expect.poll(() => admin.getByTestId('sites-note').textContent()).toBe('Đã thu hồi mã xác thực của điểm UBND phường Hòa Bình');
      await expect.poll(() => admin.getByTestId('site-row-phuong-hoa-binh').getByTestId('site-state').textContent()).toBe('Đã thu hồi mã xác thực');
      other.app.parts.hubLink.catalog.check();
      await expect.poll(() => other.app.parts.hubLink.state.status().state, { timeout: 20_000 }).toBe('revoked');
      // A new token for it, shown once again.
      await admin.getByTestId('site-row-phuong-hoa-binh').getByTestId('reissue').click();
      await expect.poll(async () => ((await admin.getByTestId('token-value').textContent()) ?? '').length).toBeGreaterThan(20);
      expect(await admin.getByTestId('token-value').textContent()).not.toBe(token);
    } finally {
      await other.close();
    }
    expect(errors).toEqual([]);
  });
});
