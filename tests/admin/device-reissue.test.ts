// A replaced kiosk tablet is paired again: a new token for the same device, the old one refused
// and disconnected at once, the device's settings (its printer) kept, the action audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, CreatedDevice } from '@core/protocol.ts';
import { connect, must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { adminApi } from '../helpers/admin-api.ts';

let server: TestServer;
let admin: string;
beforeEach(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterEach(async () => { await server.close(); });
const api = adminApi(() => server.url, () => admin);

describe('a new pairing link for a device', () => {
  it('replaces the token, keeps the device and its printer, disconnects the old screen', async () => {
    const printer = { kind: 'network', url: 'tcp://127.0.0.1:9', width: 576 };
    expect((await api('PUT', '/printers/kiosk1', printer)).status).toBe(200);
    const old = await server.device('kiosk1');
    const id = server.app.parts.accounts.devices().find((d) => d.name === 'kiosk1')!.id;

    const res = await api<CreatedDevice>('POST', `/devices/${id}/token`);
    expect(res.status).toBe(200);
    const { token, link, qr, device } = res.body.data;
    expect(device).toMatchObject({ id, name: 'kiosk1', kind: 'kiosk', revokedAt: null });
    expect(token).not.toBe(server.deviceTokens.kiosk1);
    expect(link).toBe(`${server.url}/kiosk#device=${token}`);
    expect(qr).toMatch(/^data:image\/png;base64,/);

    await expect.poll(() => old.connected).toBe(false);
    await expect(connect(server.url, { deviceToken: server.deviceTokens.kiosk1! })).rejects.toThrow('DEVICE_REVOKED');
    const fresh = await connect(server.url, { deviceToken: token });
    // Its printer is found by the device's name, which stayed.
    expect(server.app.parts.printing.setupFor(server.app.parts.accounts.device(id)!)).toMatchObject({ printing: 'network' });
    expect((await must(fresh, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'reissue-0000001' })).ticket.number).toBe('A-001');

    const audit = (await api<AuditEntry[]>('GET', '/audit')).body.data;
    expect(audit[0]).toMatchObject({ action: 'device:reissue', target: 'kiosk1', actor: { username: 'admin' } });
    expect(JSON.stringify(audit)).not.toContain(token);
    // A revoked or unknown device gets no new link.
    expect((await api('DELETE', `/devices/${id}`)).status).toBe(200);
    expect((await api('POST', `/devices/${id}/token`)).status).toBe(404);
    expect((await api('POST', '/devices/khong-co/token')).status).toBe(404);
  });
});
