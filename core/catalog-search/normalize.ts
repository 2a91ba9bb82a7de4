// The Vietnamese normaliser of catalog search: what a citizen types and what the catalog says are
// both brought to plain syllables — no tone marks, đ → d, lower case, y → i (kỹ/kĩ, lý/lí are
// spelt both ways) — and the query is repaired against the catalog's own syllables: Telex or VNI
// keystrokes left in by a keyboard without a Vietnamese input method ("dda6t" → "dat", "chieeuf"
// → "chieu") and words typed without spaces ("hotich" → "ho tich"). Pure.

/** At most this much of a query is read: a 500-character paste costs no more than a sentence. */
export const MAX_QUERY_CHARS = 120;
/** And at most this many words of it. */
export const MAX_QUERY_WORDS = 12;

/** Lower case, no diacritics, đ → d; everything that is not a letter or digit becomes a space. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * i/y spelling variants read as one where both spellings are used: a syllable ending in a lone y
 * after its consonant ("kỹ"/"kĩ", "lý"/"lí", "quy"/"qui", "y tế"). Not "giấy" (≠ "giải") nor "uyê".
 */
export const foldY = (word: string): string => word.replace(/^(qu|[bcdhklmnpstv]|ch|gh|kh|ng|nh|ph|th|tr)?y$/, '$1i');

/** The words of a text as the index stores them. */
export function indexWords(text: string): string[] {
  const folded = foldText(text);
  return folded === '' ? [] : folded.split(' ').map(foldY);
}

const VOWEL = /[aeiouy]/;
const TONE_KEY = /[fsrxj]/;

/**
 * A word as typed with Telex or VNI keys but no input method: "dda6t" (VNI â, Telex đ), "ho5",
 * "chieeuf", "ddaatj". Only ever used when the word as typed is not a catalog word.
 */
export function stripKeystrokes(word: string): string {
  let w = word;
  // VNI: tone and vowel digits after letters ("ho5", "a6"); a word made of digits is a number.
  if (/[a-z]/.test(w) && /[0-9]/.test(w)) w = w.replace(/[0-9]/g, '');
  // Telex tone keys: after a vowel, before the final consonants (or at the end).
  let out = '';
  for (let i = 0; i < w.length; i += 1) {
    const ch = w[i]!;
    const prev = w[i - 1] ?? '';
    const rest = w.slice(i + 1);
    const afterVowel = (VOWEL.test(prev) || prev === 'w') && /^(c|ch|m|n|ng|nh|p|t)?$/.test(rest);
    if (i > 0 && TONE_KEY.test(ch) && (afterVowel || (rest === '' && i >= 2))) continue;
    out += ch;
  }
  return out
    .replace(/^dd/, 'd')
    .replace(/aa|aw/g, 'a').replace(/ee/g, 'e').replace(/oo|ow/g, 'o').replace(/uw/g, 'u')
    .replace(/w/g, 'u');
}

/** The syllables the catalog and the synonym dictionary use: what a query word is repaired towards. */
export class Vocabulary {
  /** Each word and how often the catalog uses it (to choose between two ways of splitting). */
  private readonly words = new Map<string, number>();

  add(text: string): void {
    this.addWords(indexWords(text));
  }

  /** Words already folded; `weight` 0 makes a word known without making it more common. */
  addWords(words: readonly string[], weight = 1): void {
    for (const w of words) this.words.set(w, (this.words.get(w) ?? 0) + weight);
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  get size(): number {
    return this.words.size;
  }

  /**
   * A word glued from catalog syllables ("hotich", "dangkykethon"), split back with as few
   * pieces as possible (at most 4, each of 2 letters or more), the more common syllables when two
   * splits tie ("ket hon", not "ke thon"); null when it does not split.
   */
  split(word: string): string[] | null {
    if (word.length < 4 || word.length > 28) return null;
    type Split = { pieces: string[]; weight: number };
    const best: (Split | null)[] = new Array<Split | null>(word.length + 1).fill(null);
    best[0] = { pieces: [], weight: 0 };
    for (let end = 2; end <= word.length; end += 1) {
      for (let start = Math.max(0, end - 7); start <= end - 2; start += 1) {
        const before = best[start];
        const piece = foldY(word.slice(start, end));
        const count = this.words.get(piece);
        if (!before || count === undefined) continue;
        const candidate = { pieces: [...before.pieces, piece], weight: before.weight + Math.log(count + 1) };
        const current = best[end];
        if (!current || candidate.pieces.length < current.pieces.length
          || (candidate.pieces.length === current.pieces.length && candidate.weight > current.weight)) best[end] = candidate;
      }
    }
    const found = best[word.length]?.pieces;
    return found && found.length >= 2 && found.length <= 4 ? found : null;
  }

  /** Catalog words one swap of neighbouring letters away ("dia" → "dai"): the commonest slip on a touch keyboard. */
  swaps(word: string): string[] {
    const found: string[] = [];
    for (let i = 0; i + 1 < word.length; i += 1) {
      if (word[i] === word[i + 1]) continue;
      const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (this.words.has(swapped) && !found.includes(swapped)) found.push(swapped);
    }
    return found;
  }

  /** One typed word as catalog words: itself, its keystrokes removed, or split; else as typed. */
  repair(word: string): string[] {
    const w = foldY(word);
    if (this.words.has(w) || /^[0-9]+$/.test(w)) return [w];
    const stripped = foldY(stripKeystrokes(word));
    if (stripped !== w && this.words.has(stripped)) return [stripped];
    return this.split(w) ?? (stripped !== w ? this.split(stripped) : null) ?? [w];
  }
}

/** A query as catalog words: folded, bounded, every word repaired. */
export function queryWords(query: string, vocabulary: Vocabulary): string[] {
  const folded = foldText(query.slice(0, MAX_QUERY_CHARS));
  if (folded === '') return [];
  return folded.split(' ').slice(0, MAX_QUERY_WORDS).flatMap((w) => vocabulary.repair(w));
}
