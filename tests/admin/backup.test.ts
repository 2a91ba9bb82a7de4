// Backup and restore through the admin API against the real server and real files: back up,
// change things, restore, restart: everything as before. Bad bundles are refused whole.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { BackupBundle } from '@core/backup.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { applyPendingRestore, stageRestore } from '../../server/admin/backup.ts';

let server: TestServer;
let admin: string;
beforeEach(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterEach(async () => { await server.close(); });

async function api<T = unknown>(method: string, path: string, body?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${admin}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.url}/api/admin${path}`, { method, headers, body });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { ok: boolean; code?: string; message?: string; data: T } };
}
const exists = (path: string) => stat(path).then(() => true, () => false);
const NEW_SERVICE = { code: 'DKKD', departmentCode: 'STP', nameVi: 'Đăng ký kinh doanh', nameEn: 'Business registration', prefix: 'K' };

describe('backup and restore', () => {
  it('back up, change things, restore, restart: everything as before', async () => {
    const kiosk = await server.device('kiosk1');
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'before-backup-1' });
    const backup = await api<BackupBundle>('GET', '/backup');
    expect(backup.status).toBe(200);
    expect(backup.headers.get('content-disposition')).toContain('luot-sao-luu-2026-11-23.json');
    const bundle = backup.body as unknown as BackupBundle;
    expect(Object.keys(bundle.files)).toEqual(expect.arrayContaining(['config.json', 'accounts.json', 'audit.jsonl']));
    expect(Object.keys(bundle.files).some((f) => f.startsWith('days/2026-11-23.'))).toBe(true);
    const configBefore = await readFile(join(server.dataDir, 'config.json'), 'utf8');

    // Changes after the backup: a service, a user, a second ticket.
    expect((await api('PUT', '/services/DKKD', JSON.stringify(NEW_SERVICE))).status).toBe(200);
    expect((await api('POST', '/users', JSON.stringify({ username: 'canbo9', displayName: 'Cán bộ 9', role: 'officer', password: 'mat-khau-moi-9' }))).status).toBe(201);
    await must(kiosk, 'ticket:issue', { serviceCode: 'DKKD', requestId: 'after-backup-1' });

    const restored = await api<{ files: number; appliesAtRestart: boolean }>('POST', '/restore', JSON.stringify(bundle));
    expect(restored.body).toEqual({ ok: true, data: { files: Object.keys(bundle.files).length, appliesAtRestart: true } });
    // Nothing in use is replaced while the server runs.
    expect(server.app.parts.config.index.service.has('DKKD')).toBe(true);

    await server.restart();
    const parts = server.app.parts;
    expect(await readFile(join(server.dataDir, 'config.json'), 'utf8')).toBe(configBefore);
    expect(parts.config.index.service.has('DKKD')).toBe(false);
    expect(parts.accounts.users().some((u) => u.username === 'canbo9')).toBe(false);
    expect(Object.values(parts.queue.current.tickets).map((t) => t.number)).toEqual(['A-001']);
    // What the restore replaced is kept, and the pending copy is gone.
    expect(await readFile(join(server.dataDir, 'restore-previous', 'config.json'), 'utf8')).toContain('DKKD');
    expect(await exists(join(server.dataDir, 'restore-pending'))).toBe(false);
    // The sessions in the backup still sign in; the next ticket continues the restored day.
    admin = await server.login('admin');
    expect((await api('GET', '/config')).status).toBe(200);
    const again = await server.device('kiosk1');
    expect((await must(again, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'after-restore-1' })).ticket.number).toBe('A-002');
  });

  it('refuses bad bundles whole: nothing is staged and nothing changes at restart', async () => {
    const good = (await api<BackupBundle>('GET', '/backup')).body as unknown as BackupBundle;
    const config = JSON.parse(good.files['config.json']!);
    const accounts = JSON.parse(good.files['accounts.json']!);
    const cases: [unknown, string][] = [
      [{ ...good, format: 'zip' }, 'không phải tệp sao lưu của Lượt'],
      [{ ...good, version: 9 }, 'phiên bản 9 không được hỗ trợ'],
      [{ ...good, files: { ...good.files, '../../etc/passwd': 'x' } }, 'tên tệp không hợp lệ: ../../etc/passwd'],
      [{ ...good, files: { ...good.files, 'config.json': JSON.stringify({ ...config, services: [...config.services, { ...config.services[0], code: 'X2' }] }) } }, 'config.json không hợp lệ'],
      [{ ...good, files: { ...good.files, 'accounts.json': JSON.stringify({ ...accounts, users: accounts.users.filter((u: { role: string }) => u.role !== 'admin') }) } }, 'không có quản trị viên'],
      [{ ...good, files: { ...good.files, 'days/2026-11-20.json': JSON.stringify({ day: '2026-11-21' }) } }, 'days/2026-11-20.json: ngày không khớp'],
      [{ ...good, files: { ...good.files, 'days/2026-11-20.json': JSON.stringify({ day: '2026-11-20' }) } }, 'days/2026-11-20.json không hợp lệ'],
      [{ ...good, files: { ...good.files, 'accounts.json': JSON.stringify({ users: accounts.users }) } }, 'accounts.json không hợp lệ'],
      [{ ...good, files: { 'config.json': good.files['config.json'] } }, 'thiếu accounts.json'],
    ];
    for (const [bundle, reason] of cases) {
      const res = await api('POST', '/restore', JSON.stringify(bundle));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('BACKUP_INVALID');
      expect(res.body.message).toContain(reason);
      expect(res.body.message).toContain('Không có gì bị thay đổi');
    }
    expect((await api('POST', '/restore', '{"format": "luot-backup", ')).body.code).toBe('VALIDATION_FAILED');
    expect(await exists(join(server.dataDir, 'restore-pending'))).toBe(false);
    const before = await readFile(join(server.dataDir, 'config.json'), 'utf8');
    await server.restart();
    expect(await readFile(join(server.dataDir, 'config.json'), 'utf8')).toBe(before);
  });

  it('only admins may download or restore a backup', async () => {
    admin = await server.login('quanly');
    expect((await api('GET', '/backup')).status).toBe(403);
    expect((await api('POST', '/restore', '{}')).status).toBe(403);
  });
});

describe('applying a staged restore', () => {
  it('finishes correctly when run again after a crash part-way', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'luot-restore-'));
    try {
      await mkdir(join(dir, 'days'));
      await writeFile(join(dir, 'config.json'), 'old-config');
      await writeFile(join(dir, 'accounts.json'), 'old-accounts');
      await writeFile(join(dir, 'days', '2026-11-24.json'), 'a day after the backup');
      const files = { 'config.json': 'new-config', 'accounts.json': 'new-accounts', 'days/2026-11-20.json': 'old day' };
      await stageRestore(dir, { format: 'luot-backup', version: 1, createdAt: 1, files }, 2);
      // The crash: config.json was set aside and replaced, nothing else yet.
      await mkdir(join(dir, 'restore-previous'));
      await rename(join(dir, 'config.json'), join(dir, 'restore-previous', 'config.json'));
      await rename(join(dir, 'restore-pending', 'config.json'), join(dir, 'config.json'));

      expect(await applyPendingRestore(dir, pino({ level: 'silent' }))).toBe(true);
      const read = (p: string) => readFile(join(dir, p), 'utf8');
      expect(await read('config.json')).toBe('new-config');
      expect(await read('accounts.json')).toBe('new-accounts');
      expect(await read('days/2026-11-20.json')).toBe('old day');
      expect(await exists(join(dir, 'days', '2026-11-24.json'))).toBe(false);
      expect(await read('restore-previous/config.json')).toBe('old-config');
      expect(await read('restore-previous/accounts.json')).toBe('old-accounts');
      expect(await read('restore-previous/days/2026-11-24.json')).toBe('a day after the backup');
      expect(await applyPendingRestore(dir, pino({ level: 'silent' }))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
