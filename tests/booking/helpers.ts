// Helpers of the booking tests: valid CCCD numbers and QR texts, and a booking made through the
// real BookingService of a running test server.
import type { Booking } from '@core/booking/types.ts';
import { Refusal } from '@core/refusal.ts';
import type { TestServer } from '../helpers/server.ts';
import { LOCAL } from '../helpers/center.ts';

/** A plausible CCCD: Hà Nội (001), male born 1990, then `n` as the six random digits. */
export function cccd(n: number, prefix = '001090'): string {
  return prefix + String(n).padStart(6, '0');
}

/** The chip card's QR as a scanner types it. */
export function cccdQr(number: string, o: { name?: string; birth?: string; sex?: string; issue?: string; old?: string; address?: string } = {}): string {
  return [number, o.old ?? '012345678', o.name ?? 'Nguyễn Văn An', o.birth ?? '15031990', o.sex ?? 'Nam', o.address ?? 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội', o.issue ?? '10052021'].join('|');
}

export function phone(n: number): string {
  return `09${String(n).padStart(8, '0')}`;
}

/** Local time on the test servers' Monday, 2026-11-23. */
export const at = (hhmm: string, day = '2026-11-23') => LOCAL(`${day}T${hhmm}:00`);

export async function book(server: TestServer, o: { service?: string; slot: string; day?: string; n?: number; cccd?: string; phone?: string }): Promise<Booking> {
  const res = await server.app.parts.bookings.create({
    serviceCode: o.service ?? 'DATDAI', procedureCode: null, slotStart: at(o.slot, o.day), phone: o.phone ?? phone(o.n ?? 1),
    cccd: o.cccd ?? cccd(o.n ?? 1), name: null, source: { kind: 'web', integration: null, reference: null },
  });
  if (res instanceof Refusal) throw new Error(`booking refused: ${res.code} ${JSON.stringify(res.params)}`);
  return res.booking;
}
