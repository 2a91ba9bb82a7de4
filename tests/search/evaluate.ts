// Runs the citizen query set against the demo center's full catalog: hit rates and the misses.
// Shared by tests/search/hit-rate.test.ts and tests/bench/search-bench.ts.
import { CenterConfigSchema } from '@core/config.ts';
import type { SearchHit } from '@core/catalog-search/catalog-search.ts';
import { CatalogSearch } from '@core/catalog-search/catalog-search.ts';
import { demoCenterConfig } from '../../server/seed/demo-center.ts';
import { demoProcedures, shippedSynonyms } from '../../server/seed/catalog/demo-catalog.ts';
import { CITIZEN_QUERIES } from './citizen-queries.ts';

export function demoSearchCatalog() {
  const config = CenterConfigSchema.parse(demoCenterConfig());
  const procedures = demoProcedures(config);
  const codes = new Set([...procedures.map((p) => p.code), ...config.services.map((s) => s.code)]);
  return { config, procedures, catalog: { departments: config.departments, services: config.services, procedures, synonyms: shippedSynonyms(codes) } };
}

/** Whether a hit answers the expectation: that procedure, or anything under that service. */
export function answers(hit: SearchHit, expected: string): boolean {
  return expected.split('|').some((code) => hit.code === code || (hit.serviceCode === code && !/\.\d+$/.test(code)));
}

export interface Miss {
  query: string;
  expected: string;
  got: string[];
  rank: number | null;
}

export function evaluate(search: CatalogSearch) {
  const misses: Miss[] = [];
  let top1 = 0;
  let top3 = 0;
  for (const [query, expected] of CITIZEN_QUERIES) {
    const hits = search.search(query, { limit: 10 });
    const rank = hits.findIndex((h) => answers(h, expected));
    if (rank === 0) top1 += 1;
    if (rank >= 0 && rank < 3) top3 += 1;
    if (rank !== 0) misses.push({ query, expected, got: hits.slice(0, 3).map((h) => h.code), rank: rank < 0 ? null : rank + 1 });
  }
  const n = CITIZEN_QUERIES.length;
  return { n, top1: top1 / n, top3: top3 / n, misses };
}
