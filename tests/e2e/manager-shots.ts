// Screenshots of the manager app for a person to look at (not a test): a 12-counter center with
// three months of history and a busy morning, the live floor and a report at 1920×1080. Run with
// the apps built into LUOT_DIST_DIR:
//   LUOT_DIST_DIR=/tmp/dist-x npx tsx tests/e2e/manager-shots.ts /tmp/shots
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser } from '../helpers/browser.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { PASSWORD, must, startServer } from '../helpers/server.ts';
import type { Client } from '../helpers/server.ts';
import { generateHistory } from '../bench/history.ts';

const out = process.argv[2] ?? '/tmp/luot-manager-shots';
await mkdir(out, { recursive: true });
const config = testCenterConfig({ counters: 12 });
config.display.notice = 'Trung tâm làm việc từ thứ Hai đến thứ Sáu. Công dân vui lòng giữ phiếu và chờ gọi số.';
const server = await startServer({ config });
try {
  const officers = new Map(server.app.parts.accounts.users().filter((u) => u.role === 'officer').map((u) => [Number(u.username.replace('canbo', '')), u.id]));
  await generateHistory(server.dataDir, config, { days: 65, ticketsPerDay: 160, now: server.clock.now(), officerOfCounter: officers });
  const kiosk = await server.device('kiosk1');
  await server.device('display-all');
  await server.device('pad1');
  let tap = 0;
  for (const [code, n] of [['DATDAI', 24], ['HOTICH', 14], ['LLTP', 2]] as const) {
    for (let i = 0; i < n; i++) await must(kiosk, 'ticket:issue', { serviceCode: code, requestId: `shot-${tap++}-x`, priority: i % 9 === 3 ? 'elderly' : null });
  }
  const consoles: Client[] = [];
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9]) {
    const o = await server.officer(n);
    consoles.push(o);
    await must(o, 'counter:open', { counter: n });
    if (n === 9) { await must(o, 'counter:pause', { reason: 'Họp giao ban' }); continue; }
    await must(o, 'ticket:call-next', {});
    if (n <= 4) {
      await must(o, 'ticket:start', {});
      server.clock.advance(6 * 60_000);
      await must(o, 'ticket:finish', { procedureCode: null, dossierCodes: [], note: '' });
      await must(o, 'ticket:call-next', {});
    }
  }
  server.clock.advance(35 * 60_000); // the oldest waiting tickets pass their target
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
  await page.goto(`${server.url}/manager`);
  await page.getByLabel('Tên đăng nhập').fill('quanly');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('live').waitFor();
  await must(consoles[4]!, 'ticket:no-show', {}); // one more change while the page watches
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(out, 'manager-live.png') });
  await page.getByTestId('tab-reports').click();
  await page.getByTestId('preset-year').click();
  await page.getByTestId('kpis').waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(out, 'manager-report.png') });
  await page.screenshot({ path: join(out, 'manager-report-full.png'), fullPage: true });
  await browser.close();
} finally {
  await server.close();
}
process.stdout.write(`screenshots in ${out}\n`);
