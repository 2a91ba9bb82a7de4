// Sign-in, sessions, device tokens and the REST API, over real HTTP against the real server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IssuedTicket } from '@core/protocol.ts';
import type { Catalog } from '@core/views.ts';
import { connect, must, PASSWORD, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeEach(async () => { server = await startServer(); });
afterEach(async () => { await server.close(); });

async function api<T = Record<string, unknown>>(path: string, init: RequestInit & { token?: string; json?: unknown } = {}) {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.url}/api${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  return { status: res.status, body: (await res.json()) as { ok: boolean; code?: string; message?: string; data: T }, headers: res.headers };
}

describe('sign-in', () => {
  it('gives a session usable over REST and the socket handshake; passwords are stored hashed', async () => {
    const res = await api<{ token: string; user: unknown }>('/auth/login', { method: 'POST', json: { username: 'CanBo1 ', password: PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body.data.user).toMatchObject({ username: 'canbo1', role: 'officer' });
    expect(res.headers.get('set-cookie')).toMatch(/luot_session=.*HttpOnly/);
    const me = await api('/auth/me', { token: res.body.data.token });
    expect(me.body.data).toMatchObject({ kind: 'user', username: 'canbo1' });
    const socket = await connect(server.url, { sessionToken: res.body.data.token });
    expect((await must(socket, 'counter:open', { counter: 1 })).officerName).toBe('Cán bộ 1');

    const stored = await readFile(join(server.dataDir, 'accounts.json'), 'utf8');
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(res.body.data.token);
    expect(stored).toContain('scrypt$');

    await api('/auth/logout', { method: 'POST', token: res.body.data.token });
    expect((await api('/auth/me', { token: res.body.data.token })).status).toBe(401);
  });

  it('refuses a wrong password, then throttles repeated failures', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await api('/auth/login', { method: 'POST', json: { username: 'canbo2', password: 'sai' } });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('LOGIN_FAILED');
    }
    const locked = await api('/auth/login', { method: 'POST', json: { username: 'canbo2', password: PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(locked.body.message).toMatch(/\d+ giây/);
    server.clock.advance(31_000);
    expect((await api('/auth/login', { method: 'POST', json: { username: 'canbo2', password: PASSWORD } })).status).toBe(200);
  });

  it('refuses sockets without a valid session or device token', async () => {
    await expect(connect(server.url, {})).rejects.toMatchObject({ message: 'UNAUTHENTICATED' });
    await expect(connect(server.url, { sessionToken: 'x'.repeat(40) })).rejects.toMatchObject({ message: 'UNAUTHENTICATED' });
    await expect(connect(server.url, { deviceToken: 'y'.repeat(40) })).rejects.toMatchObject({ message: 'DEVICE_REVOKED' });
  });
});

describe('devices', () => {
  it('an admin adds a device (token shown once) and revoking it disconnects it at once', async () => {
    const admin = await server.login('admin');
    const created = await api<{ link: string; token: string; device: { id: string; tokenHash?: string } }>('/devices', { method: 'POST', token: admin, json: { kind: 'display', name: 'Màn hình tầng 2', zone: 'T2' } });
    expect(created.status).toBe(201);
    expect(created.body.data.link).toMatch(/\/display#device=/);
    expect(created.body.data.device.tokenHash).toBeUndefined();
    const display = await connect(server.url, { deviceToken: created.body.data.token });
    const gone = new Promise((resolve) => display.once('disconnect', resolve));
    const revoked = await api<{ revokedAt: number }>(`/devices/${created.body.data.device.id}`, { method: 'DELETE', token: admin });
    expect(revoked.body.data.revokedAt).toBeTypeOf('number');
    await gone;
    await expect(connect(server.url, { deviceToken: created.body.data.token })).rejects.toMatchObject({ message: 'DEVICE_REVOKED' });
  });

  it('only admins manage devices; bad bodies are explained', async () => {
    const officer = await server.login('canbo1');
    expect((await api('/devices', { token: officer })).status).toBe(403);
    expect((await api('/devices')).status).toBe(401);
    const admin = await server.login('admin');
    const bad = await api('/devices', { method: 'POST', token: admin, json: { kind: 'toaster', name: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const noCounter = await api('/devices', { method: 'POST', token: admin, json: { kind: 'rating', name: 'Pad', counter: 77 } });
    expect(noCounter.body.code).toBe('UNKNOWN_COUNTER');
  });
});

describe('REST API', () => {
  it('health and the public catalog', async () => {
    expect((await api<{ day: string }>('/health')).body.data.day).toBe('2026-11-23');
    const catalog = await api<Catalog>('/catalog');
    expect(catalog.body.data.services.map((s) => s.code)).toEqual(['DATDAI', 'HOTICH', 'LLTP', 'CHIEU']);
    expect(catalog.body.data.services[3]?.availability).toMatchObject({ open: false, code: 'WINDOW_CLOSED' });
  });

  it('issues a ticket with a device token (idempotent by requestId) and shows its public status', async () => {
    const token = server.deviceTokens.kiosk2!;
    const first = await api<IssuedTicket>('/tickets', { method: 'POST', token, json: { serviceCode: 'HOTICH', requestId: 'booking-42' } });
    expect(first.status).toBe(201);
    expect(first.body.data.ticket.number).toBe('B-001');
    const repeat = await api<IssuedTicket>('/tickets', { method: 'POST', token, json: { serviceCode: 'HOTICH', requestId: 'booking-42' } });
    expect(repeat.body.data.ticket.id).toBe(first.body.data.ticket.id);
    const status = await api(`/tickets/${first.body.data.ticket.id}/status`);
    expect(status.body.data).toMatchObject({ number: 'B-001', status: 'waiting', ahead: 0, serviceNameVi: 'Hộ tịch' });
    expect(JSON.stringify(status.body.data)).not.toContain('officer');

    const officer = await server.officer(3);
    await must(officer, 'counter:open', { counter: 3 });
    await must(officer, 'ticket:call-next', {});
    expect((await api(`/tickets/${first.body.data.ticket.id}/status`)).body.data).toMatchObject({ status: 'called', counter: 3 });
  });

  it('refuses without a kiosk token, and explains bad bodies', async () => {
    expect((await api('/tickets', { method: 'POST', json: { serviceCode: 'HOTICH', requestId: 'r-000001' } })).status).toBe(401);
    const officer = await server.login('canbo1');
    expect((await api('/tickets', { method: 'POST', token: officer, json: { serviceCode: 'HOTICH', requestId: 'r-000001' } })).status).toBe(403);
    const token = server.deviceTokens.kiosk1!;
    const broken = await api('/tickets', { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: '{"serviceCode":' });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('VALIDATION_FAILED');
    const huge = await api('/tickets', { method: 'POST', token, json: { serviceCode: 'HOTICH', requestId: 'r-000002', x: 'x'.repeat(40_000) } });
    expect(huge.status).toBe(413);
    const unknown = await api('/tickets', { method: 'POST', token, json: { serviceCode: 'NOPE', requestId: 'r-000003' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Không có lĩnh vực này');
    expect((await api('/tickets/khong-ton-tai-000000/status')).status).toBe(404);
    expect((await api('/tickets/%2e%2e%2fconfig/status')).status).toBe(404);
  });
});
