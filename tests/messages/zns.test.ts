// Messages through a real local receiver speaking Zalo ZNS's contract: the access_token header,
// { phone: "84…", template_id, template_data, tracking_id }, `error: 0` for success. A non-zero
// error, a garbage answer and a slow answer are retried; each message is taken once. Bookings:
// a confirmation with the code, a reminder before the slot (not when booked inside the window).
import { afterEach, describe, expect, it } from 'vitest';
import type { BookingForMessage } from '@core/messages/compose.ts';
import { localInstant } from '@core/time.ts';
import { must, send, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { ZnsReceiver } from '../helpers/message-receivers.ts';
import { FAST, issueWithPhone, messagesStatus, znsSettings } from './helpers.ts';

let server: TestServer | undefined;
let zalo: ZnsReceiver | undefined;
afterEach(async () => {
  await server?.close();
  await zalo?.stop();
  server = zalo = undefined;
});

const TOKEN = 'oa-access-token-thu-nghiem-0123456789';

describe('messages through Zalo ZNS', () => {
  it('the call as a ZNS template: 84… phone, template_data from placeholders; errors, garbage and slowness retried, each once', async () => {
    zalo = new ZnsReceiver(TOKEN);
    await zalo.start();
    zalo.mode = { kind: 'refuse', error: -1, message: 'Hệ thống đang bận', times: 1 };
    const callsOnly = { kinds: { 'booking-confirmation': true, 'booking-reminder': true, 'booking-cancelled': true, 'near-turn': false, call: true } };
    server = await startServer({ messages: { settings: znsSettings(zalo, callsOnly), backoff: FAST } });
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const a = await issueWithPhone(server, 'DATDAI', '+84 912 000 111');
    await issueWithPhone(server, 'DATDAI', '0912000222');
    await issueWithPhone(server, 'DATDAI', '0912000444');
    await must(officer, 'ticket:call-next', {});
    await expect.poll(() => zalo!.acceptedTo('84912000111').length, { timeout: 10_000 }).toBe(1);
    const got = zalo.acceptedTo('84912000111')[0]!;
    expect(got).toMatchObject({ templateId: '300004', data: { so_thu_tu: a.number, quay: '1' } });
    expect(got.key).toMatch(/^luot-[A-Za-z0-9_-]{32}$/);
    expect(zalo.requests[0]!.answered).toBe('refused');
    const st = await messagesStatus(server);
    expect(st.failedAttempts).toBe(1);
    expect(st.target).toBe(`http://127.0.0.1:${zalo.port}`);

    zalo.mode = { kind: 'garbage', times: 1 };
    await send(officer, 'ticket:no-show', {});
    await must(officer, 'ticket:call-next', {});
    await expect.poll(() => zalo!.acceptedTo('84912000222').length, { timeout: 10_000 }).toBe(1);
    expect(zalo.requests.filter((r) => r.phone === '84912000222').map((r) => r.answered)).toEqual(['refused', 200]);

    zalo.mode = { kind: 'hang', times: 1 }; // slower than the 1 s timeout
    await send(officer, 'ticket:no-show', {});
    await must(officer, 'ticket:call-next', {});
    await expect.poll(() => zalo!.acceptedTo('84912000444').length, { timeout: 10_000 }).toBe(1);
    expect(zalo.requests.filter((r) => r.phone === '84912000444').map((r) => r.answered)).toEqual(['hung', 200]);
    expect([...zalo.accepted.values()]).toEqual([1, 1, 1]);
  });

  it('a refused access token shows to the manager in Vietnamese with Zalo\'s own words', async () => {
    zalo = new ZnsReceiver(TOKEN);
    await zalo.start();
    const settings = znsSettings(zalo, { kinds: { 'booking-confirmation': true, 'booking-reminder': true, 'booking-cancelled': true, 'near-turn': false, call: true } });
    server = await startServer({ messages: { settings: { ...settings, zns: { ...settings.zns!, accessToken: 'het-han' } }, backoff: { baseMs: 200, maxMs: 60_000 } } });
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    await issueWithPhone(server, 'DATDAI', '0912000333');
    await must(officer, 'ticket:call-next', {});
    await expect.poll(async () => (await messagesStatus(server!)).lastError?.text.vi, { timeout: 5_000 })
      .toBe('Zalo ZNS từ chối tin nhắn: ZNS error -124: Access token is invalid');
    expect((await messagesStatus(server)).today).toMatchObject({ due: 1, pending: 1, failing: 1 });
  });

  it('a booking: confirmation with its code at once; a reminder when the slot nears, once; none if booked inside the window', async () => {
    zalo = new ZnsReceiver(TOKEN);
    await zalo.start();
    const bookings: BookingForMessage[] = [];
    const upcoming = { upcoming: (from: number, to: number) => bookings.filter((b) => b.slotStart >= from && b.slotStart < to) };
    server = await startServer({ messages: { settings: znsSettings(zalo, { reminderHoursBefore: 2 }), backoff: FAST, bookings: upcoming } });
    const messages = server.app.parts.messages;
    const now = server.clock.now(); // Monday 09:00
    const day = '2026-11-24';
    const early: BookingForMessage = { code: 'K7M2QXP', serviceCode: 'DATDAI', day, slotStart: localInstant(day, '08:30'), slotEnd: localInstant(day, '08:45'), phone: '0977000111', status: 'booked', createdAt: now };
    const soon: BookingForMessage = { code: 'H3TR9WN', serviceCode: 'HOTICH', day: '2026-11-23', slotStart: now + 60 * 60_000, slotEnd: now + 75 * 60_000, phone: '0977000222', status: 'booked', createdAt: now };
    bookings.push(early, soon);
    messages.onBookingChange({ booking: early, change: 'created' });
    messages.onBookingChange({ booking: soon, change: 'created' });
    await expect.poll(() => zalo!.accepted.size, { timeout: 5_000 }).toBe(2);
    expect(zalo.acceptedTo('84977000111')[0]).toMatchObject({ templateId: '300001', data: { ma_dat_lich: 'K7M2QXP', gio: '08:30', ngay: '24/11/2026' } });
    await messages.remindersDue(); // "soon" is within 2 h but was just confirmed: no reminder
    server.clock.t = localInstant(day, '07:00'); // the next morning, 1 h 30 before "early"
    await messages.remindersDue();
    await messages.remindersDue(); // twice: still one reminder
    await expect.poll(() => zalo!.acceptedTo('84977000111').length, { timeout: 5_000 }).toBe(2);
    expect(zalo.acceptedTo('84977000111')[1]).toMatchObject({ templateId: '300002', data: { ma_dat_lich: 'K7M2QXP', gio: '08:30' } });
    expect(zalo.acceptedTo('84977000222')).toHaveLength(1);
    // Moved: confirmed again for the new slot.
    const moved = { ...early, slotStart: localInstant(day, '10:00'), slotEnd: localInstant(day, '10:15') };
    messages.onBookingChange({ booking: moved, change: 'moved' });
    await expect.poll(() => zalo!.acceptedTo('84977000111').length, { timeout: 5_000 }).toBe(3);
    expect(zalo.acceptedTo('84977000111')[2]!.data).toMatchObject({ gio: '10:00' });
    expect([...zalo.accepted.values()].every((n) => n === 1)).toBe(true);
  });
});
