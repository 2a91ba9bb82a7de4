// First start on an empty data folder, both ways: the demo center (default) and a real center's
// starting point (DEMO=0), with the real lowdb store and the real server reading what was seeded.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { checkAccountRefs } from '@core/admin-config.ts';
import { CenterConfigSchema } from '@core/config.ts';
import { seedIfEmpty } from '../../server/seed/first-start.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { AccountService } from '../../server/auth/accounts.ts';
import { adminApi } from '../helpers/admin-api.ts';
import { startServer, TestClock } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

const logger = pino({ level: 'silent' });
let dataDir = '';
let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  await rm(dataDir, { recursive: true, force: true });
});

describe('first start', () => {
  it('DEMO=0: the smallest valid center and the admin alone, ready to be set up in the browser', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'luot-first-'));
    const store = new LowdbStore(dataDir);
    const clock = new TestClock();
    const seeded = await seedIfEmpty(store, clock, logger, { demo: false, adminPassword: 'mat-khau-quan-tri' });
    expect(seeded).toMatchObject({ demo: false, manager: null, officers: [], devices: [] });
    const config = CenterConfigSchema.parse(await store.readConfig());
    expect([config.departments.length, config.services.length, config.counters.length]).toEqual([1, 1, 1]);
    expect(config.priorityCategories.length).toBeGreaterThan(0);
    expect(await readFile(join(dataDir, 'first-start.txt'), 'utf8')).toContain('/manager → Quản trị');
    // Seeding again changes nothing: the configuration marks the first start as done.
    expect(await seedIfEmpty(store, clock, logger, { demo: false })).toBeNull();

    server = await startServer({ dataDir, clock });
    const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'mat-khau-quan-tri' }) });
    const token = ((await res.json()) as { data: { token: string } }).data.token;
    const api = adminApi(() => server!.url, () => token);
    expect((await api<unknown[]>('GET', '/users')).body.data).toHaveLength(1);
    // Stored at the real cost (the tests' own fixture accounts use a cheaper one: helpers/server.ts).
    const stored = (await store.readAccounts())!.users.map((u) => u.passwordHash.split('$').slice(0, 4).join('$'));
    expect(stored).toEqual(['scrypt$16384$8$1']);
    expect((await api<unknown[]>('GET', '/devices')).body.data).toHaveLength(0);
    // The placeholder gives way to the center's own service.
    expect((await api('PUT', '/services/HOTICH', { code: 'HOTICH', departmentCode: 'VP', nameVi: 'Hộ tịch', nameEn: 'Civil status', prefix: 'B' })).status).toBe(200);
    expect((await api('PUT', '/counters/1', { ...config.counters[0], services: [{ serviceCode: 'HOTICH', weight: 1 }] })).status).toBe(200);
    expect((await api('DELETE', '/services/TIEPNHAN')).status).toBe(200);
  });

  it('the demo: every counter\'s default officer is an active officer allowed there', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'luot-first-'));
    const store = new LowdbStore(dataDir);
    const seeded = await seedIfEmpty(store, new TestClock(), logger, {});
    expect(seeded?.demo).toBe(true);
    const config = CenterConfigSchema.parse(await store.readConfig());
    const accounts = await AccountService.load(store, new TestClock(), logger);
    const none = { ...config, counters: config.counters.map((c) => ({ ...c, defaultOfficer: null })) };
    expect(config.counters.every((c) => c.defaultOfficer !== null)).toBe(true);
    expect(checkAccountRefs(none, config, { users: accounts.users(), devices: accounts.devices() })).toBeNull();
  });

  it('first-start.txt names the address devices reach: the LAN or public address when known, never localhost', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'luot-first-'));
    const seeded = await seedIfEmpty(new LowdbStore(dataDir), new TestClock(), logger, { base: 'http://192.0.2.10:3000/' });
    const note = await readFile(join(dataDir, 'first-start.txt'), 'utf8');
    const kiosk = seeded!.devices.find((d) => d.kind === 'kiosk')!;
    expect(note).toContain(`http://192.0.2.10:3000/kiosk#device=${kiosk.token}`);
    expect(note).toContain('--server http://192.0.2.10:3000 ');
    expect(note).not.toMatch(/localhost|127\.0\.0\.1|BASE\/|--server BASE/);
    await rm(dataDir, { recursive: true, force: true });
    // Not known (listening on loopback, port 0): a placeholder that says what to put there.
    dataDir = await mkdtemp(join(tmpdir(), 'luot-first-'));
    await seedIfEmpty(new LowdbStore(dataDir), new TestClock(), logger, {});
    const unknown = await readFile(join(dataDir, 'first-start.txt'), 'utf8');
    expect(unknown).toContain('BASE/kiosk#device=');
    expect(unknown).toContain('không dùng localhost hay 127.0.0.1');
    expect(unknown).not.toContain('http://localhost');
  });
});
