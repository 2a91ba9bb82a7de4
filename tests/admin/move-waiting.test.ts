// Removing a service while citizens wait for it: the admin moves its waiting tickets to another
// service (over REST, real sockets watching), then removes it once its counters are done.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CenterConfig } from '@core/config.ts';
import type { AuditEntry, MoveWaitingResult } from '@core/protocol.ts';
import type { TicketSummary } from '@core/views.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { adminApi } from '../helpers/admin-api.ts';

let server: TestServer;
let admin: string;
beforeEach(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterEach(async () => { await server.close(); });
const api = adminApi<CenterConfig>(() => server.url, () => admin);

const DKKD = { code: 'DKKD', departmentCode: 'STP', nameVi: 'Đăng ký kinh doanh', nameEn: 'Business registration', prefix: 'K' };
const COUNTER_9 = { number: 9, nameVi: 'Quầy số 9', nameEn: 'Counter 9', zone: 'T1', services: [{ serviceCode: 'DKKD', weight: 1 }] };

describe('moving the waiting tickets of a service', () => {
  it('moves them, keeping number and place; the service can go once its counters are done', async () => {
    expect((await api('PUT', '/services/DKKD', DKKD)).status).toBe(200);
    expect((await api('PUT', '/counters/9', COUNTER_9)).status).toBe(200);
    const kiosk = await server.device('kiosk1');
    const issued = [];
    for (let i = 0; i < 3; i += 1) issued.push((await must(kiosk, 'ticket:issue', { serviceCode: 'DKKD', requestId: `move-${i}-0000001` })).ticket);
    const atNine = await server.officer(1);
    await must(atNine, 'counter:open', { counter: 9 });
    expect((await must(atNine, 'ticket:call-next', {})).number).toBe('K-001');
    // An officer at a counter serving HOTICH hears of the tickets arriving in its queue.
    const atThree = await server.officer(3);
    await must(atThree, 'counter:open', { counter: 3 });
    const arrived: TicketSummary[] = [];
    atThree.on('ticket:transferred', (t) => arrived.push(t));

    // Counter 9 stops offering DKKD (its officer keeps the citizen at the desk).
    expect((await api('PUT', '/counters/9', { ...COUNTER_9, services: [{ serviceCode: 'HOTICH', weight: 1 }] })).status).toBe(200);
    const refused = await api('DELETE', '/services/DKKD');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'SERVICE_HAS_WAITING' });
    const bad = await api('POST', '/services/DKKD/move-waiting', { toService: 'NOPE' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('MOVE_TARGET_INVALID');
    expect((await api('POST', '/services/DKKD/move-waiting', { toService: 'HOTICH', extra: 1 })).status).toBe(400);

    const res = await api<MoveWaitingResult>('POST', '/services/DKKD/move-waiting', { toService: 'HOTICH', note: 'Quầy 9 nghỉ' });
    expect(res.body).toEqual({ ok: true, data: { moved: 2, atCounters: 1 } });
    await expect.poll(() => arrived.map((t) => t.number).sort()).toEqual(['K-002', 'K-003']);
    const queue = await must(atThree, 'queue:get', {});
    expect(queue.waiting.map((t) => t.number)).toEqual(['K-002', 'K-003']);
    for (const t of issued.slice(1)) {
      expect(server.app.parts.queue.ticket(t.id)).toMatchObject({ serviceCode: 'HOTICH', number: t.number, queuedAt: t.queuedAt, status: 'waiting' });
    }
    // Still refused while counter 9 serves its last DKKD citizen.
    expect((await api('DELETE', '/services/DKKD')).body.code).toBe('SERVICE_HAS_WAITING');
    await must(atNine, 'ticket:start', {});
    await must(atNine, 'ticket:finish', { procedureCode: null, dossierCodes: [], note: '' });
    expect((await api('DELETE', '/services/DKKD')).status).toBe(200);

    const audit = (await api<AuditEntry[]>('GET', '/audit')).body.data;
    expect(audit.find((e) => e.action === 'queue:move-waiting')).toMatchObject({ actor: { username: 'admin' }, target: 'DKKD', after: { toService: 'HOTICH', moved: 2, note: 'Quầy 9 nghỉ' } });

    // Durable: after a restart the moved tickets are still in their new queue.
    await server.restart();
    expect(server.app.parts.queue.ticket(issued[1]!.id)).toMatchObject({ serviceCode: 'HOTICH', status: 'waiting' });
  });
});
