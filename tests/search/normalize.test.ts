// The Vietnamese normaliser: folding, i/y, Telex/VNI leftovers, glued words.
import { describe, expect, it } from 'vitest';
import { foldText, foldY, indexWords, queryWords, stripKeystrokes, Vocabulary } from '@core/catalog-search/normalize.ts';

const vocabulary = new Vocabulary();
vocabulary.add('Hộ tịch Đất đai Hộ chiếu Đăng ký kết hôn Căn cước Kế hoạch Thôn');
vocabulary.add('Đăng ký lại kết hôn'); // "kết hôn" now more common than "kế" + "thôn"

describe('foldText', () => {
  it('drops tone marks and diacritics, đ → d, lower case; anything not a letter or digit separates words', () => {
    expect(foldText('Đất đai')).toBe('dat dai');
    expect(foldText('  HỘ   TỊCH ')).toBe('ho tich');
    expect(foldText('Đất đai'.normalize('NFD'))).toBe('dat dai');
    expect(foldText('SNNMT.DD')).toBe('snnmt dd');
    expect(foldText('căn\u0000cước\u001b🙂')).toBe('can cuoc');
  });
});

describe('foldY', () => {
  it('reads a lone final y after its consonant as i (kỹ/kĩ, lý/lí, quy/qui), not inside other syllables', () => {
    expect(indexWords('Đăng ký Lý lịch Kỹ thuật Quy hoạch')).toEqual(['dang', 'ki', 'li', 'lich', 'ki', 'thuat', 'qui', 'hoach']);
    expect(foldY('giay')).toBe('giay'); // giấy ≠ giải
    expect(foldY('bhyt')).toBe('bhyt');
    expect(foldY('y')).toBe('i'); // y tế / i tế
  });
});

describe('stripKeystrokes', () => {
  it('removes VNI digits and Telex keys typed without an input method', () => {
    expect(stripKeystrokes('dda6t')).toBe('dat');
    expect(stripKeystrokes('ddai')).toBe('dai');
    expect(stripKeystrokes('ho5')).toBe('ho');
    expect(stripKeystrokes('chie6u')).toBe('chieu');
    expect(stripKeystrokes('chieeuf')).toBe('chieu');
    expect(stripKeystrokes('ddaats')).toBe('dat');
    expect(stripKeystrokes('kys')).toBe('ky');
  });
});

describe('Vocabulary', () => {
  it('splits words typed without spaces into catalog syllables, preferring the common split', () => {
    expect(vocabulary.split('hotich')).toEqual(['ho', 'tich']);
    expect(vocabulary.split('dangkykethon')).toEqual(['dang', 'ki', 'ket', 'hon']);
    expect(vocabulary.split('xyzw')).toBeNull();
    expect(vocabulary.split('ho')).toBeNull();
  });

  it('repairs a query word by word; known words, numbers and unknown words stay', () => {
    expect(queryWords('dda6t ddai', vocabulary)).toEqual(['dat', 'dai']);
    expect(queryWords('ho5 chie6u', vocabulary)).toEqual(['ho', 'chieu']);
    expect(queryWords('hotich 14 cccd', vocabulary)).toEqual(['ho', 'tich', '14', 'cccd']);
    expect(vocabulary.swaps('dia')).toEqual(['dai']);
  });

  it('reads at most 120 characters and 12 words of a query', () => {
    expect(queryWords('dat '.repeat(200), vocabulary).length).toBe(12);
    expect(queryWords('a'.repeat(500), vocabulary)).toEqual(['a'.repeat(120)]);
    expect(queryWords('', vocabulary)).toEqual([]);
    expect(queryWords('🙂🙂 \u0007', vocabulary)).toEqual([]);
  });
});
