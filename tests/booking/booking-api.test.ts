// Bookings over real HTTP: the /book page's API (capacity under 50 concurrent requests, per-person
// limits, holidays, the past, the cut-off, bad input) and the portal API (API keys, idempotency by
// reference, replays, scoping, revocation), with what is on disk read back by a fresh reader.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { BookingSettingsSchema } from '@core/booking/settings.ts';
import { readBookings } from '../../server/booking/booking-log.ts';
import { startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { at, cccd, phone } from './helpers.ts';

let server: TestServer;
let adminToken = '';

beforeEach(async () => {
  server = await startServer({
    config: { ...testCenterConfig(), bookings: BookingSettingsSchema.parse({ defaults: { capacity: 4, walkInSharePct: 0 } }) },
  });
  server.clock.t = at('07:00');
  adminToken = await server.login('admin');
});
afterEach(async () => { await server.close(); });

type Answer = { status: number; body: { ok: boolean; code?: string; message?: string; data?: Record<string, unknown> & { code?: string } } };
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${server.url}${path}`, {
    method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}
const web = (n: number, o: Record<string, unknown> = {}) => call('POST', '/api/book', {
  serviceCode: 'DATDAI', day: '2026-11-23', time: '10:00', phone: phone(n), cccd: cccd(n), ...o,
});

describe('the /book API', () => {
  it('50 concurrent requests for the last 2 places: exactly 2 booked, on disk too', async () => {
    for (const n of [1, 2]) expect((await web(n)).status).toBe(201);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => web(100 + i)));
    const booked = answers.filter((a) => a.status === 201);
    expect(booked).toHaveLength(2);
    const refused = answers.filter((a) => a.status !== 201);
    expect(new Set(refused.map((a) => a.body.code))).toEqual(new Set(['BOOKING_SLOT_FULL']));
    expect(refused[0]!.body.message).toBe('Khung giờ 10:00 đã hết chỗ, vui lòng chọn khung giờ khác');
    const onDisk = [...(await readBookings(join(server.dataDir, 'bookings', 'bookings.journal'))).values()];
    expect(onDisk.filter((b) => b.slotStart === at('10:00') && b.status === 'booked')).toHaveLength(4);
    const slots = await call('GET', '/api/book/slots?service=DATDAI&day=2026-11-23');
    expect((slots.body.data!.slots as { time: string; free: number }[]).find((s) => s.time === '10:00')!.free).toBe(0);
  });

  it('limits each person by CCCD or by phone: one per service, two a day', async () => {
    expect((await web(1)).status).toBe(201);
    expect((await web(1, { time: '10:15', phone: phone(9) })).body.code).toBe('BOOKING_LIMIT_SERVICE'); // same CCCD
    expect((await web(2, { time: '10:15', phone: phone(1) })).body.code).toBe('BOOKING_LIMIT_SERVICE'); // same phone
    expect((await web(1, { serviceCode: 'HOTICH', time: '10:30' })).status).toBe(201);
    const third = await web(1, { serviceCode: 'LLTP', time: '10:30' });
    expect(third).toMatchObject({ status: 409, body: { code: 'BOOKING_LIMIT_DAY' } });
    expect(third.body.message).toContain('tối đa 2 lịch hẹn');
  });

  it('refuses a holiday, a weekend, the past, the cut-off, a bad CCCD or phone, with Vietnamese messages', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ day: '2027-01-01', time: '09:00' }, 409, 'BOOKING_DAY_CLOSED'],
      [{ day: '2026-11-28', time: '09:00' }, 409, 'BOOKING_DAY_CLOSED'],
      [{ time: '07:00' }, 409, 'BOOKING_SLOT_PAST'],
      [{ time: '07:15' }, 409, 'BOOKING_CUTOFF'],
      [{ time: '12:00' }, 400, 'BOOKING_SLOT_UNKNOWN'],
      [{ cccd: '12345' }, 400, 'VALIDATION_FAILED'],
      [{ cccd: '003090000001' }, 400, 'VALIDATION_FAILED'],
      [{ phone: '12345' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [o, status, code] of cases) {
      const a = await web(1, o);
      expect({ o, status: a.status, code: a.body.code }).toEqual({ o, status, code });
    }
    const bad = await call('POST', '/api/book', { serviceCode: 'DATDAI', day: '2026-11-23', time: '10:00', phone: phone(1), cccd: '003090000001' });
    expect(JSON.stringify(bad.body)).toContain('mã tỉnh không đúng');
    expect((await web(1, { time: '07:30' })).status).toBe(201); // exactly at the cut-off
  });

  it('finds, moves and cancels with code and phone; a wrong phone finds nothing', async () => {
    const made = (await web(1)).body.data!;
    expect(made).toMatchObject({ time: '10:00–10:15', status: 'booked', phone: '0900 ••• 001' });
    expect(String(made.qrSvg)).toContain('<svg');
    expect(JSON.stringify(made)).not.toContain(cccd(1));
    expect((await call('POST', '/api/book/find', { code: made.code, phone: phone(2) })).body.code).toBe('BOOKING_NOT_FOUND');
    const moved = await call('POST', '/api/book/move', { code: String(made.code).toLowerCase(), phone: phone(1), day: '2026-11-24', time: '08:00' });
    expect(moved.body.data).toMatchObject({ day: '2026-11-24', time: '08:00–08:15' });
    const cancelled = await call('POST', '/api/book/cancel', { code: made.code, phone: '+84 900 000 001' });
    expect(cancelled.body.data).toMatchObject({ status: 'cancelled' });
    expect((await call('POST', '/api/book/cancel', { code: made.code, phone: phone(1) })).body.code).toBe('BOOKING_NOT_CHANGEABLE');
  });
});

describe('the portal API', () => {
  const key = async (name: string) => {
    const made = await call('POST', '/api/admin/booking-keys', { name }, { authorization: `Bearer ${adminToken}` });
    expect(made.status).toBe(201);
    return made.body.data as unknown as { key: string; view: { id: string } };
  };
  const portal = (k: string, o: Record<string, unknown> = {}) => call('POST', '/api/portal/bookings', {
    serviceCode: 'DATDAI', day: '2026-11-23', time: '10:00', phone: phone(1), cccd: cccd(1), reference: 'DVC-0001', name: 'Nguyễn Văn An', ...o,
  }, { 'x-api-key': k });

  it('needs a valid key; keys are stored only as hashes and can be revoked', async () => {
    expect((await portal('nope')).body.code).toBe('API_KEY_INVALID');
    expect((await portal('nope')).status).toBe(401);
    const k = await key('Cổng dịch vụ công tỉnh');
    expect((await portal(k.key)).status).toBe(201);
    const listed = await call('GET', '/api/admin/booking-keys', undefined, { authorization: `Bearer ${adminToken}` });
    expect(JSON.stringify(listed.body)).not.toContain(k.key);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(join(server.dataDir, 'bookings', 'api-keys.json'), 'utf8')).not.toContain(k.key);
    const officer = await server.login('canbo1');
    expect((await call('POST', '/api/admin/booking-keys', { name: 'x' }, { authorization: `Bearer ${officer}` })).status).toBe(403);
    await call('DELETE', `/api/admin/booking-keys/${k.view.id}`, undefined, { authorization: `Bearer ${adminToken}` });
    expect((await portal(k.key, { reference: 'DVC-0002' })).status).toBe(401);
  });

  it('is idempotent by reference: a replay returns the same booking, a different request with it is refused', async () => {
    const k = await key('Cổng DVC');
    const [a, b] = await Promise.all([portal(k.key), portal(k.key)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 201]);
    expect(a.body.data!.code).toBe(b.body.data!.code);
    const replay = await portal(k.key);
    expect(replay.body.data).toMatchObject({ code: a.body.data!.code, replayed: true, reference: 'DVC-0001' });
    const reused = await portal(k.key, { time: '10:15' });
    expect(reused).toMatchObject({ status: 409, body: { code: 'BOOKING_REFERENCE_REUSED' } });
    expect(server.app.parts.bookings.listDay('2026-11-23')).toHaveLength(1);
    // After a restart the reference is still known.
    await server.restart();
    expect((await portal(k.key)).body.data).toMatchObject({ code: a.body.data!.code, replayed: true });
  });

  it('reads, lists by day and cancels only its own bookings', async () => {
    const k1 = await key('Cổng 1');
    const k2 = await key('Cổng 2');
    const code = String((await portal(k1.key)).body.data!.code);
    await portal(k2.key, { phone: phone(2), cccd: cccd(2), reference: 'X-1' });
    expect((await call('GET', `/api/portal/bookings/${code}`, undefined, { 'x-api-key': k1.key })).body.data).toMatchObject({ code, name: 'Nguyễn Văn An' });
    expect((await call('GET', `/api/portal/bookings/${code}`, undefined, { 'x-api-key': k2.key })).status).toBe(404);
    const list = await call('GET', '/api/portal/bookings?day=2026-11-23', undefined, { 'x-api-key': k1.key });
    expect((list.body.data!.bookings as unknown[]).length).toBe(1);
    expect((await call('GET', '/api/portal/bookings?day=23-11-2026', undefined, { 'x-api-key': k1.key })).status).toBe(400);
    expect((await call('DELETE', `/api/portal/bookings/${code}`, undefined, { 'x-api-key': k2.key })).status).toBe(404);
    const del = await call('DELETE', `/api/portal/bookings/${code}`, undefined, { 'x-api-key': k1.key });
    expect(del.body.data).toMatchObject({ status: 'cancelled' });
    expect((await call('DELETE', `/api/portal/bookings/${code}`, undefined, { 'x-api-key': k1.key })).body.data).toMatchObject({ status: 'cancelled' });
  });
});
