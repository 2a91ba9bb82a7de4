// Starts the real server (createApp) on port 0 with the lowdb store in a temp folder, and makes
// real Socket.IO clients for it. No mocks: the same code path as production, minus main.ts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { io as connectClient } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { CenterConfig } from '@core/config.ts';
import type { DayState } from '@core/ticket.ts';
import type { Ack, ClientToServerEvents, CommandInput, CommandName, CommandResults, ServerToClientEvents } from '@core/protocol.ts';
import type { DeviceKind, UserRole } from '@core/protocol.ts';
import { createApp } from '../../server/app.ts';
import type { LuotApp } from '../../server/app.ts';
import { AccountService } from '../../server/auth/accounts.ts';
import type { UserRecord } from '../../server/auth/records.ts';
import { hashPassword, randomToken } from '../../server/auth/secrets.ts';
import type { AppDeps, Clock } from '../../server/deps.ts';
import type { ExportSettings } from '../../server/export/settings.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { MONDAY_9AM, testCenterConfig } from './center.ts';
import { patient } from './patience.ts';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export class TestClock implements Clock {
  constructor(public t: number = MONDAY_9AM) {}
  now(): number { return this.t; }
  advance(ms: number): void { this.t += ms; }
}

export const PASSWORD = 'mat-khau-thu-nghiem';

/**
 * The fixture accounts' password, hashed once per test process at scrypt N = 1024 instead of
 * 16384: each server started here had 5–7 of these hashes to make and each login one to check,
 * ~50 ms apiece on the 2-core machine. The cost is stored in the hash, so logins check it through
 * the same verifyPassword; accounts made by the tests themselves (admin API) keep the real cost.
 */
let fixtureHash: Promise<string> | null = null;
const fixturePasswordHash = () => (fixtureHash ??= hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }));

export interface TestServer {
  app: LuotApp;
  url: string;
  dataDir: string;
  store: LowdbStore;
  clock: TestClock;
  config: CenterConfig;
  deviceTokens: Record<string, string>;
  officer(n: number): Promise<Client>;
  device(name: string): Promise<Client>;
  login(username: string): Promise<string>;
  /** samePort: clients reconnect by themselves, as after a real server restart; whileDown runs while it is stopped. */
  restart(options?: { samePort?: boolean; whileDown?: () => Promise<void> }): Promise<void>;
  close(): Promise<void>;
}

const clients = new Set<Client>();

export function connect(url: string, auth: Record<string, string>): Promise<Client> {
  const socket: Client = connectClient(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  clients.add(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Send a command and wait for its ack; a lost connection or silence reads as an INTERNAL refusal. */
export function send<K extends CommandName>(socket: Client, event: K, payload: CommandInput<K> | unknown, timeoutMs = 5000): Promise<Ack<CommandResults[K]>> {
  return new Promise((resolve) => {
    const timed = socket.timeout(patient(timeoutMs)) as unknown as { emit: (e: string, p: unknown, ack: (err: Error | null, r: Ack<CommandResults[K]>) => void) => void };
    timed.emit(event, payload, (err, res) => {
      resolve(err ? { ok: false, code: 'INTERNAL', message: 'không có phản hồi', messageEn: `no ack: ${err.message}` } : res);
    });
  });
}

/** Send and insist on success; the failure message names the code. */
export async function must<K extends CommandName>(socket: Client, event: K, payload: CommandInput<K> | unknown): Promise<CommandResults[K]> {
  const res = await send(socket, event, payload);
  if (!res.ok) throw new Error(`${event} refused: ${res.code} ${res.message}`);
  return res.data;
}

export function nextEvent<E extends keyof ServerToClientEvents>(socket: Client, event: E, timeoutMs = 3000): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(event)} within ${patient(timeoutMs)} ms`)), patient(timeoutMs));
    (socket.once as (e: string, l: (x: unknown) => void) => void)(event as string, (x) => {
      clearTimeout(timer);
      resolve(x as Parameters<ServerToClientEvents[E]>[0]);
    });
  });
}

export const DEVICES: { name: string; kind: DeviceKind; zone?: string; counter?: number }[] = [
  { name: 'kiosk1', kind: 'kiosk' },
  { name: 'kiosk2', kind: 'kiosk' },
  { name: 'display-all', kind: 'display' },
  { name: 'display-T1', kind: 'display', zone: 'T1' },
  { name: 'display-T2', kind: 'display', zone: 'T2' },
  { name: 'pad1', kind: 'rating', counter: 1 },
  { name: 'pad2', kind: 'rating', counter: 2 },
  { name: 'printer1', kind: 'printer' },
];

export async function startServer(options: { config?: CenterConfig; clock?: TestClock; dataDir?: string; ratingTimeoutSec?: number; exportSettings?: Partial<ExportSettings>; lanAddress?: string; messages?: AppDeps['messages'] } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'luot-test-')));
  const store = new LowdbStore(dataDir);
  const clock = options.clock ?? new TestClock();
  const config = options.config ?? testCenterConfig();
  const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });
  const deviceTokens: Record<string, string> = {};
  if (!(await store.readConfig())) {
    const accounts = await AccountService.load(store, clock, logger);
    for (const d of DEVICES) {
      const { token } = await accounts.createDevice({ kind: d.kind, name: d.name, zone: d.zone ?? null, counter: d.counter ?? null });
      deviceTokens[d.name] = token;
    }
    await accounts.idle();
    const passwordHash = await fixturePasswordHash();
    const user = (username: string, displayName: string, role: UserRole): UserRecord => ({
      id: randomToken(9), username, displayName, role, passwordHash, disabled: false, counters: [], createdAt: clock.now(),
    });
    const seeded = (await store.readAccounts())!;
    await store.writeAccounts({
      ...seeded,
      users: [
        user('admin', 'Quản trị', 'admin'),
        user('quanly', 'Quản lý', 'manager'),
        ...config.counters.map((c) => user(`canbo${c.number}`, `Cán bộ ${c.number}`, 'officer')),
      ],
    });
    await store.writeConfig(config);
  }
  let app = await createApp({ store, clock, logger, ratingTimeoutSec: options.ratingTimeoutSec, exportSettings: options.exportSettings, lanAddress: options.lanAddress, messages: options.messages });
  let port = await app.listen(0, '127.0.0.1');
  const server: TestServer = {
    get app() { return app; },
    get url() { return `http://127.0.0.1:${port}`; },
    dataDir, store, clock, config, deviceTokens,
    async login(username) {
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
      });
      const body = (await res.json()) as { ok: boolean; data: { token: string } };
      if (!body.ok) throw new Error(`login ${username} failed`);
      return body.data.token;
    },
    async officer(n) {
      return connect(server.url, { sessionToken: await server.login(`canbo${n}`) });
    },
    device(name) {
      return connect(server.url, { deviceToken: deviceTokens[name]! });
    },
    async restart(again = {}) {
      await app.close();
      await again.whileDown?.();
      app = await createApp({ store, clock, logger, ratingTimeoutSec: options.ratingTimeoutSec, exportSettings: options.exportSettings, lanAddress: options.lanAddress, messages: options.messages });
      port = await app.listen(again.samePort ? port : 0, '127.0.0.1');
    },
    async close() {
      for (const c of clients) c.close();
      clients.clear();
      await app.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** A day as a fresh process would read it from disk: snapshot plus journal, through the real store. */
export async function dayOnDisk(dataDir: string, day = '2026-11-23'): Promise<DayState> {
  const state = await new LowdbStore(dataDir).readDay(day);
  if (!state) throw new Error(`no data on disk for ${day}`);
  return state;
}

/** The raw bytes of a day's files, to prove a refused command wrote nothing. */
export async function dayFilesRaw(dataDir: string, day = '2026-11-23'): Promise<string> {
  // An empty journal and none at all mean the same: nothing recorded since the snapshot.
  const read = (ext: string) => readFile(join(dataDir, 'days', `${day}.${ext}`), 'utf8').catch(() => '');
  return `${await read('json')}\n--journal--\n${await read('journal')}`;
}
