// Citizens' phone numbers as messages use them: the national form 0xxxxxxxxx is what the queue and
// the bookings store; Zalo ZNS and most SMS gateways want 84xxxxxxxxx; logs see a masked one. Pure.
import { z } from 'zod';

/**
 * A Vietnamese mobile number in its national form (10 digits), from what people type: spaces,
 * dots, dashes, +84 or 84 in front. Null when it cannot be one.
 */
export function normalisePhone(raw: string): string | null {
  let digits = raw.replace(/[\s.()-]/g, '');
  if (digits.startsWith('+84')) digits = '0' + digits.slice(3);
  else if (/^84\d{9}$/.test(digits)) digits = '0' + digits.slice(2);
  return /^0[35789]\d{8}$/.test(digits) ? digits : null;
}

/** 0xxxxxxxxx → 84xxxxxxxxx. */
export function internationalPhone(phone: string): string {
  return phone.startsWith('0') ? '84' + phone.slice(1) : phone;
}

/** 0912345678 → 091*****78: enough to tell two numbers apart in a log, not enough to call one. */
export function maskPhone(phone: string): string {
  if (phone.length < 6) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 5) + phone.slice(-2);
}

/** Any phone-like run of digits in a text (a provider's answer may echo the number) masked. */
export function maskPhonesIn(text: string): string {
  return text.replace(/\+?\d{9,12}/g, (m) => maskPhone(m));
}

/** A phone number field: normalised to 0xxxxxxxxx, or refused in Vietnamese. */
export const PhoneSchema = z.string().max(20).transform((raw, ctx) => {
  const phone = normalisePhone(raw);
  if (!phone) {
    ctx.addIssue({ code: 'custom', message: `Số điện thoại không hợp lệ: ${raw} (cần số di động Việt Nam, ví dụ 0912345678)` });
    return z.NEVER;
  }
  return phone;
});
