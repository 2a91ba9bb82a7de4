// Signing in to the manager app as the test admin and opening an admin section, as a person does.
import type { Page } from 'playwright-core';
import { PASSWORD } from './server.ts';

export async function openAdmin(page: Page, baseUrl: string, section?: string): Promise<void> {
  await page.goto(`${baseUrl}/manager#admin`);
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('tab-admin').click();
  if (section) await page.getByTestId(`admin-${section}`).click();
}
