// /province in Debian's Chromium against a real hub (PostgreSQL): a manager narrows the report to a
// department and sees the figures, the dossier ratings and the exported workbook (whose first sheet
// names the filter) narrow with it; the hub's admin downloads the shared catalog as a workbook,
// publishes it unchanged ("no change"), with a bad cell (refused, sheet, row and column named) and
// with an edit (a new version).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { RecordEnvelope } from '@core/hub-protocol.ts';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_DIR } from '../../server/http/pages.ts';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { HUB_PASSWORD, startHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { startPostgres } from '../helpers/postgres.ts';
import type { PgCluster } from '../helpers/postgres.ts';

const DAY = '2026-11-23';
let cluster: PgCluster;
let hub: TestHub;
let browser: Browser;
let dir: string;
const errors: string[] = [];

let n = 0;
function record(dep: [string, string], svc: [string, string], officer: [string, string], dossier: string | null): RecordEnvelope {
  n += 1;
  const key = `t${n}`;
  return {
    key, revision: 1, day: DAY, targetWaitSec: 900,
    record: {
      schema: 'luot.service-record/1', key, ticketNumber: `A-00${n}`, day: DAY,
      departmentCode: dep[0], departmentName: dep[1], serviceCode: svc[0], serviceName: svc[1],
      procedureCode: null, dossierCodes: dossier ? [dossier] : [], counter: 1, officerId: officer[0], officerName: officer[1],
      issuedAt: `${DAY}T09:0${n}:00+07:00`, waitingSeconds: 120 * n, serviceSeconds: 300, outcome: 'served',
      transfers: [], rating: dossier ? { score: 5, reasons: [], comment: '' } : null,
    },
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'luot-province-filters-'));
  cluster = await startPostgres();
  hub = await startHub(cluster, { distDir: DIST_DIR });
  const cred = await hub.enrol(await hub.createSite('xa-a', 'UBND xã A'));
  const STP: [string, string] = ['STP', 'Sở Tư pháp'];
  const SXD: [string, string] = ['SXD', 'Sở Xây dựng'];
  for (const e of [
    record(STP, ['HOTICH', 'Hộ tịch'], ['an', 'Nguyễn Văn An'], 'HS-TP-1'),
    record(STP, ['HOTICH', 'Hộ tịch'], ['binh', 'Trần Thị Bình'], null),
    record(STP, ['CHUNGTHUC', 'Chứng thực'], ['an', 'Nguyễn Văn An'], null),
    record(SXD, ['XAYDUNG', 'Xây dựng'], ['cuong', 'Lê Cường'], 'HS-XD-1'),
  ]) expect((await hub.api('/api/hub/records', { body: e, token: cred })).body.ok).toBe(true);
  const put = await hub.api('/api/hub/catalog', { method: 'PUT', body: {
    departments: [{ code: 'STP', nameVi: 'Sở Tư pháp', nameEn: 'Justice' }, { code: 'SXD', nameVi: 'Sở Xây dựng', nameEn: 'Construction' }],
    services: [
      { code: 'HOTICH', departmentCode: 'STP', nameVi: 'Hộ tịch', nameEn: 'Civil status', prefix: 'B' },
      { code: 'XAYDUNG', departmentCode: 'SXD', nameVi: 'Xây dựng', nameEn: 'Construction', prefix: 'X' },
    ],
    procedures: [], synonyms: [], ratingReasons: [],
  } });
  expect(put.body.ok).toBe(true);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
  await cluster?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function signIn(username: string, hash: string, prepare?: (page: Page) => Promise<unknown>): Promise<Page> {
  const page = watchPage(await (await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'vi-VN', acceptDownloads: true })).newPage(), errors);
  await prepare?.(page);
  await page.goto(`${hub.url}/province${hash}`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(HUB_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  return page;
}
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; book: ExcelJS.Workbook; path: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile(path)) as unknown as ExcelJS.Buffer);
  return { name: download.suggestedFilename(), book, path };
}

describe('province report filters and the catalog workbook', () => {
  it('narrows the report, the dossier ratings and the export to a department', async () => {
    // The report asked at opening (today) is held until the range asked for after it is shown:
    // its late answer must not replace it (a race a loaded machine once lost).
    let releaseOpening!: () => void;
    const opening = new Promise<void>((resolve) => { releaseOpening = resolve; });
    const isOpening = (url: URL) => url.pathname === '/api/hub/report' && url.searchParams.get('from') !== DAY;
    const page = await signIn('quanly', '#reports', (p) => p.route(isOpening, async (route) => { await opening; await route.continue(); }));
    await page.getByLabel('Từ ngày').fill(DAY);
    await page.getByLabel('Đến ngày').fill(DAY);
    await page.getByTestId('show').click();
    const issued = () => page.getByTestId('totals').locator('tbody td').nth(1).textContent();
    await expect.poll(issued, { timeout: 10_000 }).toBe('4');
    const openingDone = page.waitForEvent('requestfinished', (r) => isOpening(new URL(r.url())));
    releaseOpening();
    await openingDone;
    // Two frames: the page has read the late answer and drawn what it drew of it.
    for (let i = 0; i < 2; i++) await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    expect(await issued()).toBe('4');
    const departmentRows = () => page.getByTestId('by-department').locator('tbody tr td:first-child').allTextContents();
    expect(await departmentRows()).toEqual(['Sở Tư pháp', 'Sở Xây dựng']);
    // The choices: the catalog's departments, the services of the report too (CHUNGTHUC is not in the catalog).
    expect(await page.getByTestId('filter-departments').locator('option').allTextContents()).toEqual(['Sở Tư pháp', 'Sở Xây dựng']);
    await expect.poll(() => page.getByTestId('filter-services').locator('option').allTextContents()).toEqual(['Chứng thực', 'Hộ tịch', 'Xây dựng']);

    // A service of another department chosen first is dropped when the department is chosen.
    await page.getByTestId('filter-services').selectOption('XAYDUNG');
    await page.getByTestId('filter-departments').selectOption('STP');
    expect(await page.getByTestId('filter-services').locator('option').allTextContents()).toEqual(['Chứng thực', 'Hộ tịch']);
    await page.getByTestId('show').click();
    await expect.poll(issued, { timeout: 10_000 }).toBe('3');
    expect(await departmentRows()).toEqual(['Sở Tư pháp']);
    expect(await page.getByTestId('filters-on').textContent()).toBe('Đang lọc: Sở, ngành: Sở Tư pháp');
    expect(await page.getByTestId('filter-services').evaluate((s: HTMLSelectElement) => [...s.selectedOptions].map((o) => o.value))).toEqual([]);

    await page.getByTestId('filter-officers').selectOption({ label: 'Nguyễn Văn An — UBND xã A' });
    await page.getByTestId('show').click();
    await expect.poll(issued, { timeout: 10_000 }).toBe('2');
    const file = await downloaded(page, () => page.getByTestId('export').click());
    expect(file.name).toBe(`bao-cao-tinh-${DAY}-${DAY}.xlsx`);
    const scope = file.book.worksheets[0]!;
    expect(scope.name).toBe('Phạm vi báo cáo');
    expect([2, 3, 4, 5, 6].map((r) => scope.getCell(r, 2).value)).toEqual([
      '23/11/2026 – 23/11/2026', 'Tất cả', 'Sở Tư pháp (STP)', 'Tất cả', 'Nguyễn Văn An (an)',
    ]);
    expect(file.book.getWorksheet('Toàn tỉnh')!.getCell('B2').value).toBe(2);

    // The satisfaction view keeps the filter: only the Justice department's rating tied to a dossier.
    await page.getByTestId('tab-satisfaction').click();
    await page.getByTestId('show').click();
    await expect.poll(() => page.getByTestId('dossier-ratings').locator('tbody tr td:nth-child(4)').allTextContents(), { timeout: 10_000 }).toEqual(['HS-TP-1']);
    await page.getByTestId('clear-filters').click();
    await expect.poll(() => page.getByTestId('dossier-ratings').locator('tbody tr td:nth-child(4)').allTextContents(), { timeout: 10_000 }).toEqual(['HS-XD-1', 'HS-TP-1']);
    expect(errors).toEqual([]);
  });

  it('downloads the shared catalog as a workbook and publishes one: unchanged, with a bad cell, edited', async () => {
    const page = await signIn('admin', '#catalog');
    await expect.poll(() => page.getByTestId('catalog-version').textContent()).toMatch(/^Phiên bản 1,/);
    const file = await downloaded(page, () => page.getByTestId('catalog-download').click());
    expect(file.name).toBe('danh-muc-tinh-v1.xlsx');
    expect(file.book.getWorksheet('Lĩnh vực')!.getCell('A3').value).toBe('XAYDUNG');

    const publish = async (path: string) => {
      await page.getByTestId('catalog-xlsx').setInputFiles(path);
      await page.getByTestId('publish-xlsx').click();
    };
    await publish(file.path);
    await expect.poll(() => page.getByTestId('publish-note').textContent()).toBe('Không có thay đổi: vẫn là phiên bản 1');

    file.book.getWorksheet('Lĩnh vực')!.addRow(['DATDAI', 'STNMT', 'Đất đai', 'Land', 'D']);
    const bad = join(dir, 'sai.xlsx');
    await writeFile(bad, Buffer.from(await file.book.xlsx.writeBuffer()));
    await publish(bad);
    await expect.poll(() => page.getByTestId('publish-error').textContent())
      .toBe("Chưa xuất bản: Trang 'Lĩnh vực', dòng 4, cột 'Mã sở, ngành': không có sở, ngành STNMT");
    expect(await page.getByTestId('catalog-version').textContent()).toMatch(/^Phiên bản 1,/);

    file.book.getWorksheet('Sở, ngành')!.addRow(['STNMT', 'Sở Nông nghiệp và Môi trường', 'Agriculture and Environment']);
    const good = join(dir, 'dung.xlsx');
    await writeFile(good, Buffer.from(await file.book.xlsx.writeBuffer()));
    await publish(good);
    await expect.poll(() => page.getByTestId('publish-note').textContent()).toBe('Đã xuất bản phiên bản 2');
    await expect.poll(() => page.getByTestId('count-services').textContent()).toBe('3');
    expect(await page.getByTestId('count-departments').textContent()).toBe('3');
    expect(errors).toEqual([]);
  });
});
