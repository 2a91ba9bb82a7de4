// A counter's default officer: checked against the accounts when an admin sets it (an active
// officer allowed at that counter), and the officer's console offers that counter first, live.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CenterConfig } from '@core/config.ts';
import { checkAccountRefs } from '@core/admin-config.ts';
import type { AccountsView } from '@core/admin-config.ts';
import type { AnySnapshot } from '@core/protocol.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { startServer } from '../helpers/server.ts';
import { adminApi } from '../helpers/admin-api.ts';
import type { TestServer } from '../helpers/server.ts';

describe('checkAccountRefs (pure)', () => {
  const before = testCenterConfig();
  const accounts: AccountsView = {
    users: [
      { username: 'canbo1', role: 'officer', disabled: false, counters: [] },
      { username: 'canbo2', role: 'officer', disabled: false, counters: [2] },
      { username: 'nghiviec', role: 'officer', disabled: true, counters: [] },
      { username: 'quanly', role: 'manager', disabled: false, counters: [] },
    ],
    devices: [
      { name: 'Cầu nối 1', kind: 'printer', revokedAt: null },
      { name: 'Cầu nối cũ', kind: 'printer', revokedAt: 1 },
      { name: 'kiosk1', kind: 'kiosk', revokedAt: null },
    ],
  };
  const withOfficer = (number: number, username: string | null): CenterConfig => ({
    ...before, counters: before.counters.map((c) => (c.number === number ? { ...c, defaultOfficer: username } : c)),
  });
  const withBridge = (bridgeDevice: string): CenterConfig => ({
    ...before, printers: { kiosk1: { kind: 'bridge', bridgeDevice, width: 576, timeoutMs: 5000 } },
  });

  it('accepts an active officer allowed at the counter, and clearing it', () => {
    expect(checkAccountRefs(before, withOfficer(1, 'canbo1'), accounts)).toBeNull();
    expect(checkAccountRefs(before, withOfficer(2, 'canbo2'), accounts)).toBeNull();
    expect(checkAccountRefs(withOfficer(1, 'canbo1'), before, accounts)).toBeNull();
  });

  it('refuses an unknown, disabled or non-officer user, and an officer not allowed there', () => {
    expect(checkAccountRefs(before, withOfficer(1, 'khongco'), accounts)?.code).toBe('DEFAULT_OFFICER_INVALID');
    expect(checkAccountRefs(before, withOfficer(1, 'nghiviec'), accounts)?.code).toBe('DEFAULT_OFFICER_INVALID');
    expect(checkAccountRefs(before, withOfficer(1, 'quanly'), accounts)?.code).toBe('DEFAULT_OFFICER_INVALID');
    expect(checkAccountRefs(before, withOfficer(1, 'canbo2'), accounts)).toEqual({ code: 'DEFAULT_OFFICER_NOT_ALLOWED', params: { counter: 1, username: 'canbo2' } });
  });

  it('checks only what this change made: a reference that went stale later does not block other changes', () => {
    const stale = withOfficer(1, 'nghiviec');
    expect(checkAccountRefs(stale, { ...stale, display: { ...stale.display, notice: 'x' } }, accounts)).toBeNull();
  });

  it('a kiosk printed through a bridge needs an active printer-bridge device of that name', () => {
    expect(checkAccountRefs(before, withBridge('Cầu nối 1'), accounts)).toBeNull();
    expect(checkAccountRefs(before, withBridge('Cầu nối cũ'), accounts)?.code).toBe('PRINTER_BRIDGE_UNKNOWN');
    expect(checkAccountRefs(before, withBridge('kiosk1'), accounts)?.code).toBe('PRINTER_BRIDGE_UNKNOWN');
  });
});

describe('default officer over the admin API', () => {
  let server: TestServer;
  let admin: string;
  beforeEach(async () => {
    server = await startServer();
    admin = await server.login('admin');
  });
  afterEach(async () => { await server.close(); });

  const api = adminApi<CenterConfig>(() => server.url, () => admin);
  const counter = (n: number) => server.config.counters.find((c) => c.number === n)!;
  const configFile = () => readFile(join(server.dataDir, 'config.json'), 'utf8');

  it('an officer already signed in sees the counter marked as theirs and offered first, without reconnecting', async () => {
    const officer = await server.officer(1);
    const seen: AnySnapshot[] = [];
    officer.on('snapshot', (s) => seen.push(s));
    const last = counter(server.config.counters.at(-1)!.number);
    const res = await api('PUT', `/counters/${last.number}`, { ...last, defaultOfficer: 'canbo1' });
    expect(res.status).toBe(200);
    expect(res.body.data.counters.find((c) => c.number === last.number)?.defaultOfficer).toBe('canbo1');
    await expect.poll(() => seen.some((s) => s.role === 'counter' && s.counter.counters.some((c) => c.number === last.number && c.usual))).toBe(true);
    const snap = seen.findLast((s) => s.role === 'counter')!;
    expect(snap.role === 'counter' && snap.counter.counters.filter((c) => c.usual).map((c) => c.number)).toEqual([last.number]);
    expect(officer.connected).toBe(true);
    // Other officers do not see it as theirs.
    const other = await server.officer(2);
    const theirs = await new Promise<AnySnapshot>((resolve) => { other.emit('snapshot:get', {}, (a) => { if (a.ok) resolve(a.data); }); });
    expect(theirs.role === 'counter' && theirs.counter.counters.some((c) => c.usual)).toBe(false);
  });

  it('refuses a user who is not an active officer allowed there, and writes nothing', async () => {
    const before = await configFile();
    const c1 = counter(1);
    const unknown = await api('PUT', '/counters/1', { ...c1, defaultOfficer: 'khongco' });
    expect(unknown.status).toBe(409);
    expect(unknown.body).toMatchObject({ ok: false, code: 'DEFAULT_OFFICER_INVALID' });
    expect(unknown.body.message).toContain('khongco');
    expect((await api('PUT', '/counters/1', { ...c1, defaultOfficer: 'quanly' })).body.code).toBe('DEFAULT_OFFICER_INVALID');
    expect((await api('PUT', '/counters/1', { ...c1, defaultOfficer: 'Không Hợp Lệ' })).status).toBe(400);

    const users = (await (await fetch(`${server.url}/api/admin/users`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { data: { id: string; username: string }[] };
    const canbo2 = users.data.find((u) => u.username === 'canbo2')!;
    const restrict = await fetch(`${server.url}/api/admin/users/${canbo2.id}`, {
      method: 'PATCH', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ counters: [2] }),
    });
    expect(restrict.status).toBe(200);
    const notAllowed = await api('PUT', '/counters/1', { ...c1, defaultOfficer: 'canbo2' });
    expect(notAllowed.body.code).toBe('DEFAULT_OFFICER_NOT_ALLOWED');
    expect(await configFile()).toBe(before);
  });
});
