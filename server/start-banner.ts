// What `npm start` prints once it listens: where the server is, the LAN addresses other devices
// use (or why there are none), every page, and at first start the accounts and device links.
import type { FirstStartCredentials } from './seed/first-start.ts';
import { PAGES } from './http/pages.ts';

export interface BannerInput {
  base: string;
  credentials: FirstStartCredentials | null;
  /** http://<LAN address>:<port> for each address, when listening beyond this machine. */
  lanBases: string[];
  listensOnLan: boolean;
  host: string;
  publicUrl: string | null;
  dataDir: string;
}

export function startBanner(b: BannerInput): string[] {
  const { base, credentials: c, lanBases, listensOnLan, host, publicUrl, dataDir } = b;
  const lines: string[] = [];
  const out = (line = '') => { lines.push(line); };
  out();
  out(`Lượt đang chạy / is running at ${base}`);
  if (lanBases.length > 0) out(`  Địa chỉ trong mạng nội bộ / LAN addresses: ${lanBases.join(', ')}`);
  else if (!listensOnLan) out(`  Chỉ nhận kết nối từ chính máy này (HOST=${host}): thiết bị khác không kết nối được. / Only this machine can connect (HOST=${host}).`);
  else if (!publicUrl) out('  Không tìm thấy địa chỉ mạng nội bộ: mã QR sẽ trỏ về máy này; đặt PUBLIC_URL. / No LAN address found: QR codes would point at this machine; set PUBLIC_URL.');
  for (const path of Object.keys(PAGES)) out(`  ${base}${path}`);
  out(`  API: ${base}/api/health   — dữ liệu / data: ${dataDir}`);
  if (!c) {
    out('Tài khoản và liên kết thiết bị: xem tệp first-start.txt trong thư mục dữ liệu (tạo ở lần khởi động đầu).');
    out('Accounts and device links: see first-start.txt in the data folder (written at first start).');
    out();
    return lines;
  }
  out();
  const adminLine = `  Quản trị / admin:   admin / ${c.admin.generated ? c.admin.password : '(mật khẩu trong ADMIN_PASSWORD)'}`;
  if (!c.demo || !c.manager) {
    out('LẦN KHỞI ĐỘNG ĐẦU — trung tâm mới / FIRST START — new center');
    out(adminLine);
    out(`  Thiết lập trung tâm tại / set the center up at ${base}/manager → Quản trị`);
    out('  Mật khẩu chỉ hiện lần này (cũng có trong first-start.txt). / The password is shown only now (also in first-start.txt).');
    out();
    return lines;
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
  return lines;
}
