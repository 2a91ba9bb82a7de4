// Vietnamese number words, both regional variants, against a table written by hand from the rules
// in DESIGN.md §3 (mốt, tư, lăm, mười/mươi, linh/lẻ, không trăm, nghìn/ngàn).
import { describe, expect, it } from 'vitest';
import { allNumberWords, digitStringWords, MAX_READABLE, numberWords, readNumber } from '@core/vietnamese-numbers.ts';

/** [number, North, South]; South differs only by lẻ for linh and ngàn for nghìn. */
const TABLE: [number, string, string][] = [
  [0, 'không', 'không'],
  [1, 'một', 'một'],
  [2, 'hai', 'hai'],
  [3, 'ba', 'ba'],
  [4, 'bốn', 'bốn'],
  [5, 'năm', 'năm'],
  [6, 'sáu', 'sáu'],
  [7, 'bảy', 'bảy'],
  [8, 'tám', 'tám'],
  [9, 'chín', 'chín'],
  [10, 'mười', 'mười'],
  [11, 'mười một', 'mười một'],
  [12, 'mười hai', 'mười hai'],
  [14, 'mười bốn', 'mười bốn'],
  [15, 'mười lăm', 'mười lăm'],
  [19, 'mười chín', 'mười chín'],
  [20, 'hai mươi', 'hai mươi'],
  [21, 'hai mươi mốt', 'hai mươi mốt'],
  [22, 'hai mươi hai', 'hai mươi hai'],
  [24, 'hai mươi tư', 'hai mươi tư'],
  [25, 'hai mươi lăm', 'hai mươi lăm'],
  [30, 'ba mươi', 'ba mươi'],
  [31, 'ba mươi mốt', 'ba mươi mốt'],
  [44, 'bốn mươi tư', 'bốn mươi tư'],
  [45, 'bốn mươi lăm', 'bốn mươi lăm'],
  [50, 'năm mươi', 'năm mươi'],
  [55, 'năm mươi lăm', 'năm mươi lăm'],
  [71, 'bảy mươi mốt', 'bảy mươi mốt'],
  [99, 'chín mươi chín', 'chín mươi chín'],
  [100, 'một trăm', 'một trăm'],
  [101, 'một trăm linh một', 'một trăm lẻ một'],
  [104, 'một trăm linh bốn', 'một trăm lẻ bốn'],
  [105, 'một trăm linh năm', 'một trăm lẻ năm'],
  [110, 'một trăm mười', 'một trăm mười'],
  [111, 'một trăm mười một', 'một trăm mười một'],
  [115, 'một trăm mười lăm', 'một trăm mười lăm'],
  [121, 'một trăm hai mươi mốt', 'một trăm hai mươi mốt'],
  [124, 'một trăm hai mươi tư', 'một trăm hai mươi tư'],
  [200, 'hai trăm', 'hai trăm'],
  [205, 'hai trăm linh năm', 'hai trăm lẻ năm'],
  [345, 'ba trăm bốn mươi lăm', 'ba trăm bốn mươi lăm'],
  [999, 'chín trăm chín mươi chín', 'chín trăm chín mươi chín'],
  [1000, 'một nghìn', 'một ngàn'],
  [1001, 'một nghìn không trăm linh một', 'một ngàn không trăm lẻ một'],
  [1005, 'một nghìn không trăm linh năm', 'một ngàn không trăm lẻ năm'],
  [1010, 'một nghìn không trăm mười', 'một ngàn không trăm mười'],
  [1015, 'một nghìn không trăm mười lăm', 'một ngàn không trăm mười lăm'],
  [1021, 'một nghìn không trăm hai mươi mốt', 'một ngàn không trăm hai mươi mốt'],
  [1100, 'một nghìn một trăm', 'một ngàn một trăm'],
  [1234, 'một nghìn hai trăm ba mươi tư', 'một ngàn hai trăm ba mươi tư'],
  [2005, 'hai nghìn không trăm linh năm', 'hai ngàn không trăm lẻ năm'],
  [2024, 'hai nghìn không trăm hai mươi tư', 'hai ngàn không trăm hai mươi tư'],
  [9999, 'chín nghìn chín trăm chín mươi chín', 'chín ngàn chín trăm chín mươi chín'],
  [10000, 'mười nghìn', 'mười ngàn'],
  [15000, 'mười lăm nghìn', 'mười lăm ngàn'],
  [21000, 'hai mươi mốt nghìn', 'hai mươi mốt ngàn'],
  [100000, 'một trăm nghìn', 'một trăm ngàn'],
  [100005, 'một trăm nghìn không trăm linh năm', 'một trăm ngàn không trăm lẻ năm'],
  [105000, 'một trăm linh năm nghìn', 'một trăm lẻ năm ngàn'],
  [1000000, 'một triệu', 'một triệu'],
  [1005000, 'một triệu không trăm linh năm nghìn', 'một triệu không trăm lẻ năm ngàn'],
  [2000001, 'hai triệu không trăm linh một', 'hai triệu không trăm lẻ một'],
  [1000000000, 'một tỷ', 'một tỷ'],
];

describe('Vietnamese number words', () => {
  it('the table covers at least 50 numbers', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(50);
  });

  it.each(TABLE)('%i → North "%s"', (n, north) => {
    expect(readNumber(n, 'north')).toBe(north);
  });

  it.each(TABLE)('%i → South "%s" / "%s"', (n, _north, south) => {
    expect(readNumber(n, 'south')).toBe(south);
  });

  it('mốt, tư and lăm only where the rules put them', () => {
    for (let n = 0; n <= 9999; n++) {
      const words = numberWords(n);
      words.forEach((w, i) => {
        const before = words[i - 1];
        if (w === 'mốt' || w === 'tư') expect(before, `${n}`).toBe('mươi');
        if (w === 'lăm') expect(['mươi', 'mười'], `${n}`).toContain(before);
        if (w === 'linh') expect(before, `${n}`).toBe('trăm');
      });
    }
  });

  it('is NFC, and every word is one a voice pack records', () => {
    for (const variant of ['north', 'south'] as const) {
      const known = new Set(allNumberWords(variant));
      for (const n of [0, 7, 15, 21, 24, 101, 1005, 2024, 15000, 1005000, MAX_READABLE]) {
        for (const w of numberWords(n, variant)) {
          expect(w.normalize('NFC')).toBe(w);
          expect(known, `${w} (${n})`).toContain(w);
        }
      }
    }
  });

  it('reads zero-padded ticket digits as announcers do', () => {
    expect(digitStringWords('025').join(' ')).toBe('không trăm hai mươi lăm');
    expect(digitStringWords('005').join(' ')).toBe('không trăm linh năm');
    expect(digitStringWords('005', 'south').join(' ')).toBe('không trăm lẻ năm');
    expect(digitStringWords('010').join(' ')).toBe('không trăm mười');
    expect(digitStringWords('100').join(' ')).toBe('một trăm');
    expect(digitStringWords('1025').join(' ')).toBe('một nghìn không trăm hai mươi lăm');
    expect(digitStringWords('7').join(' ')).toBe('bảy');
  });

  it('refuses what it cannot read', () => {
    expect(() => numberWords(-1)).toThrow(RangeError);
    expect(() => numberWords(1.5)).toThrow(RangeError);
    expect(() => numberWords(MAX_READABLE + 1)).toThrow(RangeError);
    expect(() => digitStringWords('12a')).toThrow(RangeError);
  });
});
