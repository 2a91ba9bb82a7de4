// The native reviewer's list of retired words (issue 17): one form of address for citizens
// ("Ông/Bà", never "bạn"), the official names of the dossier system, of counters and of their
// officers, no abbreviations a citizen or manager has to guess. Scans the dictionary itself and
// every source that puts words on a screen or on paper.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ui } from '@core/text/index.ts';
import { actionText, errorText, statusText } from '@core/i18n.ts';
import { deliveryErrorText, exportHeaders, outcomeText } from '@core/text/manager.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Word boundaries for Vietnamese: letters with diacritics count as letters. */
const word = (w: string) => new RegExp(`(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`, 'iu');

const RETIRED: { pattern: RegExp; instead: string }[] = [
  { pattern: word('bạn'), instead: 'Ông/Bà (citizens) or a neutral phrase (staff)' },
  { pattern: word('quý khách'), instead: 'Ông/Bà' },
  { pattern: /công dân đang phục vụ/iu, instead: 'Công dân đang được phục vụ' },
  { pattern: /đang tiếp nhận hồ sơ số/iu, instead: 'Đang phục vụ số thứ tự' },
  { pattern: word('quá hạn'), instead: 'Chờ quá thời gian' },
  { pattern: word('một cửa'), instead: 'Hệ thống thông tin giải quyết thủ tục hành chính' },
  { pattern: /sở\s*\/\s*ngành/iu, instead: 'Sở, ngành' },
  { pattern: /quầy giao dịch/iu, instead: 'Quầy tiếp nhận và trả kết quả' },
  { pattern: /cán bộ thường trực/iu, instead: 'Cán bộ phụ trách quầy' },
  { pattern: /[}\d] ph(?![\p{L}])/u, instead: '{n} phút' },
  { pattern: word('ĐG'), instead: 'Lượt đánh giá' },
  { pattern: /nhấn space/iu, instead: 'Nhấn phím cách (Space)' },
  { pattern: /trang đầu/iu, instead: 'màn hình chính' },
  { pattern: /số thường\s*:/iu, instead: 'Số phiếu thường giữa hai phiếu ưu tiên' },
  { pattern: word('TG'), instead: 'Thời gian' },
];

function retiredIn(text: string): string[] {
  return RETIRED.filter((r) => r.pattern.test(text)).map((r) => `${r.pattern} → ${r.instead}`);
}

/** Every Vietnamese string in a dictionary section, with where it is. */
function vietnamese(value: unknown, path: string, out: { path: string; text: string }[] = []) {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => vietnamese(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== 'en') vietnamese(v, `${path}.${k}`, out);
  }
  return out;
}

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'fonts') return [];
    return statSync(full).isDirectory() ? files(full, keep) : keep(name) ? [full] : [];
  });
}

describe('the reviewer’s retired words', () => {
  it('the scanner finds each retired word (so a clean scan means something)', () => {
    const samples = ['Số thứ tự của bạn', 'Cảm ơn quý khách', 'Công dân đang phục vụ', 'Đang tiếp nhận hồ sơ số', 'Quá hạn',
      'hệ thống một cửa', 'Sở/ngành', 'Quầy giao dịch', 'Cán bộ thường trực', '{n} ph', 'Lượt ĐG', 'Nhấn Space',
      'trở về trang đầu', 'Số thường : 1 số ưu tiên', 'TG phục vụ TB'];
    for (const [i, s] of samples.entries()) expect(RETIRED[i]!.pattern.test(s), s).toBe(true);
    // …and leaves the new wording alone.
    const kept = ['Ông/Bà', 'Công dân đang được phục vụ', 'Chờ quá thời gian', 'Sở, ngành', '{n} phút', 'Lượt đánh giá',
      'Nhấn phím cách (Space)', 'Tài khoản này đang mở quầy', 'Xin mời công dân có số thứ tự A-025 đến quầy số 3'];
    for (const s of kept) expect(retiredIn(s), s).toEqual([]);
  });

  it('no dictionary string uses one', () => {
    const sections = { ...ui, errorText, statusText, actionText, deliveryErrorText, exportHeaders, outcomeText };
    const found = vietnamese(sections, 'text').flatMap(({ path, text }) => retiredIn(text).map((r) => `${path}: “${text}” (${r})`));
    expect(found).toEqual([]);
  });

  it('no screen, printed ticket or status page source uses one', () => {
    const sources = [
      ...['kiosk', 'counter', 'display', 'manager', 'ui'].flatMap((d) => files(join(ROOT, d), (n) => /\.(svelte|ts|html)$/.test(n))),
      ...files(join(ROOT, 'printer'), (n) => n.endsWith('.ts')),
      ...files(join(ROOT, 'server/status-page'), (n) => n.endsWith('.ts')),
      ...files(join(ROOT, 'core/text'), (n) => n.endsWith('.ts')),
      join(ROOT, 'core/i18n.ts'),
    ];
    expect(sources.length).toBeGreaterThan(60);
    const found = sources.flatMap((file) => readFileSync(file, 'utf8').split('\n').flatMap((line, i) =>
      retiredIn(line).map((r) => `${relative(ROOT, file)}:${i + 1}: ${line.trim().slice(0, 120)} (${r})`)));
    expect(found).toEqual([]);
  });
});
