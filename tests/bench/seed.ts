// The benchmark's center: 10 services, 100 counters (each serving 2–3 services) in 5 zones,
// issuing always open and no daily caps. Seeded the same way as tests/helpers/server.ts
// (AccountService + store.writeConfig); the tokens it made are kept next to the data in
// bench-credentials.json so a server started later on the same folder can report them.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { CenterConfigSchema } from '@core/config.ts';
import type { CenterConfig } from '@core/config.ts';
import { AccountService } from '../../server/auth/accounts.ts';
import { systemClock } from '../../server/deps.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';

export const COUNTERS = 100;
export const DISPLAYS = 50;
export const KIOSKS = 20;
export const ZONES = ['T1', 'T2', 'T3', 'T4', 'T5'] as const;
export const BENCH_PASSWORD = 'mat-khau-do-hieu-nang';
const CREDENTIALS_FILE = 'bench-credentials.json';

const SERVICES: [code: string, dept: string, prefix: string, nameVi: string, nameEn: string][] = [
  ['DATDAI', 'SNNMT', 'A', 'Đất đai', 'Land'],
  ['MOITRUONG', 'SNNMT', 'MT', 'Môi trường', 'Environment'],
  ['HOTICH', 'STP', 'B', 'Hộ tịch', 'Civil status'],
  ['LLTP', 'STP', 'L', 'Lý lịch tư pháp', 'Judicial records'],
  ['CONGCHUNG', 'STP', 'CG', 'Công chứng', 'Notarisation'],
  ['DOANHNGHIEP', 'STC', 'D', 'Đăng ký doanh nghiệp', 'Business registration'],
  ['DAUTU', 'STC', 'DT', 'Đầu tư', 'Investment'],
  ['XAYDUNG', 'SXD', 'XD', 'Cấp phép xây dựng', 'Construction permits'],
  ['NHAO', 'SXD', 'NO', 'Nhà ở', 'Housing'],
  ['TRAKETQUA', 'TTPVHCC', 'R', 'Trả kết quả', 'Result pick-up'],
];
export const SERVICE_CODES: string[] = SERVICES.map(([code]) => code);

/** Services of counter n (1-based): n, n+3 and, for even n, n+7 (mod 10) — always distinct. */
export function servicesOfCounter(n: number): string[] {
  const picks = [n % 10, (n + 3) % 10, ...(n % 2 === 0 ? [(n + 7) % 10] : [])];
  return picks.map((i) => SERVICE_CODES[i]!);
}

export function zoneOfCounter(n: number): string {
  return ZONES[Math.floor((n - 1) / (COUNTERS / ZONES.length))]!;
}

export function benchConfig(): CenterConfig {
  return CenterConfigSchema.parse({
    center: {
      nameVi: 'Trung tâm Phục vụ hành chính công tỉnh Đo hiệu năng', nameEn: 'Benchmark Provincial Center',
      enforceWindows: false,
    },
    departments: [
      { code: 'TTPVHCC', nameVi: 'Trung tâm Phục vụ hành chính công', nameEn: 'Public Administration Service Center' },
      { code: 'SNNMT', nameVi: 'Sở Nông nghiệp và Môi trường', nameEn: 'Agriculture and Environment' },
      { code: 'STP', nameVi: 'Sở Tư pháp', nameEn: 'Justice' },
      { code: 'STC', nameVi: 'Sở Tài chính', nameEn: 'Finance' },
      { code: 'SXD', nameVi: 'Sở Xây dựng', nameEn: 'Construction' },
    ],
    services: SERVICES.map(([code, departmentCode, prefix, nameVi, nameEn]) => ({ code, departmentCode, prefix, nameVi, nameEn })),
    counters: Array.from({ length: COUNTERS }, (_, i) => {
      const n = i + 1;
      return {
        number: n, nameVi: `Quầy số ${n}`, nameEn: `Counter ${n}`, zone: zoneOfCounter(n),
        services: servicesOfCounter(n).map((serviceCode, j) => ({ serviceCode, weight: j + 1 })),
      };
    }),
    priorityCategories: [
      { code: 'elderly', nameVi: 'Người cao tuổi', nameEn: 'Elderly' },
      { code: 'disabled', nameVi: 'Người khuyết tật', nameEn: 'People with disabilities' },
    ],
    routing: {},
  });
}

export interface BenchOfficer {
  id: string;
  username: string;
  password: string;
  counter: number;
}

export interface BenchCredentials {
  officers: BenchOfficer[];
  displayTokens: string[];
  kioskTokens: string[];
}

/** Seeds config and accounts into an empty folder; returns (and saves) the credentials. */
export async function seedBench(dataDir: string): Promise<BenchCredentials> {
  await mkdir(dataDir, { recursive: true });
  const store = new LowdbStore(dataDir);
  const logger = pino({ level: 'warn' });
  const accounts = await AccountService.load(store, systemClock, logger);
  const users = await Promise.all(Array.from({ length: COUNTERS }, (_, i) => accounts.createUser({
    username: `canbo${i + 1}`, displayName: `Cán bộ ${i + 1}`, role: 'officer', password: BENCH_PASSWORD,
  })));
  const officers = users.map((u, i) => ({ id: u.id, username: u.username, password: BENCH_PASSWORD, counter: i + 1 }));
  const displays = await Promise.all(Array.from({ length: DISPLAYS }, (_, i) =>
    accounts.createDevice({ kind: 'display', name: `Màn hình ${i + 1}`, zone: null, counter: null })));
  const kiosks = await Promise.all(Array.from({ length: KIOSKS }, (_, i) =>
    accounts.createDevice({ kind: 'kiosk', name: `Kiosk ${i + 1}`, zone: null, counter: null })));
  await accounts.idle();
  await store.writeConfig(benchConfig());
  const credentials: BenchCredentials = {
    officers, displayTokens: displays.map((d) => d.token), kioskTokens: kiosks.map((k) => k.token),
  };
  await writeFile(join(dataDir, CREDENTIALS_FILE), JSON.stringify(credentials));
  return credentials;
}

export async function readCredentials(dataDir: string): Promise<BenchCredentials | null> {
  try {
    return JSON.parse(await readFile(join(dataDir, CREDENTIALS_FILE), 'utf8')) as BenchCredentials;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Copies a seeded folder's config, accounts and credentials (hashing 100 passwords once). */
export async function copySeed(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of ['config.json', 'accounts.json', CREDENTIALS_FILE]) await copyFile(join(from, name), join(to, name));
}
