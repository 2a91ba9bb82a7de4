// `booking:check-in` over a real kiosk socket: early, on time, late; by code, by the booking QR, by
// the ID card's QR; refusals (unknown, another center, another day, cancelled, already checked in);
// the same requestId answered with the same ticket; the ticket carries the booking and the phone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookingQrText } from '@core/booking/codes.ts';
import type { BookingCheckedIn } from '@core/protocol.ts';
import { must, send, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { at, book, cccd, cccdQr, phone } from './helpers.ts';

let server: TestServer;
let kiosk: Client;
let seq = 0;
const req = () => `chk-${String(++seq).padStart(8, '0')}`;

beforeEach(async () => {
  server = await startServer();
  server.clock.t = at('07:00');
  kiosk = await server.device('kiosk1');
});
afterEach(async () => { await server.close(); });

describe('booking:check-in', () => {
  it('an early arrival gets a ticket queued at its slot start, with the booking and the phone on it', async () => {
    const b = await book(server, { slot: '09:00', n: 1 });
    server.clock.t = at('08:40');
    const changes: string[] = [];
    server.app.parts.bus.on('booking.changed', (c) => changes.push(`${c.booking.code}:${c.change}`));
    const res = await must(kiosk, 'booking:check-in', { requestId: req(), code: b.code }) as BookingCheckedIn;
    expect(res.booking).toEqual({ code: b.code, slotStart: at('09:00'), slotEnd: at('09:15') });
    expect(res.ticket.number).toBe('A-001');
    const ticket = server.app.parts.queue.ticket(res.ticket.id)!;
    expect(ticket).toMatchObject({ queuedAt: at('09:00'), issuedAt: at('08:40'), phone: phone(1), booking: res.booking });
    expect(server.app.parts.bookings.get(b.code)).toMatchObject({ status: 'checked-in', ticketId: ticket.id });
    // What screens get (TicketSummary): the slot for the counter's "Đặt lịch" mark, never the phone or the code.
    expect(res.ticket.booking).toEqual({ slotStart: at('09:00'), slotEnd: at('09:15') });
    expect(JSON.stringify(res.ticket)).not.toContain(phone(1));
    expect(JSON.stringify(res.ticket)).not.toContain(b.code);
    expect(changes).toEqual([`${b.code}:checked-in`]);
  });

  it('the same requestId returns the same ticket; another request is told it was checked in', async () => {
    const b = await book(server, { slot: '09:00', n: 1 });
    server.clock.t = at('09:05');
    const id = req();
    const [first, again] = await Promise.all([
      must(kiosk, 'booking:check-in', { requestId: id, code: b.code }),
      must(kiosk, 'booking:check-in', { requestId: id, code: b.code }),
    ]) as BookingCheckedIn[];
    expect(again!.ticket.id).toBe(first!.ticket.id);
    const other = await send(kiosk, 'booking:check-in', { requestId: req(), code: b.code });
    expect(other).toMatchObject({ ok: false, code: 'BOOKING_CHECKED_IN' });
    expect(!other.ok && other.message).toContain(first!.ticket.number);
    expect(Object.keys(server.app.parts.queue.current.tickets)).toHaveLength(1);
  });

  it('late within the grace period keeps the slot; later is refused and offers a walk-in ticket', async () => {
    const onTime = await book(server, { slot: '09:00', n: 1 });
    const late = await book(server, { slot: '09:15', n: 2 });
    server.clock.t = at('09:14');
    const ok = await must(kiosk, 'booking:check-in', { requestId: req(), code: onTime.code }) as BookingCheckedIn;
    expect(server.app.parts.queue.ticket(ok.ticket.id)!.queuedAt).toBe(at('09:00'));
    server.clock.t = at('09:30') + 1;
    const refused = await send(kiosk, 'booking:check-in', { requestId: req(), code: late.code });
    expect(refused).toMatchObject({ ok: false, code: 'BOOKING_TOO_LATE' });
    expect(!refused.ok && refused.message).toMatch(/15 phút.*09:15.*lấy số thứ tự thông thường/);
    expect(!refused.ok && refused.messageEn).toContain('walk-in');
  });

  it('refuses unknown codes, another center’s QR, another day, a cancelled booking', async () => {
    const tomorrow = await book(server, { slot: '09:00', day: '2026-11-24', n: 1 });
    const cancelled = await book(server, { slot: '10:00', n: 2 });
    await server.app.parts.bookings.cancel(cancelled.code, phone(2));
    server.clock.t = at('09:00');
    const tag = server.app.parts.bookings.centerTag;
    const otherTag = tag === 'AAAA' ? 'BBBB' : 'AAAA';
    const cases: [string, string][] = [
      ['ZZZZZZZ', 'BOOKING_NOT_FOUND'],
      ['not a code at all', 'BOOKING_NOT_FOUND'],
      [bookingQrText(otherTag, tomorrow.code), 'BOOKING_OTHER_CENTER'],
      [bookingQrText(tag, tomorrow.code), 'BOOKING_OTHER_DAY'],
      [tomorrow.code.toLowerCase(), 'BOOKING_OTHER_DAY'],
      [cancelled.code, 'BOOKING_CANCELLED'],
    ];
    for (const [code, expected] of cases) {
      const res = await send(kiosk, 'booking:check-in', { requestId: req(), code });
      expect(res, code).toMatchObject({ ok: false, code: expected });
      expect(!res.ok && res.message.length).toBeGreaterThan(10);
    }
    expect(Object.keys(server.app.parts.queue.current.tickets)).toHaveLength(0);
  });

  it('the ID card QR finds today’s booking, offers a choice between several, and refuses a bad scan', async () => {
    const one = await book(server, { slot: '09:00', n: 1 });
    const a = await book(server, { slot: '09:30', n: 2 });
    const b2 = await book(server, { service: 'HOTICH', slot: '10:00', n: 2 });
    server.clock.t = at('08:55');
    const single = await must(kiosk, 'booking:check-in', { requestId: req(), cccdQr: cccdQr(cccd(1)) + '\r\n' }) as BookingCheckedIn;
    expect(single.booking.code).toBe(one.code);
    const choice = await must(kiosk, 'booking:check-in', { requestId: req(), cccdQr: cccdQr(cccd(2)) });
    expect(choice).toEqual({ choices: [
      { code: a.code, serviceName: 'Đất đai', slotStart: at('09:30') },
      { code: b2.code, serviceName: 'Hộ tịch', slotStart: at('10:00') },
    ] });
    expect(await send(kiosk, 'booking:check-in', { requestId: req(), cccdQr: cccdQr(cccd(3)) })).toMatchObject({ ok: false, code: 'BOOKING_NONE_TODAY' });
    expect(await send(kiosk, 'booking:check-in', { requestId: req(), cccdQr: 'hello|world' })).toMatchObject({ ok: false, code: 'CCCD_QR_INVALID' });
    // A counter may not check bookings in; a bad payload is a validation refusal.
    const officer = await server.officer(1);
    expect(await send(officer, 'booking:check-in', { requestId: req(), code: a.code })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await send(kiosk, 'booking:check-in', { requestId: 'x', code: a.code })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });

  it('an unclaimed booking becomes a no-show after its slot, and is refused as too late', async () => {
    const b = await book(server, { slot: '09:00', n: 1 });
    server.clock.t = at('09:15');
    expect(await server.app.parts.bookings.sweep()).toBe(1);
    expect(server.app.parts.bookings.get(b.code)!.status).toBe('no-show');
    // The place it held is not given back: the slot is past anyway, and the person's count stays.
    expect(await send(kiosk, 'booking:check-in', { requestId: req(), code: b.code })).toMatchObject({ ok: false, code: 'BOOKING_MISSED' });
  });
});

describe('booking figures for managers', () => {
  it('counts made, honoured, no-show, cancelled, the on-time share, and waits from the slot start', async () => {
    const early = await book(server, { slot: '09:00', n: 1 });
    const late = await book(server, { slot: '09:15', n: 2 });
    await book(server, { slot: '09:30', n: 3 });
    const cancelled = await book(server, { slot: '10:00', n: 4 });
    await server.app.parts.bookings.cancel(cancelled.code, phone(4));
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    server.clock.t = at('08:50');
    await must(kiosk, 'booking:check-in', { requestId: req(), code: early.code });   // on time
    server.clock.t = at('09:20');
    await must(kiosk, 'booking:check-in', { requestId: req(), code: late.code });    // 5 minutes late
    server.clock.t = at('09:21');
    await must(officer, 'ticket:call-next', {});                                      // 09:00 slot: waited 21 min
    await must(officer, 'ticket:finish', {});
    server.clock.t = at('09:25');
    await must(officer, 'ticket:call-next', {});                                      // 09:15 slot: waited 10 min
    server.clock.t = at('09:46');
    await server.app.parts.bookings.sweep();                                          // 09:30 is missed
    const token = await server.login('quanly');
    const res = await fetch(`${server.url}/api/manager/bookings?from=2026-11-23&to=2026-11-23`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json() as { data: { total: Record<string, unknown> } };
    expect(body.data.total).toEqual({
      made: 4, honoured: 2, noShow: 1, cancelled: 1, open: 0, onTimeShare: 0.5,
      waitFromSlot: { count: 2, avgSec: 930, medianSec: 930, p90Sec: 1260 },
    });
    const officerToken = await server.login('canbo2');
    expect((await fetch(`${server.url}/api/manager/bookings?from=2026-11-23&to=2026-11-23`, { headers: { authorization: `Bearer ${officerToken}` } })).status).toBe(403);
  });
});
