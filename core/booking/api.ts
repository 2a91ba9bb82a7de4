// REST bodies and answers of bookings: the /book page's API and the provincial portal's
// (docs/api.md "Bookings"). zod schemas with Vietnamese messages; views never carry the ID hash.
import { z } from 'zod';
import { normalisePhone, normaliseCode, isBookingCode } from './codes.ts';
import { checkCccd } from './cccd.ts';
import type { Booking, BookingStatus } from './types.ts';
import { localInstant, localTimeOfDay } from '../time.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'giờ dạng HH:MM');
const phone = z.string().max(20).transform((s, ctx) => {
  const p = normalisePhone(s);
  if (p === null) ctx.addIssue({ code: 'custom', message: 'số điện thoại di động không hợp lệ (10 chữ số, bắt đầu bằng 0)' });
  return p ?? '';
});
const cccd = z.string().max(20).transform((s, ctx) => {
  const facts = checkCccd(s);
  if ('problem' in facts) {
    ctx.addIssue({ code: 'custom', message: facts.problem === 'format' ? 'số căn cước công dân phải có đúng 12 chữ số' : facts.problem === 'province' ? 'số căn cước công dân có mã tỉnh không đúng' : 'số căn cước công dân có chữ số giới tính, thế kỷ không đúng' });
  }
  return s.replace(/\s/g, '');
});
export const bookingCodeField = z.string().max(20).transform((s) => normaliseCode(s)).refine(isBookingCode, 'mã lịch hẹn gồm 7 ký tự');
const name = z.string().max(100).transform((s) => s.normalize('NFC').trim()).transform((s) => (s === '' ? null : s));
const serviceCode = z.string().min(1, 'cần chọn lĩnh vực').max(24);

const newBookingShape = {
  serviceCode,
  procedureCode: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'mã thủ tục không hợp lệ').nullable().default(null),
  day,
  time,
  phone,
  cccd,
  name: name.nullable().default(null),
};

/** POST /api/book (the citizen's page). */
export const WebBookingSchema = z.strictObject(newBookingShape);
/** POST /api/portal/bookings: the portal's own reference makes a repeated request harmless. */
export const PortalBookingSchema = z.strictObject({
  ...newBookingShape,
  reference: z.string({ error: 'thiếu mã tham chiếu (reference)' }).regex(/^[A-Za-z0-9._:-]{1,64}$/, 'mã tham chiếu: 1–64 ký tự chữ, số, . _ : -'),
});
export const FindBookingSchema = z.strictObject({ code: bookingCodeField, phone });
export const MoveBookingSchema = z.strictObject({ code: bookingCodeField, phone, day, time });
export const SlotsQuerySchema = z.strictObject({ service: serviceCode, day });
export const DayQuerySchema = z.strictObject({ day });
export const ApiKeyBodySchema = z.strictObject({ name: z.string().min(1, 'cần đặt tên cho kết nối').max(60).transform((s) => s.normalize('NFC').trim()) });

export function slotStartOf(b: { day: string; time: string }): number {
  return localInstant(b.day, b.time);
}

/** What the citizen and the portal see of a booking. */
export interface BookingView {
  code: string;
  serviceCode: string;
  serviceName: string;
  procedureCode: string | null;
  day: string;
  /** HH:MM–HH:MM local. */
  time: string;
  slotStart: number;
  slotEnd: number;
  status: BookingStatus;
  /** 09xx xxx 678: enough to recognise, not to read out. */
  phone: string;
  /** The text of the booking's QR code (core/booking/codes.ts bookingQrText). */
  qr: string;
  reference: string | null;
}

export function maskPhone(p: string): string {
  return `${p.slice(0, 4)} ••• ${p.slice(-3)}`;
}

export function bookingView(b: Booking, serviceName: string, qr: string): BookingView {
  return {
    code: b.code, serviceCode: b.serviceCode, serviceName, procedureCode: b.procedureCode, day: b.day,
    time: `${localTimeOfDay(b.slotStart)}–${localTimeOfDay(b.slotEnd)}`, slotStart: b.slotStart, slotEnd: b.slotEnd,
    status: b.status, phone: maskPhone(b.phone), qr, reference: b.source.reference,
  };
}
