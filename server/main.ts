// Entry point: `npm start`. Reads the environment, seeds the demo center on an empty data
// folder, starts the server and prints where everything is.
import { resolve } from 'node:path';
import { startSupervised } from './supervisor.ts';
import { systemClock } from './deps.ts';
import { createLogger } from './logger.ts';
import { LowdbStore } from './store/lowdb-store.ts';
import { seedIfEmpty } from './seed/first-start.ts';
import type { FirstStartCredentials } from './seed/first-start.ts';
import { PAGES } from './http/pages.ts';
import { lanAddresses } from './net/lan.ts';

const env = process.env;
const port = Number(env.PORT ?? 3000);
const host = env.HOST ?? '0.0.0.0';
const dataDir = resolve(env.DATA_DIR ?? 'data');
const logger = createLogger();
const out = (line = '') => process.stdout.write(line + '\n');

async function main(): Promise<void> {
  const started = performance.now();
  const store = new LowdbStore(dataDir);
  const credentials = await seedIfEmpty(store, systemClock, logger, {
    adminPassword: env.ADMIN_PASSWORD || undefined,
    alwaysOpen: env.DEMO_ALWAYS_OPEN === '1',
    demo: env.DEMO !== '0',
  });
  // Under a supervisor: a restore from the admin screens restarts the app in-process, on this port.
  // QR codes and links use the LAN address when no public address is set (core/lan-origin.ts).
  const lan = lanAddresses();
  const supervisor = await startSupervised({ store, clock: systemClock, logger, publicUrl: env.PUBLIC_URL || null, lanAddress: lan[0] ?? null }, {
    port, host,
    // The data folder is as the restore left it; a service manager starting us again picks it up.
    onFatal: () => process.exit(1),
  });
  const actualPort = supervisor.port;
  const listensOnLan = host !== '127.0.0.1' && host !== 'localhost' && host !== '::1';
  const lanBases = listensOnLan ? lan.map((a) => `http://${a}:${actualPort}`) : [];
  const base = env.PUBLIC_URL || lanBases[0] || `http://localhost:${actualPort}`;
  logger.info({ port: actualPort, dataDir, lan, startMs: Math.round(performance.now() - started) }, 'listening');
  printBanner(base, credentials, lanBases);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await supervisor.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function printBanner(base: string, c: FirstStartCredentials | null, lanBases: string[]): void {
  out();
  out(`Lượt đang chạy / is running at ${base}`);
  if (lanBases.length > 0) out(`  Địa chỉ trong mạng nội bộ / LAN addresses: ${lanBases.join(', ')}`);
  else if (!env.PUBLIC_URL) out('  Không tìm thấy địa chỉ mạng nội bộ: mã QR sẽ trỏ về máy này; đặt PUBLIC_URL. / No LAN address found: QR codes would point at this machine; set PUBLIC_URL.');
  for (const path of Object.keys(PAGES)) out(`  ${base}${path}`);
  out(`  API: ${base}/api/health   — dữ liệu / data: ${dataDir}`);
  if (!c) {
    out('Tài khoản và liên kết thiết bị: xem tệp first-start.txt trong thư mục dữ liệu (tạo ở lần khởi động đầu).');
    out('Accounts and device links: see first-start.txt in the data folder (written at first start).');
    out();
    return;
  }
  out();
  const adminLine = `  Quản trị / admin:   admin / ${c.admin.generated ? c.admin.password : '(mật khẩu trong ADMIN_PASSWORD)'}`;
  if (!c.demo || !c.manager) {
    out('LẦN KHỞI ĐỘNG ĐẦU — trung tâm mới / FIRST START — new center');
    out(adminLine);
    out(`  Thiết lập trung tâm tại / set the center up at ${base}/manager → Quản trị`);
    out('  Mật khẩu chỉ hiện lần này (cũng có trong first-start.txt). / The password is shown only now (also in first-start.txt).');
    out();
    return;
  }
  out('LẦN KHỞI ĐỘNG ĐẦU — đã tạo trung tâm mẫu / FIRST START — demo center created');
  out(adminLine);
  out(`  Quản lý / manager:  ${c.manager.username} / ${c.manager.password}`);
  const o = c.officers[0]!;
  out(`  Cán bộ / officer:   ${o.username} / ${o.password}  (quầy ${o.counter}, ${o.displayName}) — ${base}/counter`);
  const kiosk = c.devices.find((d) => d.kind === 'kiosk')!;
  const display = c.devices.find((d) => d.kind === 'display')!;
  out(`  Kiosk:              ${base}/kiosk#device=${kiosk.token}`);
  out(`  Màn hình / display: ${base}/display#device=${display.token}`);
  out(`  Tất cả tài khoản và thiết bị / every account and device: ${c.notePath}`);
  out('  Mật khẩu chỉ hiện lần này; hãy cất tệp trên ở nơi an toàn. / Passwords are shown only now; keep that file safe.');
  out();
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'could not start');
  process.exit(1);
});
