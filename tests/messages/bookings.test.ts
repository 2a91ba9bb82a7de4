// Messages and the real bookings (server/booking): a booking made through the BookingService is
// confirmed with its code; the reminder goes once, the configured hours before the slot; checked
// in at a kiosk, the booked ticket carries the phone, and its call reaches the phone too.
import { afterEach, describe, expect, it } from 'vitest';
import type { BookingCheckedIn } from '@core/protocol.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { SmsGateway } from '../helpers/message-receivers.ts';
import { at, book, cccd } from '../booking/helpers.ts';
import { FAST, messagesStatus, smsSettings } from './helpers.ts';
import { DEFAULT_TEMPLATES } from '@core/messages/templates.ts';

let server: TestServer | undefined;
let gateway: SmsGateway | undefined;
afterEach(async () => {
  await server?.close();
  await gateway?.stop();
  server = gateway = undefined;
});

describe('messages about bookings', () => {
  it('confirmation with the code, one reminder 2 h before, then the call of the checked-in ticket', async () => {
    gateway = new SmsGateway('khoa-cong-sms-thu-nghiem');
    await gateway.start();
    server = await startServer({ messages: { settings: smsSettings(gateway, { reminderHoursBefore: 2, withoutDiacritics: true }), backoff: FAST } });
    server.clock.t = at('07:00', '2026-11-22'); // the day before
    const b = await book(server, { slot: '09:00', n: 7, phone: '0968000777' });
    const to = '84968000777';
    await expect.poll(() => gateway!.acceptedTo(to).length, { timeout: 5_000 }).toBe(1);
    expect(gateway.acceptedTo(to)[0]!.text).toBe(`Trung tam Phuc vu hanh chinh cong tinh Thu nghiem: Ong/Ba da dat lich Dat dai luc 09:00 ngay 23/11/2026. Ma dat lich: ${b.code}. Khi den, vui long quet ma tai kiosk.`);

    const messages = server.app.parts.messages;
    await messages.remindersDue(); // 26 h before: not yet
    server.clock.t = at('07:05'); // 1 h 55 before the slot
    await messages.remindersDue();
    await messages.remindersDue();
    await expect.poll(() => gateway!.acceptedTo(to).length, { timeout: 5_000 }).toBe(2);
    expect(gateway.acceptedTo(to)[1]!.text).toBe(`Trung tam Phuc vu hanh chinh cong tinh Thu nghiem: Nhac lich hen Dat dai luc 09:00 ngay 23/11/2026, ma dat lich ${b.code}. Vui long den dung gio.`);

    server.clock.t = at('08:55');
    const kiosk = await server.device('kiosk1');
    const checked = await must(kiosk, 'booking:check-in', { requestId: 'chk-msg-00000001', code: b.code }) as BookingCheckedIn;
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    await must(officer, 'ticket:call', { ticketId: checked.ticket.id });
    await expect.poll(() => gateway!.acceptedTo(to).length, { timeout: 5_000 }).toBe(3);
    expect(gateway.acceptedTo(to)[2]!.text).toBe(`Moi Ong/Ba so ${checked.ticket.number} den quay so 1.`);
    expect([...gateway.accepted.values()]).toEqual([1, 1, 1]);
    // Today's figures: the reminder and the call (the confirmation went yesterday).
    await expect.poll(async () => (await messagesStatus(server!)).today, { timeout: 5_000 }).toMatchObject({ due: 2, sent: 2, pending: 0 });
  });

  it('a cancellation by the citizen (code + phone) and one by the portal API each send the cancellation template, once', async () => {
    gateway = new SmsGateway('khoa-cong-sms-thu-nghiem');
    await gateway.start();
    const template = '{center}: DA HUY lich {service} {time} {date}, ma {code}.';
    server = await startServer({ messages: { settings: smsSettings(gateway, { withoutDiacritics: true, templates: { ...DEFAULT_TEMPLATES, 'booking-cancelled': template } }), backoff: FAST } });
    server.clock.t = at('07:00');
    const web = await book(server, { slot: '09:00', n: 1, phone: '0968000111' });
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) => fetch(`${server!.url}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
    });
    const admin = await server.login('admin');
    const made = await post('/api/admin/booking-keys', { name: 'Cổng dịch vụ công' }, { authorization: `Bearer ${admin}` });
    const { key } = ((await made.json()) as { data: { key: string } }).data;
    const booked = await post('/api/portal/bookings', { serviceCode: 'DATDAI', day: '2026-11-23', time: '10:00', phone: '0968000222', cccd: cccd(2), reference: 'DVC-9', name: null }, { 'x-api-key': key });
    const viaPortal = ((await booked.json()) as { data: { code: string } }).data;
    await expect.poll(() => gateway!.accepted.size, { timeout: 5_000 }).toBe(2); // the two confirmations
    expect((await post('/api/book/cancel', { code: web.code, phone: '0968000111' })).status).toBe(200);
    await expect.poll(() => gateway!.acceptedTo('84968000111').length, { timeout: 5_000 }).toBe(2);
    expect(gateway.acceptedTo('84968000111')[1]!.text).toBe(`Trung tam Phuc vu hanh chinh cong tinh Thu nghiem: DA HUY lich Dat dai 09:00 23/11/2026, ma ${web.code}.`);

    const del = () => fetch(`${server!.url}/api/portal/bookings/${viaPortal.code}`, { method: 'DELETE', headers: { 'x-api-key': key } });
    expect((await del()).status).toBe(200);
    expect((await del()).status).toBe(200); // a repeated cancel: the same answer, no second message
    await expect.poll(() => gateway!.acceptedTo('84968000222').length, { timeout: 5_000 }).toBe(2);
    expect(gateway.acceptedTo('84968000222')[1]!.text).toContain(`DA HUY lich Dat dai 10:00 23/11/2026, ma ${viaPortal.code}`);
    await server.app.parts.messages.idle();
    expect([...gateway.accepted.values()]).toEqual([1, 1, 1, 1]);
    expect(gateway.requests).toHaveLength(4);
  });
});
