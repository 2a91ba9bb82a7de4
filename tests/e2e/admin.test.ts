// The admin screens in Debian's Chromium against the real server: an admin creates a service and
// a counter, adds a display for the counter's zone and pairs it by its link; a ticket for the new
// service (real kiosk socket) is called at the new counter (real officer socket) and the paired
// display shows it. Nothing is restarted or reconnected along the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { openAdmin } from '../helpers/admin-page.ts';
import { PASSWORD, must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'vi-VN' });
  page = await context.newPage();
  watchPage(page, errors);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('admin screens', () => {
  it('an admin sets up a service, a counter and a paired display, and a ticket reaches that display', async () => {
    await openAdmin(page, server.url);

    // The center's own section opens first; a change there is applied and reported.
    await page.getByTestId('center-form').getByLabel('Địa chỉ', { exact: true }).fill('Số 1 Quảng trường, TP Thử nghiệm');
    await page.getByTestId('center-form').getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toBe('Đã lưu, đã áp dụng ngay');
    expect(server.app.parts.config.current.center.address).toBe('Số 1 Quảng trường, TP Thử nghiệm');
    await page.getByTestId('admin-services').click();

    // A service: a clashing prefix is refused in Vietnamese, then a free one is saved.
    const service = page.getByTestId('service-form');
    await service.getByLabel('Mã', { exact: true }).fill('DKKD');
    await service.getByLabel('Sở, ngành').selectOption('STP');
    await service.getByLabel('Tên tiếng Việt').fill('Đăng ký kinh doanh');
    await service.getByLabel('Tên tiếng Anh').fill('Business registration');
    await service.getByLabel('Tiền tố').fill('A');
    await page.getByTestId('service-save').click();
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toContain('tiền tố số thứ tự A trùng với lĩnh vực DATDAI “Đất đai”');
    await service.getByLabel('Tiền tố').fill('K');
    await page.getByTestId('service-save').click();
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toBe('Đã lưu, đã áp dụng ngay');
    await expect.poll(() => page.getByTestId('service-row').filter({ hasText: 'DKKD' }).count()).toBe(1);

    // A counter in a new zone serving it.
    await page.getByTestId('admin-counters').click();
    const counter = page.getByTestId('counter-form');
    await counter.getByLabel('Số quầy').fill('9');
    await counter.getByLabel('Tên tiếng Việt').fill('Quầy số 9');
    await counter.getByLabel('Khu').fill('T3');
    await counter.getByLabel('K Đăng ký kinh doanh').check();
    await counter.getByLabel('Cán bộ phụ trách quầy').selectOption('canbo1');
    await page.getByTestId('counter-save').click();
    await expect.poll(() => page.getByTestId('counter-row').filter({ hasText: 'Quầy số 9' }).count()).toBe(1);
    expect(await page.getByTestId('counter-row').filter({ hasText: 'Quầy số 9' }).textContent()).toContain('Cán bộ 1');

    // That officer's console offers the new counter first, as theirs.
    const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    const officerPage = await consoleContext.newPage();
    await officerPage.goto(`${server.url}/counter`);
    await officerPage.getByLabel('Tên đăng nhập').fill('canbo1');
    await officerPage.getByLabel('Mật khẩu').fill(PASSWORD);
    await officerPage.getByRole('button', { name: 'Đăng nhập' }).click();
    const first = officerPage.locator('.picker button').first();
    await expect.poll(() => first.getAttribute('data-counter')).toBe('9');
    expect(await first.textContent()).toContain('Quầy được giao');
    await consoleContext.close();

    // A display for zone T3: its pairing link and QR code are shown once.
    await page.getByTestId('admin-devices').click();
    const device = page.getByTestId('device-form');
    await device.getByLabel('Loại').selectOption('display');
    await device.getByLabel('Tên thiết bị').fill('Màn hình khu T3');
    await device.getByLabel('Khu').selectOption('T3');
    await page.getByTestId('device-save').click();
    const link = (await page.getByTestId('pairing-link').textContent())!;
    expect(link).toMatch(/\/display#device=/);
    expect(await page.getByTestId('pairing').locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);

    const boardContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' });
    const board = await boardContext.newPage();
    await board.goto(link);
    await expect.poll(() => board.getByTestId('zone').textContent()).toContain('T3');
    await expect.poll(() => board.getByTestId('counter-9').count()).toBe(1);

    const kiosk = await server.device('kiosk1');
    const issued = await must(kiosk, 'ticket:issue', { serviceCode: 'DKKD', requestId: 'admin-e2e-0001' });
    expect(issued.ticket.number).toBe('K-001');
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 9 });
    expect((await must(officer, 'ticket:call-next', {})).number).toBe('K-001');
    await expect.poll(() => board.getByTestId('latest-number').textContent()).toBe('K-001');
    await expect.poll(() => board.getByTestId('latest-counter').textContent()).toBe('9');
    await boardContext.close();

    // Every step is in the audit log.
    await page.getByTestId('admin-audit').click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(4);
    const actions = await page.getByTestId('audit-row').locator('td:nth-child(3)').allTextContents();
    // In words (issue 17): the actions a person reads, the change as a short diff.
    expect(actions).toEqual(['Thêm thiết bị', 'Thêm quầy', 'Thêm lĩnh vực', 'Sửa thông tin trung tâm']);
    expect(await page.getByTestId('audit-row').nth(2).getByTestId('audit-change').textContent()).toContain('prefix: – → K');
    // In the app's own font (full Vietnamese glyphs), not a system monospace that may lack them.
    const fonts = await page.getByTestId('audit-change').first().evaluate((el) => [getComputedStyle(el).fontFamily, getComputedStyle(document.body).fontFamily]);
    expect(fonts[0]).toBe(fonts[1]);
    expect(fonts[0]).not.toMatch(/mono/i);
    expect(errors).toEqual([]);
  });

  it('imports the procedure catalog (bad rows named by line), adds an officer, moves waiting tickets off a service, and hides the tab from managers', async () => {
    await page.getByTestId('admin-procedures').click();
    const file = page.getByTestId('procedures-file');
    await file.setInputFiles({ name: 'thu-tuc.csv', mimeType: 'text/csv', buffer: Buffer.from('code,name,field,department\n1.001,Đăng ký khai sinh,HOTICH,STP\n1.002,Sai,NOPE,STP\n') });
    await expect.poll(() => page.getByTestId('procedure-problems').textContent()).toContain('dòng 3: không có lĩnh vực NOPE');
    await file.setInputFiles({ name: 'thu-tuc.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFFcode,name,field,department\n1.001,Đăng ký khai sinh,HOTICH,STP\n') });
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toBe('Đã nhập 1 thủ tục');

    await page.getByTestId('admin-users').click();
    const form = page.getByTestId('user-form');
    await form.getByLabel('Tên đăng nhập').fill('canbo42');
    await form.getByLabel('Họ và tên').fill('Nguyễn Thị Hoa');
    await form.getByLabel('Mật khẩu').fill('mat-khau-42-moi');
    await form.getByRole('button', { name: 'Thêm' }).click();
    await expect.poll(() => page.getByTestId('user-row').filter({ hasText: 'Nguyễn Thị Hoa' }).count()).toBe(1);
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'canbo42', password: 'mat-khau-42-moi' }) });
    expect(login.status).toBe(200);

    // A service with citizens waiting: its removal is refused, the screen offers to move them first.
    const token = await server.login('admin');
    const put = (path: string, body: unknown) => fetch(`${server.url}/api/admin${path}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await put('/services/TAMTRU', { code: 'TAMTRU', departmentCode: 'STP', nameVi: 'Tạm trú', nameEn: 'Temporary residence', prefix: 'T' })).status).toBe(200);
    const counter10 = { number: 10, nameVi: 'Quầy số 10', nameEn: 'Counter 10', zone: 'T1', services: [{ serviceCode: 'TAMTRU', weight: 1 }] };
    expect((await put('/counters/10', counter10)).status).toBe(200);
    const kiosk = await server.device('kiosk1');
    for (const n of [1, 2]) await must(kiosk, 'ticket:issue', { serviceCode: 'TAMTRU', requestId: `tamtru-000${n}` });
    expect((await put('/counters/10', { ...counter10, services: [{ serviceCode: 'HOTICH', weight: 1 }] })).status).toBe(200);
    await page.getByTestId('admin-services').click();
    await page.getByTestId('service-row').filter({ hasText: 'TAMTRU' }).getByRole('button', { name: 'Xóa' }).click();
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toContain('còn 2 phiếu');
    const moveForm = page.getByTestId('move-waiting');
    await moveForm.getByLabel('Chuyển sang lĩnh vực').selectOption('HOTICH');
    await moveForm.getByRole('button', { name: 'Chuyển các phiếu đang chờ' }).click();
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toBe('Đã chuyển 2 phiếu. Bây giờ có thể xóa lĩnh vực TAMTRU.');
    await page.getByTestId('service-row').filter({ hasText: 'TAMTRU' }).getByRole('button', { name: 'Xóa' }).click();
    await expect.poll(() => page.getByTestId('service-row').filter({ hasText: 'TAMTRU' }).count()).toBe(0);

    const managerContext = await browser.newContext();
    await managerContext.request.post(`${server.url}/api/auth/login`, { data: { username: 'quanly', password: PASSWORD } });
    const manager = await managerContext.newPage();
    await manager.goto(`${server.url}/manager#admin`);
    // Once the page knows who signed in (the tab depends on it), there is no admin tab.
    await manager.getByText('Đăng nhập: Quản lý').waitFor();
    expect(await manager.getByTestId('tab-admin').count()).toBe(0);
    await managerContext.close();
    expect(errors).toEqual([]);
  });
});
