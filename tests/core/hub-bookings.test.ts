// The booking version the province hub gets (core/hub-bookings.ts): what the province counts and
// nothing of the citizen's; the envelope's checks; the show-up share's definition.
import { describe, expect, it } from 'vitest';
import { bookingFigures, showUpShare } from '@core/booking/report.ts';
import type { Booking } from '@core/booking/types.ts';
import { indexConfig } from '@core/config.ts';
import { BookingEnvelope, HUB_BOOKING_SCHEMA, hubBookingOf } from '@core/hub-bookings.ts';
import { LOCAL, testCenterConfig } from '../helpers/center.ts';

const index = indexConfig(testCenterConfig());
const booking: Booking = {
  code: 'K7M2Q9P', serviceCode: 'DATDAI', procedureCode: null, day: '2026-11-23',
  slotStart: LOCAL('2026-11-23T10:00:00'), slotEnd: LOCAL('2026-11-23T10:15:00'), phone: '0912345678',
  idHash: 'h4sh-of-the-cccd', name: 'Nguyễn Văn An', status: 'checked-in',
  source: { kind: 'portal', integration: 'cong-dvc-tinh', reference: 'HS-2026-000123' }, ticketId: 't-1',
  createdAt: LOCAL('2026-11-20T08:00:00'), updatedAt: LOCAL('2026-11-23T09:50:00'),
};
const ticket = {
  number: 'A-007', issuedAt: LOCAL('2026-11-23T09:50:00'), calledAt: null,
  history: [{ type: 'called' as const, at: LOCAL('2026-11-23T10:04:00'), counter: 1 }],
} as unknown as Parameters<typeof hubBookingOf>[2];

describe('a booking as the hub gets it', () => {
  it('carries the service, slot, state, source and ticket times; never the phone, name, ID hash or reference', () => {
    const v = hubBookingOf(booking, index, ticket);
    expect(v).toEqual({
      schema: HUB_BOOKING_SCHEMA, code: 'K7M2Q9P', day: '2026-11-23', slotStart: booking.slotStart, slotEnd: booking.slotEnd,
      departmentCode: 'STNMT', departmentName: index.department.get('STNMT')!.nameVi, serviceCode: 'DATDAI', serviceName: 'Đất đai',
      procedureCode: null, status: 'checked-in', source: 'portal', integration: 'cong-dvc-tinh',
      ticket: { number: 'A-007', issuedAt: LOCAL('2026-11-23T09:50:00'), calledAt: LOCAL('2026-11-23T10:04:00') },
      createdAt: booking.createdAt, updatedAt: booking.updatedAt,
    });
    const text = JSON.stringify(v);
    for (const secret of ['0912345678', '345678', 'h4sh-of-the-cccd', 'Nguyễn', 'HS-2026-000123']) expect(text).not.toContain(secret);
    expect(BookingEnvelope.safeParse({ key: v.code, revision: 1, booking: v }).success).toBe(true);
  });

  it('the envelope refuses a key that is not the booking’s, a revision of 0, an end before the start; drops unknown fields', () => {
    const v = hubBookingOf(booking, index, null);
    expect(BookingEnvelope.safeParse({ key: 'KHAC', revision: 1, booking: v }).error?.issues[0]?.message).toBe('Khóa không khớp với mã lịch hẹn');
    expect(BookingEnvelope.safeParse({ key: v.code, revision: 0, booking: v }).error?.issues[0]?.message).toBe('phiên bản phải lớn hơn 0');
    expect(BookingEnvelope.safeParse({ key: v.code, revision: 1, booking: { ...v, slotEnd: v.slotStart - 1 } }).success).toBe(false);
    const parsed = BookingEnvelope.parse({ key: v.code, revision: 1, booking: { ...v, phone: '0912345678', idHash: 'x' } });
    expect(Object.keys(parsed.booking)).not.toContain('phone');
    expect(Object.keys(parsed.booking)).not.toContain('idHash');
  });

  it('show-up share: checked in ÷ (checked in + missed); cancelled and still to come left out', () => {
    const items = (['checked-in', 'checked-in', 'no-show', 'cancelled', 'booked'] as const).map((status) => ({ status, slotStart: 0 }));
    const f = bookingFigures(items, () => null);
    expect(f).toMatchObject({ made: 5, honoured: 2, noShow: 1, cancelled: 1, open: 1 });
    expect(showUpShare(f)).toBeCloseTo(2 / 3);
    expect(showUpShare(bookingFigures([{ status: 'cancelled', slotStart: 0 }], () => null))).toBeNull();
  });
});
