// Booking codes and phone numbers. Codes are short and read aloud or typed by a citizen, so the
// alphabet leaves out 0/O, 1/I/L; the randomness is the caller's (core has none of its own).

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 7;
const CODE_RE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** A code from random bytes (at least CODE_LENGTH of them): 31^7 ≈ 27 billion codes. */
export function bookingCode(random: Uint8Array): string {
  if (random.length < CODE_LENGTH) throw new Error('bookingCode needs more random bytes');
  let out = '';
  // 256 = 8·31 + 8: the first eight letters come a little more often; a code still carries ~34 bits.
  for (let i = 0; i < CODE_LENGTH; i += 1) out += CODE_ALPHABET[random[i]! % CODE_ALPHABET.length];
  return out;
}

/** A typed or scanned code, forgiving case, spaces and dashes (look-alikes are not in the alphabet). */
export function normaliseCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '');
}

export function isBookingCode(code: string): boolean {
  return CODE_RE.test(code);
}

/**
 * A Vietnamese mobile number in its national form 0xxxxxxxxx (10 digits), from what people type:
 * spaces, dots, dashes, +84 or 84 in front. Null when it cannot be one.
 */
export function normalisePhone(raw: string): string | null {
  let digits = raw.replace(/[\s.()-]/g, '');
  if (digits.startsWith('+84')) digits = '0' + digits.slice(3);
  else if (/^84\d{9}$/.test(digits)) digits = '0' + digits.slice(2);
  return /^0[35789]\d{8}$/.test(digits) ? digits : null;
}

/** 0xxxxxxxxx → 84xxxxxxxxx (Zalo ZNS and most SMS gateways). */
export function internationalPhone(phone: string): string {
  return '84' + phone.slice(1);
}

/** The text of a booking's QR code: a prefix, this center's tag, the code. */
export function bookingQrText(centerTag: string, code: string): string {
  return `LUOT-BK:${centerTag}:${code}`;
}

/**
 * What a kiosk received from the scanner or the keyboard: a booking QR's text (with the center's
 * tag) or a bare code. Null when it is neither.
 */
export function parseBookingScan(raw: string): { centerTag: string | null; code: string } | null {
  const text = raw.trim();
  const qr = /^LUOT-BK:([A-Z0-9]{4}):([A-Z0-9]{7})$/i.exec(text);
  if (qr) return { centerTag: qr[1]!.toUpperCase(), code: qr[2]!.toUpperCase() };
  const code = normaliseCode(text);
  return isBookingCode(code) ? { centerTag: null, code } : null;
}
