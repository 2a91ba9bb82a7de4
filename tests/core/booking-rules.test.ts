// Slot rules, free places, per-person limits, codes, phone numbers, CCCD numbers and the chip
// card's QR: plain values, hand-worked.
import { describe, expect, it } from 'vitest';
import { CenterConfigSchema, indexConfig } from '../../core/config.ts';
import type { BookingSettings } from '../../core/booking/settings.ts';
import { BookingSettingsSchema, DEMO_HOLIDAYS } from '../../core/booking/settings.ts';
import { checkBooking, freePlaces, placesOnDay, slotTimes, bookableDay } from '../../core/booking/slots.ts';
import type { Booking } from '../../core/booking/types.ts';
import { CODE_ALPHABET, bookingCode, bookingQrText, normalisePhone, parseBookingScan } from '../../core/booking/codes.ts';
import { checkCccd } from '../../core/booking/cccd.ts';
import { ageOn, parseCccdQr } from '../../core/booking/cccd-qr.ts';
import { Refusal } from '../../core/refusal.ts';
import { MIN, MONDAY, at, fixtureInput } from './fixture.ts';

const index = indexConfig(CenterConfigSchema.parse({ ...fixtureInput(), bookings: { defaults: { capacity: 4, walkInSharePct: 50, slotMin: 15 } } }));
const settings: BookingSettings = index.config.bookings;
const rule = settings.defaults;
let n = 0;
function booking(o: Partial<Booking> & { slot: string }): Booking {
  const start = at(MONDAY, o.slot);
  return {
    code: `B${++n}`, serviceCode: 'HOTICH', procedureCode: null, day: MONDAY, slotStart: start, slotEnd: start + 15 * MIN,
    phone: `09000000${String(n).padStart(2, '0')}`, idHash: `h${n}`, name: null, status: 'booked',
    source: { kind: 'web', integration: null, reference: null }, ticketId: null, createdAt: 0, updatedAt: 0, ...o,
  };
}
const code = (r: unknown) => (r instanceof Refusal ? r.code : 'ok');

describe('slots', () => {
  it('cuts each issuing window into slots', () => {
    const hotich = slotTimes(index, rule, 'HOTICH', MONDAY); // 07:00–11:30 and 13:00–16:30
    expect(hotich).toHaveLength(18 + 14);
    expect(hotich[0]).toEqual({ start: at(MONDAY, '07:00'), end: at(MONDAY, '07:15') });
    expect(hotich[18]!.start).toBe(at(MONDAY, '13:00'));
    expect(slotTimes(index, rule, 'DATDAI', MONDAY)).toHaveLength(14); // 07:30–11:00
    expect(slotTimes(index, { ...rule, slotMin: 40 }, 'DATDAI', MONDAY).map((s) => s.start)).toEqual(
      ['07:30', '08:10', '08:50', '09:30', '10:10'].map((t) => at(MONDAY, t)));
  });

  it('keeps the walk-in share of each hour: 4 slots × 4 places, half for walk-ins = 8 bookable an hour', () => {
    const times = slotTimes(index, rule, 'HOTICH', MONDAY);
    const taken = [...Array.from({ length: 4 }, () => booking({ slot: '07:00' })), ...Array.from({ length: 3 }, () => booking({ slot: '07:15' }))];
    const free = freePlaces(times, rule, taken);
    expect(free.slice(0, 5).map((s) => s.free)).toEqual([0, 1, 1, 1, 4]); // 07:00 full; 07:15–07:45 share the hour's last place; 08:00 fresh
    // A cancelled booking frees its place; a no-show does not.
    const cancelled = freePlaces(times, rule, [...taken.slice(1), { ...taken[0]!, status: 'cancelled' }]);
    expect(cancelled[0]!.free).toBe(1);
    const missed = freePlaces(times, rule, [...taken.slice(1), { ...taken[0]!, status: 'no-show' }]);
    expect(missed[0]!.free).toBe(0);
    expect(freePlaces(times, { ...rule, walkInSharePct: 100 }, []).every((s) => s.free === 0)).toBe(true);
  });

  it('counts a day’s places as can be booked: an hour’s share once, not once per slot', () => {
    // HOTICH: 07:00–11:30 (4 full hours of 4 slots, 11:00 with 2) and 13:00–16:30 (3 hours of 4, 16:00 with 2).
    const times = slotTimes(index, rule, 'HOTICH', MONDAY);
    const hours = [4, 4, 4, 4, 2, 4, 4, 4, 2]; // slots per hour; 4 places a slot, half kept for walk-ins
    const open = freePlaces(times, rule, []);
    expect(placesOnDay(open, rule, [])).toBe(hours.reduce((n, slots) => n + slots * 2, 0)); // 64
    expect(open.reduce((n, s) => n + s.free, 0)).toBe(128); // what the sum of the slots' places said
    // 07:00 full and 07:15 with three: the 07:00 hour has one place left, whichever slot takes it.
    const taken = [...Array.from({ length: 4 }, () => booking({ slot: '07:00' })), ...Array.from({ length: 3 }, () => booking({ slot: '07:15' }))];
    expect(placesOnDay(freePlaces(times, rule, taken), rule, taken)).toBe(64 - 7);
    // Slots closed for booking (past, or past the cut-off) come at 0: the morning gone, the afternoon left.
    const afternoon = freePlaces(times, rule, taken).map((s) => (s.start < at(MONDAY, '13:00') ? { ...s, free: 0 } : s));
    expect(placesOnDay(afternoon, rule, taken)).toBe(4 * 2 + 4 * 2 + 4 * 2 + 2 * 2);
    // Past the cut-off inside an hour, the hour's places are only what its open slots can still take.
    const lateInHour = freePlaces(times, rule, []).map((s) => (s.start < at(MONDAY, '07:45') ? { ...s, free: 0 } : s));
    expect(placesOnDay(lateInHour, rule, []) - placesOnDay(lateInHour.map((s) => (s.start < at(MONDAY, '08:00') ? { ...s, free: 0 } : s)), rule, [])).toBe(4);
  });

  it('refuses holidays, weekends, the past, the cut-off, too far ahead, unknown slot times', () => {
    const now = at(MONDAY, '08:00');
    const req = (day: string, hhmm: string) => checkBooking(index, settings, [], { serviceCode: 'HOTICH', slotStart: at(day, hhmm), idHash: 'x', phone: '0912345678' }, now);
    expect(code(req('2026-11-24', '09:00'))).toBe('ok');
    expect(code(req('2027-01-01', '09:00'))).toBe('BOOKING_DAY_CLOSED');   // a holiday (a Friday)
    expect(code(req('2026-11-28', '09:00'))).toBe('BOOKING_DAY_CLOSED');   // a Saturday
    expect(code(req(MONDAY, '07:45'))).toBe('BOOKING_SLOT_PAST');
    expect(code(req(MONDAY, '08:15'))).toBe('BOOKING_CUTOFF');             // 30 minutes' cut-off
    expect(code(req(MONDAY, '08:30'))).toBe('ok');
    expect(code(req('2026-12-07', '09:00'))).toBe('ok');                   // 14 days ahead
    expect(code(req('2026-12-08', '09:00'))).toBe('BOOKING_TOO_FAR');
    expect(code(req('2026-11-24', '09:07'))).toBe('BOOKING_SLOT_UNKNOWN');
    expect(code(req('2026-11-24', '12:00'))).toBe('BOOKING_SLOT_UNKNOWN'); // lunch
    expect(code(checkBooking(index, settings, [], { serviceCode: 'CU', slotStart: at('2026-11-24', '09:00'), idHash: 'x', phone: '0912345678' }, now))).toBe('BOOKING_NOT_BOOKABLE');
    expect(code(bookableDay(index, BookingSettingsSchema.parse({ enabled: false }), 'HOTICH', '2026-11-24'))).toBe('BOOKING_NOT_BOOKABLE');
  });

  it('limits a person (same CCCD hash or same phone) per day and per service', () => {
    const now = at(MONDAY, '07:00');
    const mine = [booking({ slot: '09:00', idHash: 'me', phone: '0911111111' })];
    const ask = (service: string, who: { idHash: string; phone: string }, list: Booking[]) =>
      code(checkBooking(index, settings, list, { serviceCode: service, slotStart: at(MONDAY, '10:00'), ...who }, now));
    expect(ask('HOTICH', { idHash: 'me', phone: '0922222222' }, mine)).toBe('BOOKING_LIMIT_SERVICE');    // same CCCD
    expect(ask('HOTICH', { idHash: 'other', phone: '0911111111' }, mine)).toBe('BOOKING_LIMIT_SERVICE'); // same phone
    expect(ask('MOITRUONG', { idHash: 'me', phone: '0911111111' }, mine)).toBe('ok');
    const two = [...mine, booking({ slot: '09:30', serviceCode: 'MOITRUONG', idHash: 'me', phone: '0911111111' })];
    expect(ask('CHUNGTHUC', { idHash: 'me', phone: '0911111111' }, two)).toBe('BOOKING_LIMIT_DAY');       // 2 a day
    expect(ask('CHUNGTHUC', { idHash: 'me', phone: '0911111111' }, [two[0]!, { ...two[1]!, status: 'cancelled' }])).toBe('ok');
    expect(ask('HOTICH', { idHash: 'someone', phone: '0933333333' }, mine)).toBe('ok');
  });

  it('carries the demo holidays: the fixed ones and Tết 2027 (mùng 1 = 6 Feb 2027)', () => {
    expect(DEMO_HOLIDAYS).toEqual(expect.arrayContaining(['2027-01-01', '2027-02-06', '2027-04-30', '2027-05-01', '2027-09-02']));
    expect(settings.holidays).toEqual([...DEMO_HOLIDAYS]);
  });
});

describe('codes and phones', () => {
  it('makes 7-letter codes from the unambiguous alphabet and reads scans back', () => {
    const c = bookingCode(Uint8Array.from([0, 30, 31, 255, 7, 8, 100]));
    expect(c).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{7}$/);
    expect(c).toBe('2Z299A9'); // 0→2, 30→Z, 31→2, 255 (mod 31 = 7)→9, 7→9, 8→A, 100 (7)→9
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(parseBookingScan(bookingQrText('ABCD', c))).toEqual({ centerTag: 'ABCD', code: c });
    expect(parseBookingScan(` ${c.toLowerCase().slice(0, 3)}-${c.toLowerCase().slice(3)} `)).toEqual({ centerTag: null, code: c });
    expect(parseBookingScan('2Z2A99O')).toBeNull();
    expect(parseBookingScan('LUOT-BK:AB:2Z299A9')).toBeNull();
  });

  it('normalises Vietnamese mobile numbers', () => {
    expect(normalisePhone('0912 345 678')).toBe('0912345678');
    expect(normalisePhone('+84 912.345.678')).toBe('0912345678');
    expect(normalisePhone('84912345678')).toBe('0912345678');
    expect(normalisePhone('0212345678')).toBeNull(); // a landline prefix
    expect(normalisePhone('091234567')).toBeNull();
    expect(normalisePhone('abc')).toBeNull();
  });
});

describe('CCCD number and the chip card QR', () => {
  it('checks the number: 12 digits, a real province, a plausible sex/century digit', () => {
    expect(checkCccd('001090123456')).toEqual({ province: '001', sex: 'male', century: 1900, yearDigits: 90 });
    expect(checkCccd('079301000001')).toMatchObject({ province: '079', sex: 'female', century: 2000, yearDigits: 1 });
    expect(checkCccd('00109012345')).toEqual({ problem: 'format' });
    expect(checkCccd('00109012345a')).toEqual({ problem: 'format' });
    expect(checkCccd('003090123456')).toEqual({ problem: 'province' }); // no province 003
    expect(checkCccd('097090123456')).toEqual({ problem: 'province' });
    expect(checkCccd('001590123456')).toEqual({ problem: 'century' });
  });

  const good = '001090012345|012345678|Nguyễn Văn An|15031990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|10052021';
  it('parses the real layout', () => {
    expect(parseCccdQr(good + '\r\n')).toEqual({
      number: '001090012345', oldNumber: '012345678', name: 'Nguyễn Văn An', birthDate: '1990-03-15', sex: 'male',
      address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội', issueDate: '2021-05-10',
    });
    expect(parseCccdQr('079301000001||Trần Thị Bình|02022001|Nữ|Quận 1, TP. Hồ Chí Minh|01072022')).toMatchObject({ oldNumber: null, sex: 'female', birthDate: '2001-02-02' });
    expect(parseCccdQr('079301000001||TRAN THI BINH|02022001|Nu|Quan 1|01072022')).toMatchObject({ name: 'TRAN THI BINH', sex: 'female' });
    expect(ageOn('1960-11-24', '2026-11-23')).toBe(65);
    expect(ageOn('1960-11-23', '2026-11-23')).toBe(66);
  });

  it('refuses what does not hold together', () => {
    const with_ = (i: number, v: string) => good.split('|').map((f, j) => (j === i ? v : f)).join('|');
    expect(parseCccdQr('001090012345|012345678|Nguyễn Văn An|15031990|Nam|Hà Nội')).toEqual({ problem: 'fields' });
    expect(parseCccdQr('ZZ7ABCD')).toEqual({ problem: 'fields' });
    expect(parseCccdQr(with_(0, '003090012345'))).toEqual({ problem: 'number' });
    expect(parseCccdQr(with_(1, '12345'))).toEqual({ problem: 'old-number' });
    expect(parseCccdQr(with_(2, ''))).toEqual({ problem: 'name' });
    expect(parseCccdQr(with_(3, '31021990'))).toEqual({ problem: 'birth-date' });  // no 31 February
    expect(parseCccdQr(with_(3, '1990-03-15'))).toEqual({ problem: 'birth-date' });
    expect(parseCccdQr(with_(4, 'X'))).toEqual({ problem: 'sex' });
    expect(parseCccdQr(with_(6, '10051980'))).toEqual({ problem: 'issue-date' });  // issued before birth
    expect(parseCccdQr(with_(4, 'Nữ'))).toEqual({ problem: 'mismatch' });          // digit 0 = male
    expect(parseCccdQr(with_(3, '15031991'))).toEqual({ problem: 'mismatch' });    // digits say 1990
    expect(parseCccdQr(with_(3, '15031890'))).toEqual({ problem: 'mismatch' });    // digit 0 = 1900s
  });
});
