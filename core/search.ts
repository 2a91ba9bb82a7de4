// Kiosk search, with or without Vietnamese diacritics: "dat dai" finds "Đất đai", "ho tich" finds
// "Hộ tịch", "tu phap" finds every service of Sở Tư pháp, and a code ("SNNMT.DD", "dd") or a
// ticket prefix finds its service. Pure: plain values in, ranked values out.

/** Lowercase, without tone marks or other diacritics, đ → d, single spaces. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Searchable {
  code: string;
  prefix: string;
  nameVi: string;
  nameEn: string;
  departmentNameVi: string;
  departmentNameEn: string;
}

interface Folded {
  code: string;
  prefix: string;
  nameWords: string[];
  departmentWords: string[];
}

const words = (text: string): string[] => foldVietnamese(text).split(/[^a-z0-9]+/).filter(Boolean);

function foldItem(item: Searchable): Folded {
  return {
    code: foldVietnamese(item.code),
    prefix: foldVietnamese(item.prefix),
    nameWords: [...words(item.nameVi), ...words(item.nameEn)],
    departmentWords: [...words(item.departmentNameVi), ...words(item.departmentNameEn), ...words(item.code)],
  };
}

/**
 * How well `item` answers the query: 0 = not at all. Every query word must start a word of the
 * service's names, its department's names or its code (so typing "dat d" already narrows the list);
 * whole-code and prefix matches rank first, then matches in the service's own name.
 */
function score(tokens: string[], query: string, f: Folded): number {
  if (tokens.length === 0) return 0;
  if (query === f.code) return 100;
  if (query === f.prefix) return 90;
  if (tokens.length === 1 && f.code.startsWith(query) && query.length >= 3) return 80;
  let inName = 0;
  for (const token of tokens) {
    const nameHit = f.nameWords.some((w) => w.startsWith(token));
    const otherHit = nameHit || f.departmentWords.some((w) => w.startsWith(token)) || f.code.startsWith(token);
    if (!otherHit) return 0;
    if (nameHit) inName += 1;
  }
  return 10 + (inName === tokens.length ? 20 : inName);
}

/** Items matching `query`, best first; ties keep the given order (the kiosk's display order). */
export function searchServices<T extends Searchable>(items: readonly T[], query: string): T[] {
  const folded = foldVietnamese(query.normalize('NFC'));
  const tokens = folded.split(' ').filter(Boolean);
  return items
    .map((item, i) => ({ item, i, s: score(tokens, folded, foldItem(item)) }))
    .filter((r) => r.s > 0)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((r) => r.item);
}
