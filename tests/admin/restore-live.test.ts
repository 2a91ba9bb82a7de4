// A restore applied at once: the real server under its supervisor on a real port, real files, real
// sockets that reconnect by themselves. Back up, change things, restore: everything as before, and
// the restore's own audit line survives it. Bad bundles change nothing and restart nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { io as connectClient } from 'socket.io-client';
import type { BackupBundle } from '@core/backup.ts';
import type { CenterConfig } from '@core/config.ts';
import type { AdminUser, AuditEntry, CreatedDevice } from '@core/protocol.ts';
import { connect, must, PASSWORD, startServer, TestClock } from '../helpers/server.ts';
import type { Client } from '../helpers/server.ts';
import { startSupervised } from '../../server/supervisor.ts';
import type { Supervisor } from '../../server/supervisor.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { AuditLog } from '../../server/admin/audit-log.ts';
import { applyPendingRestore, stageRestore } from '../../server/admin/backup.ts';

const DAY = '2026-11-23';
let dataDir: string;
let supervisor: Supervisor;
let tokens: Record<string, string>;
let admin: string;
const sockets: Client[] = [];
const url = () => `http://127.0.0.1:${supervisor.port}`;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'luot-restore-live-'));
  const clock = new TestClock();
  // The test helper seeds the folder (users, devices, the center); the supervisor then owns it.
  const seeded = await startServer({ dataDir, clock });
  tokens = seeded.deviceTokens;
  await seeded.close();
  supervisor = await startSupervised({ store: new LowdbStore(dataDir), clock, logger: pino({ level: process.env.TEST_LOG ?? 'silent' }) }, { port: 0, host: '127.0.0.1' });
  admin = await login('admin');
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await supervisor.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function login(username: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${url()}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { ok: boolean; data: { token: string } };
  if (!body.ok) throw new Error(`login ${username} failed`);
  return body.data.token;
}

type Answer<T> = { status: number; body: { ok: boolean; code?: string; message?: string; data: T } };
async function api<T = unknown>(method: string, path: string, json?: unknown, raw?: string): Promise<Answer<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${admin}` };
  const body = raw ?? (json === undefined ? undefined : JSON.stringify(json));
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url()}/api/admin${path}`, { method, headers, body });
  return { status: res.status, body: (await res.json()) as Answer<T>['body'] };
}

/** This start's id, or null while nothing answers. */
async function bootId(): Promise<string | null> {
  try {
    const res = await fetch(`${url()}/api/health`);
    return ((await res.json()) as { data: { bootId: string } }).data.bootId;
  } catch {
    return null;
  }
}

/** Polls health until a new start of the app answers. */
async function restarted(before: string | null): Promise<void> {
  await expect.poll(async () => { const now = await bootId(); return now !== null && now !== before; }, { timeout: 15_000, interval: 50 }).toBe(true);
}

/** A device as a real screen connects: it reconnects by itself when the server goes away. */
function screen(token: string): Promise<Client> {
  const socket: Client = connectClient(url(), { auth: { deviceToken: token }, transports: ['websocket'], forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 300 });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const exists = (path: string) => stat(path).then(() => true, () => false);
const numbers = () => Object.values(supervisor.app.parts.queue.current.tickets).map((t) => t.number).sort();
const issue = async (kiosk: Client, serviceCode: string, requestId: string) => (await must(kiosk, 'ticket:issue', { serviceCode, requestId: `request-${requestId}` })).ticket.number;
const NEW_SERVICE = { code: 'DKKD', departmentCode: 'STP', nameVi: 'Đăng ký kinh doanh', nameEn: 'Business registration', prefix: 'K' };

describe('restore, applied at once', () => {
  it('back up, change things, restore: the server restarts itself and everything is as before', async () => {
    // The state to back up: tickets, a renamed service, a new officer, a new kiosk.
    const kiosk = await screen(tokens.kiosk1!);
    expect([await issue(kiosk, 'DATDAI', 'b-1'), await issue(kiosk, 'DATDAI', 'b-2'), await issue(kiosk, 'HOTICH', 'b-3')]).toEqual(['A-001', 'A-002', 'B-001']);
    const config = (await api<CenterConfig>('GET', '/config')).body.data;
    const land = config.services.find((s) => s.code === 'DATDAI')!;
    expect((await api('PUT', '/services/DATDAI', { ...land, nameVi: 'Đất đai và nhà ở' })).status).toBe(200);
    const officer = (await api<AdminUser>('POST', '/users', { username: 'canbo9', displayName: 'Cán bộ 9', role: 'officer', password: 'mat-khau-moi-9' })).body.data;
    const added = (await api<CreatedDevice>('POST', '/devices', { kind: 'kiosk', name: 'Kiosk sảnh B' })).body.data;

    const bundle = (await api('GET', '/backup')).body as unknown as BackupBundle;
    const atBackup = {
      config: (await api<CenterConfig>('GET', '/config')).body.data,
      users: (await api<AdminUser[]>('GET', '/users')).body.data,
      devices: (await api('GET', '/devices')).body.data,
      tickets: numbers(),
    };
    expect(atBackup.config.services.find((s) => s.code === 'DATDAI')!.nameVi).toBe('Đất đai và nhà ở');

    // Changes after the backup: a service, a disabled officer, more tickets, a revoked kiosk.
    expect((await api('PUT', '/services/DKKD', NEW_SERVICE)).status).toBe(200);
    expect((await api('PATCH', `/users/${officer.id}`, { disabled: true })).status).toBe(200);
    expect([await issue(kiosk, 'DATDAI', 'c-1'), await issue(kiosk, 'DKKD', 'c-2')]).toEqual(['A-003', 'K-001']);
    expect((await api('DELETE', `/devices/${added.device.id}`)).status).toBe(200);
    await expect(connect(url(), { deviceToken: added.token })).rejects.toThrow();
    const handedOut = Object.values(supervisor.app.parts.queue.current.tickets).filter((t) => ['A-003', 'K-001'].includes(t.number)).map((t) => t.id);
    expect(handedOut).toHaveLength(2);

    // Two restores at once (a double click): one is accepted, the other refused or cut by the restart.
    const before = await bootId();
    const post = () => fetch(`${url()}/api/admin/restore`, {
      method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(bundle),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ok: boolean; code?: string; data?: unknown } }));
    const answers = await Promise.allSettled([post(), post()]);
    const accepted = answers.filter((a) => a.status === 'fulfilled' && a.value.body.ok);
    expect(accepted).toEqual([{ status: 'fulfilled', value: { status: 200, body: { ok: true, data: { files: Object.keys(bundle.files).length, restarting: true } } } }]);
    const other = answers.find((a) => !(a.status === 'fulfilled' && a.value.body.ok))!;
    if (other.status === 'fulfilled') expect(other.value).toMatchObject({ status: 409, body: { ok: false, code: 'RESTORE_IN_PROGRESS' } });

    await restarted(before);
    expect(supervisor.restarts).toBe(1);

    // Everything as at backup time.
    admin = await login('admin');
    expect((await api('GET', '/config')).body.data).toEqual(atBackup.config);
    expect((await api('GET', '/users')).body.data).toEqual(atBackup.users);
    expect((await api('GET', '/devices')).body.data).toEqual(atBackup.devices);
    expect(numbers()).toEqual(atBackup.tickets);
    expect(supervisor.app.parts.config.index.service.has('DKKD')).toBe(false);
    expect(await login('canbo9', 'mat-khau-moi-9')).toBeTruthy();

    // The kiosk came back by itself; numbers handed out after the backup are never handed out again,
    // and their holders' QR codes say the restore took them back. The revoked kiosk works again.
    await expect.poll(() => kiosk.connected, { timeout: 10_000 }).toBe(true);
    expect(await issue(kiosk, 'DATDAI', 'd-1')).toBe('A-004');
    const again = await screen(added.token);
    expect(await issue(again, 'DATDAI', 'd-2')).toBe('A-005');
    for (const id of handedOut) {
      const res = await fetch(`${url()}/api/tickets/${id}/status`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: unknown }).data).toMatchObject({ status: 'cancelled', endReason: 'restored' });
      expect(await (await fetch(`${url()}/t/${id}`)).text()).toContain('không còn hiệu lực sau khi khôi phục dữ liệu');
    }

    // The restored audit log ends with the restore itself, once; the changes made after the backup are gone from it.
    const audit = (await api<AuditEntry[]>('GET', '/audit?limit=1000')).body.data;
    expect(audit[0]).toMatchObject({ action: 'backup:restore', actor: { username: 'admin' }, after: { createdAt: bundle.createdAt } });
    expect(audit.filter((e) => e.action === 'backup:restore')).toHaveLength(1);
    expect(audit.some((e) => e.action === 'user:create' && e.target === 'canbo9')).toBe(true);
    expect(audit.some((e) => e.action === 'device:revoke' || e.target === 'DKKD')).toBe(false);

    // What was replaced is kept, and nothing is left staged.
    const previous = join(dataDir, 'restore-previous');
    expect(JSON.parse(await readFile(join(previous, 'config.json'), 'utf8')).services.map((s: { code: string }) => s.code)).toContain('DKKD');
    expect(await readFile(join(previous, 'accounts.json'), 'utf8')).toContain(added.device.id);
    expect(Object.values((await new LowdbStore(previous).readDay(DAY))!.tickets).map((t) => t.number)).toContain('K-001');
    expect(await new AuditLog(join(previous, 'audit.jsonl')).recent(1)).toMatchObject([{ action: 'backup:restore' }]);
    expect(await exists(join(dataDir, 'restore-pending'))).toBe(false);
  });

  it('loses no acknowledged ticket when it restarts in the middle of a rush', async () => {
    const kiosk = await screen(tokens.kiosk1!);
    const acked: string[] = [];
    let stop = false;
    // Three kiosk taps at a time, on and on, through the restart: some are cut off, none may be lost.
    const worker = async (w: number) => {
      for (let i = 0; !stop; i += 1) {
        if (!kiosk.connected) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          continue;
        }
        const res = await kiosk.timeout(2_000).emitWithAck('ticket:issue', { serviceCode: 'DATDAI', requestId: `request-rush-${w}-${i}` }).catch(() => null);
        // No answer (cut off by the restart) or a refusal: the ticket may or may not exist; not counted.
        if (res?.ok) acked.push(res.data.ticket.number);
      }
    };
    const workers = [0, 1, 2].map(worker);
    await expect.poll(() => acked.length, { interval: 5 }).toBeGreaterThan(5);
    await supervisor.restart();
    const atRestart = acked.length;
    await expect.poll(() => acked.length, { timeout: 10_000, interval: 10 }).toBeGreaterThan(atRestart + 5);
    stop = true;
    await Promise.all(workers);
    expect(supervisor.restarts).toBe(1);

    const issued = numbers();
    for (const number of acked) expect(issued).toContain(number);
    // No duplicates and no gaps: A-001 … A-n, whatever the restart cut off.
    expect(issued.map((n) => Number(n.slice(2))).sort((a, b) => a - b)).toEqual(Array.from({ length: issued.length }, (_, i) => i + 1));
  });
});

describe('bad bundles: a clear refusal, nothing replaced, no restart', () => {
  it('refuses malformed JSON, a file that fails its check and an oversized bundle', async () => {
    const good = (await api('GET', '/backup')).body as unknown as BackupBundle;
    const configBefore = await readFile(join(dataDir, 'config.json'), 'utf8');
    const before = await bootId();

    const malformed = await api('POST', '/restore', undefined, '{"format": "luot-backup", "files": {');
    expect(malformed).toMatchObject({ status: 400, body: { ok: false, code: 'VALIDATION_FAILED' } });
    const badConfig = await api('POST', '/restore', { ...good, files: { ...good.files, 'config.json': '{"center": 1}' } });
    expect(badConfig).toMatchObject({ status: 400, body: { ok: false, code: 'BACKUP_INVALID' } });
    expect(badConfig.body.message).toBe('Tệp sao lưu không hợp lệ: config.json không hợp lệ. Không có gì bị thay đổi');
    const badDay = await api('POST', '/restore', { ...good, files: { ...good.files, [`days/${DAY}.json`]: 'not json' } });
    expect(badDay.body.message).toContain(`days/${DAY}.json không hợp lệ`);
    // Over the 64 MB limit: refused from its declared length, before it is read.
    const huge = JSON.stringify({ ...good, files: { ...good.files, 'audit.jsonl': 'x'.repeat(64 * 1024 * 1024) } });
    const oversized = await api('POST', '/restore', undefined, huge);
    expect(oversized).toMatchObject({ status: 413, body: { ok: false, code: 'PAYLOAD_TOO_LARGE' } });

    expect(await bootId()).toBe(before);
    expect(supervisor.restarts).toBe(0);
    expect(await exists(join(dataDir, 'restore-pending'))).toBe(false);
    expect(await readFile(join(dataDir, 'config.json'), 'utf8')).toBe(configBefore);
    expect((await api<AuditEntry[]>('GET', '/audit')).body.data.some((e) => e.action === 'backup:restore')).toBe(false);
    // The server still works, and a good bundle is still accepted afterwards.
    expect((await api('POST', '/restore', good)).body).toMatchObject({ ok: true, data: { restarting: true } });
    await restarted(before);
  });
});

describe('staging is safe to interrupt', () => {
  it('a restore whose staging never finished is not applied, and the staged audit line stands on its own line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'luot-restore-stage-'));
    try {
      await writeFile(join(dir, 'config.json'), 'current-config');
      const entry: AuditEntry = { at: 5, actor: { id: 'u1', username: 'admin' }, action: 'backup:restore', target: '2 tệp', before: null, after: { createdAt: 1 } };
      // The bundle's log ends with a line torn by a crash at backup time.
      const files = { 'config.json': 'restored-config', 'audit.jsonl': '{"at":1,"action":"user:create"}\n{"at":2,"act' };
      await stageRestore(dir, { format: 'luot-backup', version: 1, createdAt: 1, files }, 5, entry);
      // A crash before the manifest was written: nothing is applied.
      await unlink(join(dir, 'restore-pending', 'manifest.json'));
      expect(await applyPendingRestore(dir, pino({ level: 'silent' }))).toBe(false);
      expect(await readFile(join(dir, 'config.json'), 'utf8')).toBe('current-config');

      await stageRestore(dir, { format: 'luot-backup', version: 1, createdAt: 1, files }, 6, entry);
      expect(await applyPendingRestore(dir, pino({ level: 'silent' }))).toBe(true);
      expect(await readFile(join(dir, 'config.json'), 'utf8')).toBe('restored-config');
      expect((await new AuditLog(join(dir, 'audit.jsonl')).recent(10)).map((e) => e.action)).toEqual(['backup:restore', 'user:create']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
