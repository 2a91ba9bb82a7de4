// The synonym dictionary: what citizens say → what the catalog says, and optionally the
// procedures or services it means. One entry per line, editable by hand and in Quản trị:
//
//   cccd, cmnd, chứng minh nhân dân => căn cước
//   sổ đỏ, sổ hồng => giấy chứng nhận quyền sử dụng đất | SNNMT.DD
//   nhận kết quả, lấy kết quả => trả kết quả | TTPVHCC.TKQ
//   tôi, muốn => (empty: words to ignore)
//
// Parsing is pure and all-or-nothing: any bad line refuses the whole text, each problem named
// with its line number.
import { z } from 'zod';
import { indexWords } from './normalize.ts';

export const MAX_SYNONYM_ENTRIES = 2000;
export const MAX_SYNONYMS_TEXT_CHARS = 200_000;
/** The longest phrase matched, in words. */
const MAX_TERM_WORDS = 8;

const code = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'mã thủ tục hoặc lĩnh vực không hợp lệ');
export const SynonymEntrySchema = z.strictObject({
  /** What people type, with or without diacritics. */
  terms: z.array(z.string().trim().min(1, 'từ trống').max(100, 'từ dài quá 100 ký tự')).min(1, 'thiếu từ').max(40, 'quá 40 từ trên một dòng'),
  /** The catalog's words that replace them in the query; empty = the words are ignored. */
  expansion: z.string().trim().max(300, 'phần thay thế dài quá 300 ký tự'),
  /** Procedure or service codes that answer these words first. */
  targets: z.array(code).max(20, 'quá 20 mã trên một dòng'),
});
export type SynonymEntry = z.infer<typeof SynonymEntrySchema>;
export const SynonymListSchema = z.array(SynonymEntrySchema).max(MAX_SYNONYM_ENTRIES);

export interface LineProblem {
  line: number;
  message: string;
}

export type SynonymParse = { ok: true; entries: SynonymEntry[] } | { ok: false; problems: LineProblem[] };

/**
 * The dictionary from its text. `known` holds the procedure and service codes a target may name
 * (null: targets are not checked, e.g. before the catalog they belong to is loaded).
 */
export function parseSynonymsText(text: string, known: ReadonlySet<string> | null): SynonymParse {
  if (text.length > MAX_SYNONYMS_TEXT_CHARS) return { ok: false, problems: [{ line: 1, message: `tệp dài quá ${MAX_SYNONYMS_TEXT_CHARS} ký tự` }] };
  const problems: LineProblem[] = [];
  const entries: SynonymEntry[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').normalize('NFC').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(content)) return problems.push({ line, message: 'có ký tự điều khiển' });
    const arrow = content.indexOf('=>');
    if (arrow < 0) return problems.push({ line, message: 'thiếu "=>" giữa từ người dân dùng và từ trong danh mục' });
    const [right = '', codes = '', ...extra] = content.slice(arrow + 2).split('|');
    if (extra.length > 0) return problems.push({ line, message: 'chỉ được một dấu "|" (trước các mã)' });
    const parsed = SynonymEntrySchema.safeParse({
      terms: content.slice(0, arrow).split(',').map((t) => t.trim()).filter((t) => t !== ''),
      expansion: right.trim(),
      targets: codes.split(/[\s,]+/).filter((c) => c !== ''),
    });
    if (!parsed.success) return problems.push({ line, message: [...new Set(parsed.error.issues.map((x) => x.message))].join('; ') });
    const entry = parsed.data;
    for (const term of entry.terms) {
      const key = indexWords(term).join(' ');
      if (key === '') return problems.push({ line, message: `"${term}" không có chữ hay số nào` });
      if (key.split(' ').length > MAX_TERM_WORDS) return problems.push({ line, message: `"${term}" dài quá ${MAX_TERM_WORDS} từ` });
      const earlier = seen.get(key);
      if (earlier !== undefined) return problems.push({ line, message: `"${term}" đã có ở dòng ${earlier}` });
      seen.set(key, line);
    }
    const unknown = known ? entry.targets.filter((c) => !known.has(c)) : [];
    if (unknown.length > 0) return problems.push({ line, message: `không có thủ tục hay lĩnh vực mã ${unknown.join(', ')}` });
    entries.push(entry);
  });
  if (entries.length > MAX_SYNONYM_ENTRIES) problems.push({ line: lines.length, message: `quá ${MAX_SYNONYM_ENTRIES} dòng` });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entries };
}

/** The text of a dictionary, one entry per line (what the admin screen edits). */
export function formatSynonymsText(entries: readonly SynonymEntry[]): string {
  return entries
    .map((e) => `${e.terms.join(', ')} => ${e.expansion}${e.targets.length > 0 ? ` | ${e.targets.join(' ')}` : ''}`.replace(/ +$/, ''))
    .join('\n');
}

/** Phrases found in a query and what they turn into. */
export interface Expanded {
  words: string[];
  /** For each word, the query concept it stands for: the words of one expansion share one. */
  concepts: number[];
  /** Codes the matched entries point at, in the order they were met. */
  targets: string[];
  /** Whether any phrase of the dictionary was found. */
  matched: boolean;
}

/** The dictionary as a phrase table over normalised words. */
export class SynonymMatcher {
  private readonly phrases = new Map<string, { words: string[]; targets: string[] }>();
  private longest = 1;

  constructor(entries: readonly SynonymEntry[]) {
    for (const e of entries) {
      const replacement = { words: indexWords(e.expansion), targets: e.targets };
      for (const term of e.terms) {
        const words = indexWords(term);
        if (words.length === 0) continue;
        this.longest = Math.max(this.longest, words.length);
        const key = words.join(' ');
        if (!this.phrases.has(key)) this.phrases.set(key, replacement);
      }
    }
  }

  /** Every word a term uses, so the query repair keeps them as typed ("cccd" is not a typo). */
  *termWords(): Iterable<string> {
    for (const key of this.phrases.keys()) yield* key.split(' ');
  }

  /** Longest phrases first, left to right; words outside any phrase stay as they are. */
  expand(words: readonly string[]): Expanded {
    const out: string[] = [];
    const concepts: number[] = [];
    const targets: string[] = [];
    let matched = false;
    let concept = 0;
    for (let i = 0; i < words.length;) {
      const hit = this.longestAt(words, i);
      if (hit) {
        matched = true;
        for (const w of hit.replacement.words) { out.push(w); concepts.push(concept); }
        for (const t of hit.replacement.targets) if (!targets.includes(t)) targets.push(t);
        if (hit.replacement.words.length > 0 || hit.replacement.targets.length > 0) concept += 1;
        i += hit.length;
      } else {
        out.push(words[i]!);
        concepts.push(concept);
        concept += 1;
        i += 1;
      }
    }
    return { words: out, concepts, targets, matched };
  }

  private longestAt(words: readonly string[], i: number): { replacement: { words: string[]; targets: string[] }; length: number } | null {
    for (let n = Math.min(this.longest, words.length - i); n > 0; n -= 1) {
      const replacement = this.phrases.get(words.slice(i, i + n).join(' '));
      if (replacement) return { replacement, length: n };
    }
    return null;
  }
}
