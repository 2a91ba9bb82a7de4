// The call announcement as words: a template with {number} and {counter}, the ticket's prefix
// read as letter names, its digits as Vietnamese number words. Pure. The same plan feeds a TTS
// engine (one spoken string) and a voice pack (a list of clips to join).
import type { NumberStyle, NumberVariant } from './vietnamese-numbers.ts';
import { digitStringWords, numberWords } from './vietnamese-numbers.ts';

export const DEFAULT_TEMPLATE = 'Xin mời công dân có số thứ tự {number} đến quầy số {counter}';
export const DEFAULT_RECALL_TEMPLATE = 'Xin nhắc lại, xin mời công dân có số thứ tự {number} đến quầy số {counter}';
export const PLACEHOLDERS = ['number', 'counter'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/**
 * How a Vietnamese voice says a capital letter: the names used when reading abbreviations aloud
 * (VTV "vê tê vê", GTVT "giê tê vê tê"). D is "đê", not "dê": in the North "dê" sounds exactly
 * like G's "giê", and two prefixes must never sound alike. Multi-syllable names (e-lờ, ét-xì)
 * are kept whole so they are not heard as words.
 */
export const LETTER_NAMES: Readonly<Record<string, string>> = {
  A: 'a', B: 'bê', C: 'xê', D: 'đê', E: 'e', F: 'ép', G: 'giê', H: 'hát', I: 'i', J: 'gi', K: 'ca',
  L: 'e lờ', M: 'em mờ', N: 'en nờ', O: 'o', P: 'pê', Q: 'quy', R: 'e rờ', S: 'ét xì', T: 'tê',
  U: 'u', V: 'vê', W: 'vê kép', X: 'ích xì', Y: 'i dài', Z: 'dét',
};

/** Problems with a template, in Vietnamese; empty when it is usable. */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  const known = new Set<string>(PLACEHOLDERS);
  const seen = new Set<string>();
  for (const m of template.matchAll(/\{([^{}]*)\}/g)) {
    const name = m[1]!;
    if (!known.has(name)) problems.push(`chỗ trống không hợp lệ {${name}}: chỉ dùng {number} (số thứ tự) và {counter} (số quầy)`);
    seen.add(name);
  }
  const stray = template.replace(/\{[^{}]*\}/g, '');
  if (/[{}]/.test(stray)) problems.push('dấu ngoặc { } không khớp');
  if (!seen.has('number')) problems.push('mẫu câu phải có {number} (số thứ tự)');
  if (template.trim().length === 0) problems.push('mẫu câu trống');
  return problems;
}

/** One piece of an announcement. A pause is a comma's breath. */
export type PhrasePart =
  | { kind: 'text'; text: string }
  | { kind: 'letter'; letter: string; name: string }
  | { kind: 'number'; words: string[] }
  | { kind: 'counter'; counter: number; words: string[] }
  | { kind: 'pause' };

export interface Phrase {
  parts: PhrasePart[];
  /** What a TTS engine is given: words only, commas for breaths. */
  spoken: string;
  /** What a screen shows: the template with the number and counter as written. */
  shown: string;
}

export interface CallWords {
  /** As printed, e.g. "A-025" or "CG-1003". */
  number: string;
  counter: number;
}

/** The parts of a ticket number: letters then digits. Anything else is read character by character. */
export function ticketNumberParts(number: string, variant: NumberVariant, style: NumberStyle = 'full'): PhrasePart[] {
  const m = /^([A-Z]{0,3})-?(\d{1,12})$/.exec(number.trim().toUpperCase());
  if (m) {
    const letters = [...m[1]!].map((l): PhrasePart => ({ kind: 'letter', letter: l, name: LETTER_NAMES[l]! }));
    const digits: PhrasePart = { kind: 'number', words: digitStringWords(m[2]!, variant, style) };
    return letters.length > 0 ? [...letters, { kind: 'pause' }, digits] : [digits];
  }
  const parts: PhrasePart[] = [];
  for (const ch of number.toUpperCase()) {
    if (LETTER_NAMES[ch]) parts.push({ kind: 'letter', letter: ch, name: LETTER_NAMES[ch] });
    else if (/\d/.test(ch)) parts.push({ kind: 'number', words: numberWords(Number(ch), variant) });
  }
  return parts;
}

function textParts(text: string): PhrasePart[] {
  // Commas in the template are breaths; the words between them stay one piece of text.
  const parts: PhrasePart[] = [];
  text.split(/[,;:.!?…]+/).forEach((chunk, i) => {
    const clean = chunk.replace(/\s+/g, ' ').trim();
    if (i > 0) parts.push({ kind: 'pause' });
    if (clean) parts.push({ kind: 'text', text: clean });
  });
  return parts;
}

/** Joins pauses into single ones and drops them at the edges. */
function tidy(parts: PhrasePart[]): PhrasePart[] {
  const out: PhrasePart[] = [];
  for (const p of parts) {
    if (p.kind === 'pause' && (out.length === 0 || out[out.length - 1]!.kind === 'pause')) continue;
    out.push(p);
  }
  while (out.length > 0 && out[out.length - 1]!.kind === 'pause') out.pop();
  return out;
}

function spokenOf(parts: PhrasePart[]): string {
  let s = '';
  for (const p of parts) {
    if (p.kind === 'pause') { s += ','; continue; }
    const words = p.kind === 'text' ? p.text : p.kind === 'letter' ? p.name : p.words.join(' ');
    s += (s ? ' ' : '') + words;
  }
  return s;
}

/**
 * The announcement for one call. A breath after the letters and after the number, as announcers say it:
 * "…số thứ tự a, không trăm hai mươi lăm, đến quầy số ba". Throws on an invalid template
 * (configuration validation refuses those before they get here).
 */
export function buildPhrase(template: string, call: CallWords, variant: NumberVariant, style: NumberStyle = 'full'): Phrase {
  const problems = templateProblems(template);
  if (problems.length > 0) throw new Error(`mẫu câu không hợp lệ: ${problems.join('; ')}`);
  const parts: PhrasePart[] = [];
  let shown = '';
  let last = 0;
  for (const m of template.matchAll(/\{(number|counter)\}/g)) {
    const before = template.slice(last, m.index);
    parts.push(...textParts(before));
    shown += before;
    if (m[1] === 'number') {
      parts.push(...ticketNumberParts(call.number, variant, style), { kind: 'pause' });
      shown += call.number;
    } else {
      parts.push({ kind: 'counter', counter: call.counter, words: numberWords(call.counter, variant) });
      shown += String(call.counter);
    }
    last = m.index + m[0].length;
  }
  const after = template.slice(last);
  parts.push(...textParts(after));
  shown += after;
  const final = tidy(parts);
  return { parts: final, spoken: spokenOf(final), shown: shown.replace(/\s+/g, ' ').trim() };
}

/**
 * What follows the first call when calls are joined into one phrase: "số {number}" and the rest of
 * the template after it ("… đến quầy số {counter}"), without its closing punctuation. A template that
 * names the counter before the number cannot be cut so; it gets the plain "số {number} đến quầy số {counter}".
 */
export function continuationTemplate(template: string): string {
  const at = template.indexOf('{number}');
  const counterAt = template.indexOf('{counter}');
  if (counterAt >= 0 && counterAt < at) return 'số {number} đến quầy số {counter}';
  return `số ${template.slice(at).replace(/[\s,;:.!?…]+$/u, '')}`;
}

/**
 * The opening of a call said right after another one (a burst at the morning peak): the hall is
 * already listening, so "Mời số A-025 đến quầy số 3" instead of the full template, about 1.8 s
 * shorter. It is the continuation of joined phrases with "Mời" before it, so a template's own ending
 * ("… tới quầy {counter}", "… để được tiếp nhận") is kept; it addresses nobody by a pronoun. An
 * ending that invites already ("số {number} mời đến quầy {counter}") is not given a second "mời".
 */
export function burstTemplate(template: string): string {
  const next = continuationTemplate(template);
  return /(^|\s)mời(\s|$)/iu.test(next.normalize('NFC')) ? `S${next.slice(1)}` : `Mời ${next}`;
}

/**
 * Several calls said as one phrase: the template for the first, then "số B-011 đến quầy số 5" for
 * each next one: "Xin mời công dân có số thứ tự A-025 đến quầy số 3, số B-011 đến quầy số 5".
 */
export function buildJoinedPhrase(template: string, calls: readonly CallWords[], variant: NumberVariant, style: NumberStyle = 'full'): Phrase {
  if (calls.length === 0) throw new Error('buildJoinedPhrase: no call');
  const first = buildPhrase(template, calls[0]!, variant, style);
  if (calls.length === 1) return first;
  const next = continuationTemplate(template);
  const rest = calls.slice(1).map((c) => buildPhrase(next, c, variant, style));
  const parts = tidy([...first.parts, ...rest.flatMap((p): PhrasePart[] => [{ kind: 'pause' }, ...p.parts])]);
  const shown = [first.shown.replace(/[\s,;:.!?…]+$/u, ''), ...rest.map((p) => p.shown)].join(', ');
  return { parts, spoken: spokenOf(parts), shown };
}
