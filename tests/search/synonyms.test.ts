// The synonym dictionary: its text form, refusals with line numbers, phrase expansion.
import { describe, expect, it } from 'vitest';
import { formatSynonymsText, parseSynonymsText, SynonymMatcher } from '@core/catalog-search/synonyms.ts';

const known = new Set(['CA.CC', 'CA.CC.04', 'TTPVHCC.TKQ']);

describe('parseSynonymsText', () => {
  it('reads terms, the catalog words and target codes; comments and blank lines are skipped', () => {
    const parsed = parseSynonymsText('# chú thích\n\ncccd, CMND => căn cước | CA.CC\nnhận kết quả => trả kết quả | TTPVHCC.TKQ CA.CC.04\ntôi, muốn =>\n', known);
    expect(parsed).toEqual({ ok: true, entries: [
      { terms: ['cccd', 'CMND'], expansion: 'căn cước', targets: ['CA.CC'] },
      { terms: ['nhận kết quả'], expansion: 'trả kết quả', targets: ['TTPVHCC.TKQ', 'CA.CC.04'] },
      { terms: ['tôi', 'muốn'], expansion: '', targets: [] },
    ] });
  });

  it('refuses the whole text, naming every bad line', () => {
    const text = [
      'cccd => căn cước', // 1 ok
      'không có mũi tên', // 2
      ' => chỉ có phần sau', // 3
      'a => b | c | d', // 4
      'sổ đỏ => giấy chứng nhận | KHONG.CO', // 5
      'CCCD => trùng', // 6: same as line 1 once folded
      'x'.repeat(101) + ' => quá dài', // 7
      '🙂 => không có chữ', // 8
      'ok => ok\u0007', // 9
    ].join('\n');
    const parsed = parseSynonymsText(text, known);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(parsed.problems.find((p) => p.line === 5)!.message).toContain('KHONG.CO');
    expect(parsed.problems.find((p) => p.line === 6)!.message).toContain('dòng 1');
  });

  it('checks targets only when told the known codes; refuses an oversized text', () => {
    expect(parseSynonymsText('a => b | ANY.CODE', null).ok).toBe(true);
    expect(parseSynonymsText('a => b\n'.repeat(40_000), null)).toMatchObject({ ok: false, problems: [{ line: 1 }] });
  });

  it('formats back to a text that parses to the same entries', () => {
    const parsed = parseSynonymsText('cccd, cmnd => căn cước | CA.CC\ntôi =>', known);
    if (!parsed.ok) throw new Error('expected ok');
    expect(parseSynonymsText(formatSynonymsText(parsed.entries), known)).toEqual(parsed);
  });
});

describe('SynonymMatcher', () => {
  const matcher = new SynonymMatcher([
    { terms: ['sổ đỏ'], expansion: 'giấy chứng nhận quyền sử dụng đất', targets: [] },
    { terms: ['sang tên sổ đỏ'], expansion: 'đăng ký biến động', targets: ['X'] },
    { terms: ['tôi', 'muốn'], expansion: '', targets: [] },
  ]);

  it('replaces the longest phrase first, drops ignored words, keeps the rest, groups an expansion as one concept', () => {
    expect(matcher.expand(['toi', 'muon', 'sang', 'ten', 'so', 'do'])).toEqual({
      words: ['dang', 'ki', 'bien', 'dong'], concepts: [0, 0, 0, 0], targets: ['X'], matched: true,
    });
    expect(matcher.expand(['mat', 'so', 'do'])).toMatchObject({ words: ['mat', 'giay', 'chung', 'nhan', 'quyen', 'su', 'dung', 'dat'], concepts: [0, 1, 1, 1, 1, 1, 1, 1] });
    expect(matcher.expand(['dat', 'dai'])).toEqual({ words: ['dat', 'dai'], concepts: [0, 1], targets: [], matched: false });
  });
});
