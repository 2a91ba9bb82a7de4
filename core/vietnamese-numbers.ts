// Vietnamese number words for the voice (DESIGN.md §3). Pure: the same number always gives the
// same words. Rules:
//   10–19 mười …, 20–90 … mươi; after mươi: 1 → mốt, 4 → tư, 5 → lăm (15 is mười lăm too);
//   a zero tens digit inside a number: linh (North) / lẻ (South): 101 một trăm linh một;
//   a zero hundreds digit after a higher group: không trăm: 1005 một nghìn không trăm linh năm;
//   thousands: nghìn (North) / ngàn (South); then triệu, tỷ; groups that are all zero are skipped.

export type NumberVariant = 'north' | 'south';
/**
 * How a zero-padded ticket number is read: `full` says the padding as announcers of printed numbers
 * do ("025" → "không trăm hai mươi lăm"), `short` reads the value alone ("hai mươi lăm"), which is
 * quicker to say and to hear at a busy hour.
 */
export type NumberStyle = 'full' | 'short';
export const NUMBER_STYLES = ['full', 'short'] as const satisfies readonly NumberStyle[];

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/** The largest number read: 999 tỷ … (ticket sequences and counters are far below). */
export const MAX_READABLE = 999_999_999_999;

interface VariantWords {
  zeroTens: string;
  thousand: string;
}

const VARIANTS: Record<NumberVariant, VariantWords> = {
  north: { zeroTens: 'linh', thousand: 'nghìn' },
  south: { zeroTens: 'lẻ', thousand: 'ngàn' },
};

function digit(d: number): string {
  return DIGITS[d]!;
}

/** Units after "mươi" (20–99) or "mười" (10–19). */
function unitsAfterTens(units: number, tens: number): string[] {
  if (units === 0) return [];
  if (units === 1) return [tens >= 2 ? 'mốt' : 'một'];
  if (units === 4) return [tens >= 2 ? 'tư' : 'bốn'];
  if (units === 5) return ['lăm'];
  return [digit(units)];
}

/** 0–99 as a standalone number (no hundreds before it). */
function tensAndUnits(n: number): string[] {
  const tens = Math.floor(n / 10);
  const units = n % 10;
  if (tens === 0) return [digit(units)];
  if (tens === 1) return ['mười', ...unitsAfterTens(units, 1)];
  return [digit(tens), 'mươi', ...unitsAfterTens(units, tens)];
}

/**
 * One group of three digits (0–999). `full`: the group follows a higher group (or a written
 * leading zero), so a zero hundreds digit is said ("không trăm") and 1–9 take linh/lẻ.
 */
function group(n: number, full: boolean, w: VariantWords): string[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (!full && hundreds === 0) return tensAndUnits(rest);
  const words = [digit(hundreds), 'trăm'];
  if (rest === 0) return words;
  if (rest < 10) return [...words, w.zeroTens, digit(rest)];
  return [...words, ...tensAndUnits(rest)];
}

const SCALES = ['', 'thousand', 'triệu', 'tỷ'] as const;

/** The words of a non-negative integer, e.g. 1005 → ["một", "nghìn", "không", "trăm", "linh", "năm"]. */
export function numberWords(n: number, variant: NumberVariant = 'north'): string[] {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_READABLE) {
    throw new RangeError(`numberWords: ${n} is not an integer between 0 and ${MAX_READABLE}`);
  }
  const w = VARIANTS[variant];
  if (n === 0) return [digit(0)];
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    const higher = i < groups.length - 1;
    words.push(...group(g, higher, w));
    const scale = SCALES[i]!;
    if (scale === 'thousand') words.push(w.thousand);
    else if (scale) words.push(scale);
  }
  return words;
}

/** The number as one string: 25 → "hai mươi lăm". */
export function readNumber(n: number, variant: NumberVariant = 'north'): string {
  return numberWords(n, variant).join(' ');
}

/**
 * A number as it is written. `full`: leading zeros included, "025" reads "không trăm hai mươi lăm",
 * as announcements of zero-padded ticket numbers say it; `short`: "025" reads "hai mươi lăm".
 * "1025" reads the same either way.
 */
export function digitStringWords(digits: string, variant: NumberVariant = 'north', style: NumberStyle = 'full'): string[] {
  if (!/^\d{1,12}$/.test(digits)) throw new RangeError(`digitStringWords: "${digits}" is not 1–12 digits`);
  const n = Number(digits);
  if (style === 'full' && digits.length >= 3 && n > 0 && n < 100) return group(n, true, VARIANTS[variant]);
  return numberWords(n, variant);
}

/** Every word numberWords can produce for a variant: what a voice pack must record. */
export function allNumberWords(variant: NumberVariant): string[] {
  const w = VARIANTS[variant];
  return [...DIGITS, 'mười', 'mươi', 'mốt', 'tư', 'lăm', 'trăm', w.zeroTens, w.thousand, 'triệu', 'tỷ'];
}
