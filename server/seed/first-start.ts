// First start on an empty data folder: the demo center, its accounts and device links, all with
// fresh random secrets (a real center must never inherit a fixed password from a demo).
import type { Logger } from 'pino';
import { CenterConfigSchema } from '@core/config.ts';
import type { CenterConfig } from '@core/config.ts';
import type { DeviceKind } from '@core/protocol.ts';
import type { Clock } from '../deps.ts';
import type { Store } from '../store/store.ts';
import { AccountService } from '../auth/accounts.ts';
import { randomPassword } from '../auth/secrets.ts';
import { demoCenterConfig, demoManagers, demoOfficers } from './demo-center.ts';
import { demoProcedures, shippedSynonyms } from './catalog/demo-catalog.ts';
import { blankCenterConfig } from './blank-center.ts';

export interface FirstStartCredentials {
  /** The demo center, or the near-empty starting point of a real one (DEMO=0). */
  demo: boolean;
  admin: { username: string; password: string; generated: boolean };
  /** Demo accounts and devices; none for a real center, whose admin creates them. */
  manager: { username: string; password: string } | null;
  officers: { username: string; password: string; displayName: string; counter: number }[];
  devices: { kind: DeviceKind; name: string; token: string; zone: string | null; counter: number | null }[];
  notePath: string;
}

export interface SeedOptions {
  adminPassword?: string;
  /** The demo opens ticket issuing around the clock, for trying it outside office hours. */
  alwaysOpen?: boolean;
  /** false: a real center's starting point (server/seed/blank-center.ts) and the admin alone. */
  demo?: boolean;
  /**
   * Where devices reach the server (PUBLIC_URL, else its LAN address and port): the note's links
   * use it. Without it they keep a BASE placeholder, never localhost (useless to a phone or kiosk).
   */
  base?: string | null;
}

export async function seedIfEmpty(store: Store, clock: Clock, logger: Logger, options: SeedOptions = {}): Promise<FirstStartCredentials | null> {
  if (await store.readConfig()) return null;
  const demo = options.demo ?? true;
  const config: CenterConfig = CenterConfigSchema.parse(demo ? demoCenterConfig() : blankCenterConfig());
  if (options.alwaysOpen) config.center.enforceWindows = false;
  // What the search finds: the demo's 1,100 procedures (a real center imports its own) and the
  // shipped everyday words and abbreviations, edited later in Quản trị → Từ đồng nghĩa.
  if (demo) config.procedures = demoProcedures(config);
  config.synonyms = shippedSynonyms(new Set([...config.procedures.map((p) => p.code), ...config.services.map((s) => s.code)]));
  const accounts = await AccountService.load(store, clock, logger);

  const adminPassword = options.adminPassword ?? randomPassword(14);
  await accounts.createUser({ username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin', password: adminPassword });
  const admin = { username: 'admin', password: adminPassword, generated: !options.adminPassword };
  if (!demo) {
    await accounts.idle();
    await store.writeConfig(config);
    const credentials = { demo, admin, manager: null, officers: [], devices: [] };
    const notePath = await store.writeNote('first-start.txt', firstStartNote(credentials, options.base ?? null));
    logger.child({ module: 'seed' }).info({ notePath }, 'new center created');
    return { ...credentials, notePath };
  }
  const [managerInfo] = demoManagers();
  const managerPassword = randomPassword();
  await accounts.createUser({ ...managerInfo!, role: 'manager', password: managerPassword });
  const officers: FirstStartCredentials['officers'] = [];
  for (const o of demoOfficers()) {
    const password = randomPassword();
    await accounts.createUser({ username: o.username, displayName: o.displayName, role: 'officer', password, counters: [o.counter] });
    officers.push({ ...o, password });
  }

  const devices: FirstStartCredentials['devices'] = [];
  const addDevice = async (kind: DeviceKind, name: string, zone: string | null = null, counter: number | null = null) => {
    const { token } = await accounts.createDevice({ kind, name, zone, counter });
    devices.push({ kind, name, token, zone, counter });
  };
  await addDevice('kiosk', 'Kiosk sảnh chính 1');
  await addDevice('kiosk', 'Kiosk sảnh chính 2');
  await addDevice('display', 'Màn hình sảnh (tất cả khu vực)');
  for (const zone of [...new Set(config.counters.map((c) => c.zone))]) await addDevice('display', `Màn hình khu ${zone}`, zone);
  for (const c of config.counters) await addDevice('rating', `Máy đánh giá quầy ${c.number}`, null, c.number);
  await addDevice('printer', 'Cầu nối máy in kiosk 1');
  await accounts.idle();

  // The configuration is written last: its presence marks the first start as complete.
  await store.writeConfig(config);
  const credentials = { demo, admin, manager: { username: managerInfo!.username, password: managerPassword }, officers, devices };
  const notePath = await store.writeNote('first-start.txt', firstStartNote(credentials, options.base ?? null));
  logger.child({ module: 'seed' }).info({ notePath }, 'demo center created');
  return { ...credentials, notePath };
}

function firstStartNote(c: Omit<FirstStartCredentials, 'notePath'>, base: string | null): string {
  const at = base ? base.replace(/\/+$/, '') : 'BASE';
  const lines = [
    'Lượt — tài khoản và liên kết thiết bị tạo lần khởi động đầu tiên / accounts and device links made at first start',
    'Giữ bí mật tệp này. Mật khẩu chỉ được lưu dưới dạng băm; đây là bản duy nhất. / Keep this file secret: only hashes are stored.',
    '',
    `admin: ${c.admin.username} / ${c.admin.generated ? c.admin.password : '(ADMIN_PASSWORD)'}`,
    ...(c.manager ? [`quản lý / manager: ${c.manager.username} / ${c.manager.password}`] : [
      'Trung tâm mới: hãy tạo sở, ngành, lĩnh vực, quầy, người dùng và thiết bị tại /manager → Quản trị.',
      'New center: create departments, services, counters, users and devices in /manager → Administration.',
    ]),
    '',
    'Cán bộ / officers (tên đăng nhập / mật khẩu / quầy):',
    ...c.officers.map((o) => `  ${o.username} / ${o.password} / quầy ${o.counter} / ${o.displayName}`),
    '',
    base
      ? `Thiết bị / devices (mở đường dẫn trên trình duyệt của thiết bị; máy chủ / server: ${base}):`
      : 'Thiết bị / devices (mở đường dẫn trên trình duyệt của thiết bị; BASE = địa chỉ của máy chủ trong mạng nội bộ, '
        + 'ví dụ http://192.168.1.10:3000 — không dùng localhost hay 127.0.0.1: thiết bị khác không tới được / '
        + 'BASE = the server\'s LAN address; localhost or 127.0.0.1 cannot be reached from another device):',
    ...c.devices.map((d) => `  ${d.kind}\t${d.name}\t${d.kind === 'printer'
      ? `${devicePath(d.kind)} ${d.token} --server ${at} --printer tcp://MÁY-IN:9100   (README: In phiếu / Printing)`
      : `${devicePath(d.kind).replace(/^BASE/, at)}#device=${d.token}`}`),
  ];
  return lines.join('\n') + '\n';
}

export function devicePath(kind: DeviceKind): string {
  return { kiosk: 'BASE/kiosk', display: 'BASE/display', rating: 'BASE/counter/rating', printer: 'npm run printer -- --token' }[kind];
}
