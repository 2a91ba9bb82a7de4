// The kiosk's catalog search: the shared index (ui/search-index.svelte.ts) built from the catalog
// the kiosk already has, plus what this kiosk's citizens choose, counted here (localStorage) so
// frequent choices rank first.
import type { SearchHit } from '@core/catalog-search/catalog-search.ts';
import type { Catalog } from '@core/views.ts';
import { SearchIndex } from '@ui/search-index.svelte.ts';

const USAGE_KEY = 'luot.kiosk.searchUsage';
const MAX_RESULTS = 12;

function readUsage(): Map<string, number> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(USAGE_KEY) ?? '{}');
    if (typeof stored !== 'object' || stored === null) return new Map();
    return new Map(Object.entries(stored).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
  } catch {
    return new Map();
  }
}

export class KioskSearch extends SearchIndex {
  private readonly usage = readUsage();

  /** Build the index for the kiosk's catalog (its departments and services, the search data's version). */
  prepareFor(catalog: Catalog): Promise<void> {
    return this.prepare({ searchVersion: catalog.searchVersion, services: catalog.services, departments: catalog.departments });
  }

  find(query: string): SearchHit[] {
    return this.search(query, { limit: MAX_RESULTS, usage: this.usage });
  }

  /** A citizen took a ticket for this procedure or service here. */
  chosen(code: string): void {
    this.usage.set(code, (this.usage.get(code) ?? 0) + 1);
    try {
      localStorage.setItem(USAGE_KEY, JSON.stringify(Object.fromEntries(this.usage)));
    } catch {
      // A kiosk without storage still searches; it only forgets its favourites on reload.
    }
  }
}
