// Catalog search: what a citizen types → the procedures (thủ tục) and services (lĩnh vực) that
// answer it, best first. MiniSearch (BM25, prefix and fuzzy matching) over the normalised words
// of core/catalog-search/normalize.ts, the query expanded by the synonym dictionary. Used by the
// kiosk, the counter's pickers and the booking page; pure, built once per catalog.
import MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import { foldText, indexWords, MAX_QUERY_CHARS, queryWords, Vocabulary } from './normalize.ts';
import type { SynonymEntry } from './synonyms.ts';
import { SynonymMatcher } from './synonyms.ts';

export interface SearchDepartment { code: string; nameVi: string; nameEn: string }
/** `prefix`: the ticket prefix, so "A" typed alone finds the service that issues A-numbers. */
export interface SearchService { code: string; departmentCode: string; nameVi: string; nameEn: string; prefix?: string }
export interface SearchProcedure { code: string; name: string; serviceCode: string }

/** What the server sends for the index (`search:data`); a kiosk's services come with its catalog. */
export interface SearchData {
  /** Changes whenever the procedures, the dictionary or the departments change: a screen rebuilds its index then. */
  version: string;
  /** For screens whose snapshot has no departments (the counter console). */
  departments: SearchDepartment[];
  procedures: SearchProcedure[];
  synonyms: SynonymEntry[];
}

/** Everything the search needs: plain values, as the server sends them. */
export interface SearchCatalog {
  departments: readonly SearchDepartment[];
  services: readonly SearchService[];
  procedures: readonly SearchProcedure[];
  synonyms: readonly SynonymEntry[];
}

export interface SearchHit {
  kind: 'procedure' | 'service';
  /** The procedure's or the service's code. */
  code: string;
  /** The service that takes the ticket: the procedure's service, or the service itself. */
  serviceCode: string;
  score: number;
}

export interface SearchOptions {
  /** How many hits at most (default 10). */
  limit?: number;
  /** How often each procedure or service code was chosen here: frequent choices rank higher among equals. */
  usage?: ReadonlyMap<string, number>;
  /** Only these services and their procedures (e.g. a counter's transfer or finish picker). */
  services?: ReadonlySet<string>;
  /** Only procedures, or only services. */
  kind?: SearchHit['kind'];
}

interface Doc {
  id: string;
  kind: SearchHit['kind'];
  code: string;
  serviceCode: string;
  name: string;
  service: string;
  department: string;
  english: string;
}

/** Neighbouring words of a name: Vietnamese words are often two syllables ("chứng thực", "đất đai"). */
function pairsOf(words: readonly string[]): Set<string> {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < words.length; i += 1) pairs.add(`${words[i]} ${words[i + 1]}`);
  return pairs;
}

/** Field weights: the item's own name first, its service next, the department last. */
const BOOST = { name: 3, service: 1.2, english: 0.8, department: 0.35 };
/** A synonym's targets are placed above everything else the words match. */
const TARGET_LIFT = 2;
/** How many word matches are re-ranked (the kiosk shows about a dozen). */
const RERANK = 150;

const docId = (kind: SearchHit['kind'], code: string) => `${kind === 'procedure' ? 'p' : 's'}:${code}`;

export class CatalogSearch {
  private readonly index: MiniSearch<Doc>;
  private readonly vocabulary = new Vocabulary();
  private readonly synonyms: SynonymMatcher;
  private readonly docs = new Map<string, Doc>();
  private readonly pairs = new Map<string, Set<string>>();
  /** Each item's name as words: how much of it the query covers. */
  private readonly nameWords = new Map<string, string[]>();
  /** A code typed whole ("SNNMT.DD", "lltp", "CA.CC.04") or a ticket prefix ("A") → the items it names. */
  private readonly codes = new Map<string, string[]>();

  constructor(catalog: SearchCatalog) {
    const departments = new Map(catalog.departments.map((d) => [d.code, d]));
    const services = new Map(catalog.services.map((s) => [s.code, s]));
    const docs: Doc[] = [];
    const named = (key: string, id: string) => {
      const k = foldText(key);
      if (k !== '') this.codes.set(k, [...(this.codes.get(k) ?? []), id]);
    };
    for (const s of catalog.services) {
      named(s.code, docId('service', s.code));
      named(s.code.slice(s.code.indexOf('.') + 1), docId('service', s.code));
      if (s.prefix) named(s.prefix, docId('service', s.code));
    }
    for (const p of catalog.procedures) named(p.code, docId('procedure', p.code));
    // Each text folded once (a department's name is shared by hundreds of procedures); the index
    // then reads the folded words as they are.
    const folded = new Map<string, string>();
    const fold = (text: string) => {
      let f = folded.get(text);
      if (f === undefined) { f = indexWords(text).join(' '); folded.set(text, f); }
      return f;
    };
    for (const s of catalog.services) {
      const d = departments.get(s.departmentCode);
      docs.push({ id: docId('service', s.code), kind: 'service', code: s.code, serviceCode: s.code, name: fold(s.nameVi), service: '', department: fold(d?.nameVi ?? ''), english: fold(`${s.nameEn} ${d?.nameEn ?? ''}`) });
    }
    for (const p of catalog.procedures) {
      const s = services.get(p.serviceCode);
      if (!s) continue; // a procedure of a removed service has no queue to join
      docs.push({ id: docId('procedure', p.code), kind: 'procedure', code: p.code, serviceCode: s.code, name: fold(p.name), service: fold(s.nameVi), department: fold(departments.get(s.departmentCode)?.nameVi ?? ''), english: '' });
    }
    const split = (text: string) => (text === '' ? [] : text.split(' '));
    for (const doc of docs) {
      this.docs.set(doc.id, doc);
      const name = split(doc.name);
      this.nameWords.set(doc.id, name);
      this.pairs.set(doc.id, pairsOf(name));
      this.vocabulary.addWords(name);
    }
    for (const text of folded.values()) if (text !== '') this.vocabulary.addWords(split(text), 0);
    this.synonyms = new SynonymMatcher(catalog.synonyms);
    for (const w of this.synonyms.termWords()) this.vocabulary.addWords([w], 0);
    this.index = new MiniSearch<Doc>({
      fields: ['name', 'service', 'department', 'english'],
      tokenize: split,
      processTerm: (term) => term,
    });
    this.index.addAll(docs);
  }

  /** The query as the index reads it, after repair and synonyms (shown in tests and benches). */
  understand(query: string): { words: string[]; concepts: number[]; targets: string[] } {
    const { words, concepts, targets } = this.synonyms.expand(queryWords(query, this.vocabulary));
    return { words, concepts, targets: targets.filter((t) => this.docs.has(docId('procedure', t)) || this.docs.has(docId('service', t))) };
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 10;
    const { words, concepts, targets } = this.understand(query);
    const allowed = (doc: Doc) => (!options.services || options.services.has(doc.serviceCode)) && (!options.kind || options.kind === doc.kind);
    const scores = new Map<string, number>();
    if (words.length > 0) {
      for (const [id, score] of this.rank(words, concepts, allowed)) scores.set(id, score);
    }
    const top = Math.max(0, ...scores.values());
    // Named by a code or by the dictionary: above every word match, in that order.
    const named = [...(this.codes.get(foldText(query.slice(0, MAX_QUERY_CHARS))) ?? []), ...targets.flatMap((code) => [docId('procedure', code), docId('service', code)])];
    named.forEach((id, i) => {
      const doc = this.docs.get(id);
      if (!doc || !allowed(doc) || (i > 0 && named.indexOf(id) < i)) return;
      scores.set(id, (top + 1) * TARGET_LIFT + (scores.get(id) ?? 0) / (top + 1) - i * 0.01);
    });
    const usage = options.usage;
    return [...scores]
      .map(([id, score]) => {
        const doc = this.docs.get(id)!;
        const used = usage?.get(doc.code) ?? 0;
        return { kind: doc.kind, code: doc.code, serviceCode: doc.serviceCode, score: score * (1 + 0.08 * Math.log1p(used)) };
      })
      .sort((a, b) => b.score - a.score || (a.kind === b.kind ? 0 : a.kind === 'service' ? -1 : 1) || a.code.localeCompare(b.code))
      .slice(0, limit);
  }

  /** Word matches, scored: BM25 × how much of the query is answered × words side by side × how much of the name is asked for. */
  private rank(words: string[], concepts: number[], allowed: (doc: Doc) => boolean): Map<string, number> {
    // Each word, with the catalog words one letter-swap away as weaker alternatives of the same word.
    const termWord = new Map<string, number>();
    const alternative = new Set<string>();
    words.forEach((w, i) => {
      if (!termWord.has(w)) termWord.set(w, i);
      for (const s of this.vocabulary.has(w) && w.length >= 3 ? this.vocabulary.swaps(w) : []) {
        if (!termWord.has(s)) { termWord.set(s, i); alternative.add(s); }
      }
    });
    const last = words[words.length - 1]!;
    const typing = !this.vocabulary.has(last);
    const results: SearchResult[] = this.index.search([...termWord.keys()].join(' '), {
      boost: BOOST,
      combineWith: 'OR',
      tokenize: (text) => text.split(' '),
      // A last word the catalog does not know may be one still being typed (from its second letter:
      // one letter begins half the catalog); other unknown words may be cut short.
      prefix: (term) => (term === last ? typing && term.length >= 2 : term.length >= 3 && !this.vocabulary.has(term)),
      // A word the catalog does not know may hold typos: one in 4–6 letters, two from 7.
      fuzzy: (term) => (this.vocabulary.has(term) ? false : term.length >= 7 ? 2 : term.length >= 4 ? 1 : false),
      boostTerm: (term) => (alternative.has(term) ? 0.6 : 1),
      weights: { prefix: 0.5, fuzzy: 0.35 },
      filter: (r) => allowed(this.docs.get(String(r.id))!),
    });
    // A concept (a typed word, or the words a synonym put in its place) counts by the share of its words found.
    const conceptSize = new Map<number, number>();
    for (const c of concepts) conceptSize.set(c, (conceptSize.get(c) ?? 0) + 1);
    const queryPairs: string[] = [];
    for (let i = 0; i + 1 < words.length; i += 1) queryPairs.push(`${words[i]} ${words[i + 1]}`);
    const first = queryPairs[0] ?? words[0]!;
    const scores = new Map<string, number>();
    // Only the best by plain BM25 are worth a closer look: the rest answer too little of the query.
    for (const r of results.slice(0, RERANK)) {
      const id = String(r.id);
      const found = new Set(r.queryTerms.map((t) => termWord.get(t)!));
      let covered = 0;
      for (const i of found) covered += 1 / conceptSize.get(concepts[i]!)!;
      const answered = covered / conceptSize.size;
      // Words side by side as typed beat the same words scattered ("chứng thực" vs "chứng nhận … thực phẩm").
      const docPairs = this.pairs.get(id)!;
      const together = queryPairs.length === 0 ? 0 : queryPairs.filter((p) => docPairs.has(p)).length / queryPairs.length;
      // Of two names that answer equally, the one the query says more of: "Đăng ký khai tử" before its variants.
      const name = this.nameWords.get(id)!;
      const matched = new Set(r.terms);
      const said = name.length === 0 ? 0 : name.filter((w) => matched.has(w)).length / name.length;
      // Official names start with the act: a name that starts as the query does is what was asked for.
      const starts = name.slice(0, first.split(' ').length).join(' ') === first ? 1 : 0;
      scores.set(id, r.score * answered ** 2 * (1 + together) * (1 + 0.5 * said) * (1 + 0.3 * starts));
    }
    return scores;
  }
}
