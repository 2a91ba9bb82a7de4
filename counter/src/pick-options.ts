// What the transfer and finish pickers list for what the officer typed: pure, from the search's
// hits (core/catalog-search, the same search as the kiosk) and the console's services and
// counters. Blank: every other service and counter, as the old drop-down did. When the search
// index is not ready (still loading, or offline), services and counters are matched by their
// names without accents, so a transfer never waits on the catalog.
import type { SearchHit } from '@core/catalog-search/catalog-search.ts';
import type { CounterRef, ServiceRef } from '@core/views.ts';

export interface PickOption {
  /** `s:<service code>` or `c:<counter number>` (transfer); the procedure code (finish). */
  value: string;
  kind: 'service' | 'procedure' | 'counter';
  /** The procedure's code (kind 'procedure'), shown with it. */
  code?: string;
  /** The service the option leads to (a procedure's service). */
  serviceCode?: string;
  counter?: CounterRef;
  service?: ServiceRef;
}

/** Lower case, no tone marks or diacritics, đ → d: how names are compared without the index. */
export function plain(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

const MAX_HITS = 12;

/** Counters named by the query: its number ("3", "quay 3", "quầy số 3", "q3") or words of the counter's name. */
function countersFor(query: string, counters: readonly CounterRef[]): CounterRef[] {
  const q = plain(query);
  const number = /^(?:quay|q)?\s*(?:so\s*)?(\d{1,3})$/.exec(q)?.[1];
  if (number !== undefined) return counters.filter((c) => c.number === Number(number));
  return counters.filter((c) => plain(c.nameVi).includes(q) || plain(c.nameEn).includes(q));
}

/**
 * The transfer picker's lines. `hits` is the search's answer for the query (null: no index yet);
 * the ticket's own service and this counter are never offered.
 */
export function transferOptions(query: string, hits: readonly SearchHit[] | null, services: readonly ServiceRef[], counters: readonly CounterRef[], from: { service: string; counter: number | null }): PickOption[] {
  const otherServices = services.filter((x) => x.code !== from.service);
  const otherCounters = counters.filter((c) => c.number !== from.counter);
  const serviceOf = new Map(otherServices.map((x) => [x.code, x]));
  const counterOption = (c: CounterRef): PickOption => ({ value: `c:${c.number}`, kind: 'counter', counter: c });
  const serviceOption = (x: ServiceRef): PickOption => ({ value: `s:${x.code}`, kind: 'service', serviceCode: x.code, service: x });
  if (query.trim() === '') return [...otherServices.map(serviceOption), ...otherCounters.map(counterOption)];
  const byCounter = countersFor(query, otherCounters).map(counterOption);
  // A counter typed by its number is what was meant: it comes first.
  const numbered = /\d/.test(query) && byCounter.length > 0;
  let found: PickOption[];
  if (hits === null) {
    const q = plain(query);
    found = otherServices.filter((x) => plain(x.nameVi).includes(q) || plain(x.nameEn).includes(q) || x.prefix.toLowerCase() === q).map(serviceOption);
  } else {
    found = hits.flatMap((h): PickOption[] => {
      const service = serviceOf.get(h.serviceCode);
      if (!service) return [];
      return [h.kind === 'service' ? serviceOption(service) : { value: `s:${service.code}`, kind: 'procedure', code: h.code, serviceCode: service.code, service }];
    }).slice(0, MAX_HITS);
  }
  return numbered ? [...byCounter, ...found] : [...found, ...byCounter];
}

/**
 * The finish picker's lines: procedures of the ticket's service first, then of other services.
 * Nothing when the field already holds a known procedure code (it is chosen) or is blank.
 */
export function finishOptions(value: string, search: (query: string, services: ReadonlySet<string> | null) => SearchHit[], isProcedure: (code: string) => boolean, ticketService: string, limit = 8): PickOption[] {
  const q = value.trim();
  if (q === '' || isProcedure(q)) return [];
  const own = search(q, new Set([ticketService]));
  const rest = own.length >= limit ? [] : search(q, null).filter((h) => !own.some((o) => o.code === h.code));
  return [...own, ...rest].slice(0, limit).map((h) => ({ value: h.code, kind: 'procedure', code: h.code, serviceCode: h.serviceCode }));
}
