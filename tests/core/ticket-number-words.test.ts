// Every ticket number 0–9999, as printed (A-000 … A-9999), in both regional variants and both
// number styles, against words worked out here digit by digit from the rules of DESIGN.md §3 — a
// second, independent reading, not a call to the function under test.
import { describe, expect, it } from 'vitest';
import { buildPhrase } from '@core/announcement.ts';
import type { NumberStyle, NumberVariant } from '@core/vietnamese-numbers.ts';
import { digitStringWords } from '@core/vietnamese-numbers.ts';

const D = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** The printed digits of sequence n: at least three, as core/ticket.ts pads them. */
const printed = (n: number) => String(n).padStart(3, '0');

function expected(n: number, variant: NumberVariant, style: NumberStyle): string {
  if (n === 0) return 'không';
  const zero = variant === 'north' ? 'linh' : 'lẻ';
  const thousand = variant === 'north' ? 'nghìn' : 'ngàn';
  const th = Math.floor(n / 1000);
  const h = Math.floor(n / 100) % 10;
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const words: string[] = [];
  if (th > 0) words.push(D[th]!, thousand);
  // A hundreds place is said when it has a digit, when a thousand stands before it and something
  // follows, or (full style) when the printed zero stands for it: "025" → "không trăm hai mươi lăm".
  const padded = style === 'full' && n < 100;
  const saysHundreds = h > 0 || (th > 0 && t + u > 0) || padded;
  if (saysHundreds) words.push(D[h]!, 'trăm');
  if (t === 0 && u > 0) words.push(...(saysHundreds ? [zero, D[u]!] : [D[u]!]));
  if (t === 1) words.push('mười', ...(u === 0 ? [] : u === 5 ? ['lăm'] : [D[u]!]));
  if (t >= 2) words.push(D[t]!, 'mươi', ...(u === 0 ? [] : u === 1 ? ['mốt'] : u === 4 ? ['tư'] : u === 5 ? ['lăm'] : [D[u]!]));
  return words.join(' ');
}

describe('every ticket number 0–9999', () => {
  for (const variant of ['north', 'south'] as const) {
    for (const style of ['full', 'short'] as const) {
      it(`${variant}, ${style}`, () => {
        const wrong: string[] = [];
        for (let n = 0; n <= 9999; n++) {
          const want = expected(n, variant, style);
          const got = digitStringWords(printed(n), variant, style).join(' ');
          if (got !== want) wrong.push(`${printed(n)}: "${got}" ≠ "${want}"`);
          // And as the phrase says it, after the prefix's letter name and a breath.
          const spoken = buildPhrase('{number}', { number: `A-${printed(n)}`, counter: 1 }, variant, style).spoken;
          if (spoken !== `a, ${want}`) wrong.push(`A-${printed(n)} spoken "${spoken}"`);
        }
        expect(wrong.slice(0, 20)).toEqual([]);
      });
    }
  }

  it('the table itself follows the examples of DESIGN.md and the issue', () => {
    expect(expected(25, 'north', 'full')).toBe('không trăm hai mươi lăm');
    expect(expected(25, 'north', 'short')).toBe('hai mươi lăm');
    expect(expected(5, 'south', 'full')).toBe('không trăm lẻ năm');
    expect(expected(101, 'south', 'short')).toBe('một trăm lẻ một');
    expect(expected(1005, 'north', 'short')).toBe('một nghìn không trăm linh năm');
    expect(expected(1005, 'south', 'full')).toBe('một ngàn không trăm lẻ năm');
    expect(expected(2000, 'north', 'full')).toBe('hai nghìn');
    expect(expected(24, 'north', 'short')).toBe('hai mươi tư');
    expect(expected(11, 'north', 'short')).toBe('mười một');
    expect(expected(21, 'north', 'short')).toBe('hai mươi mốt');
  });
});
