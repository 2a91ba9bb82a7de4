// Screenshots of the board for a person to look at (not a test): a 12-counter center at 1920×1080
// in both themes, mid-morning, a portrait board, and an all-zones board of the 30-counter demo center. Run with the apps built into LUOT_DIST_DIR:
//   LUOT_DIST_DIR=/tmp/dist-x npx tsx tests/e2e/display-shots.ts /tmp/shots
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CenterConfigSchema } from '@core/config.ts';
import type { CenterConfig } from '@core/config.ts';
import { demoCenterConfig } from '../../server/seed/demo-center.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { must, startServer } from '../helpers/server.ts';
import type { Client } from '../helpers/server.ts';

const out = process.argv[2] ?? '/tmp/luot-display-shots';
await mkdir(out, { recursive: true });
const base = testCenterConfig({ counters: 12 });
const config: CenterConfig = {
  ...base,
  counters: base.counters.map((c) => ({ ...c, zone: 'T1' })),
  display: { notice: 'Trung tâm làm việc từ thứ Hai đến thứ Sáu: sáng 7h00–11h30, chiều 13h00–17h00. Công dân vui lòng giữ phiếu và chờ gọi số. Xin cảm ơn!', theme: 'dark', highlightSec: 60 },
};
const server = await startServer({ config });
try {
  const kiosk = await server.device('kiosk1');
  let tap = 0;
  for (const [code, n] of [['DATDAI', 30], ['HOTICH', 18], ['LLTP', 2]] as const) {
    for (let i = 0; i < n; i++) await must(kiosk, 'ticket:issue', { serviceCode: code, requestId: `shot-${tap++}-x` });
  }
  const officers: Client[] = [];
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    const o = await server.officer(n);
    officers.push(o);
    await must(o, 'counter:open', { counter: n });
    if (n === 9) { await must(o, 'counter:pause', { reason: 'Nghỉ giải lao' }); continue; }
    await must(o, 'ticket:call-next', {});
    if (n === 4) await must(o, 'ticket:recall', {});
  }
  const browser = await launchBrowser();
  for (const [name, theme, width, height] of [['dark', 'dark', 1920, 1080], ['light', 'light', 1920, 1080], ['portrait', 'dark', 1080, 1920]] as const) {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`${server.url}/display?theme=${theme}#device=${server.deviceTokens['display-T1']}`);
    await page.getByTestId('latest-number').waitFor();
    // One call while the board watches, so the highlight of a fresh call shows.
    await must(officers[6]!, 'ticket:no-show', {});
    await must(officers[6]!, 'ticket:call-next', {});
    await page.waitForTimeout(3500);
    await page.screenshot({ path: join(out, `board-${name}.png`) });
    await page.close();
  }
  await browser.close();
} finally {
  await server.close();
}

// The demo center: 30 counters in three zones, 66 services; an all-zones board, busy morning.
const demoBase = CenterConfigSchema.parse(demoCenterConfig());
const demo = await startServer({ config: { ...demoBase, center: { ...demoBase.center, enforceWindows: false } } });
try {
  const kiosk = await demo.device('kiosk1');
  const services = demoBase.services.filter((s) => s.active);
  for (let i = 0; i < 160; i++) {
    const s = services[(i * 7) % services.length]!;
    await must(kiosk, 'ticket:issue', { serviceCode: s.code, requestId: `demo-${i}-xxxx` });
  }
  for (const c of demoBase.counters) {
    if (!demo.deviceTokens) break;
    const o = await demo.officer(c.number).catch(() => null);
    if (!o) continue;
    await must(o, 'counter:open', { counter: c.number });
    await must(o, 'ticket:call-next', {}).catch(() => null);
  }
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${demo.url}/display#device=${demo.deviceTokens['display-all']}`);
  await page.getByTestId('latest-number').waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(out, 'board-demo-all-zones.png') });
  await browser.close();
} finally {
  await demo.close();
}
process.stdout.write(`screenshots in ${out}\n`);
