// The kiosk's catalog search: the index is built here, on the kiosk, from the catalog it already
// has (departments, services) and the procedures and synonyms fetched once per version
// (`search:data`). The search code (MiniSearch and the Vietnamese normaliser) is loaded only when
// the search screen first opens, as its own chunk, so the start screen stays light. What this
// kiosk's citizens choose is counted here (localStorage) and ranks frequent choices first.
import type { CatalogSearch, SearchData, SearchHit } from '@core/catalog-search/catalog-search.ts';
import type { Catalog } from '@core/views.ts';
import type { LuotClient } from '@ui/connection.ts';

const USAGE_KEY = 'luot.kiosk.searchUsage';
const FETCH_TIMEOUT_MS = 15_000;
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

export class KioskSearch {
  status = $state<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  engine = $state.raw<CatalogSearch | null>(null);
  private names = new Map<string, string>();
  private readonly usage = readUsage();
  /** The catalog the index was built (or is being built) for. */
  private builtFor = '';

  constructor(private readonly socket: LuotClient | null) {}

  /** Build the index for this catalog, unless it is built already; a new version rebuilds it. */
  async prepare(catalog: Catalog): Promise<void> {
    const key = [catalog.searchVersion, ...catalog.departments.map((d) => `${d.code}:${d.nameVi}`), ...catalog.services.map((s) => `${s.code}:${s.nameVi}:${s.prefix}`)].join('|');
    if (key === this.builtFor && this.status !== 'failed') return;
    this.builtFor = key;
    if (!this.engine) this.status = 'loading';
    try {
      const [code, data] = await Promise.all([import('@core/catalog-search/catalog-search.ts'), this.fetchData()]);
      if (key !== this.builtFor) return; // a newer catalog arrived meanwhile
      this.engine = new code.CatalogSearch({ departments: catalog.departments, services: catalog.services, procedures: data.procedures, synonyms: data.synonyms });
      this.names = new Map(data.procedures.map((p) => [p.code, p.name]));
      this.status = 'ready';
    } catch {
      if (key === this.builtFor) this.status = this.engine ? 'ready' : 'failed';
    }
  }

  find(query: string): SearchHit[] {
    return this.engine && query.trim() !== '' ? this.engine.search(query, { limit: MAX_RESULTS, usage: this.usage }) : [];
  }

  procedureName(code: string): string {
    return this.names.get(code) ?? code;
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

  private fetchData(): Promise<SearchData> {
    return new Promise((resolve, reject) => {
      if (!this.socket?.connected) return reject(new Error('offline'));
      this.socket.timeout(FETCH_TIMEOUT_MS).emit('search:data', {}, (err, ack) => {
        if (err) reject(err);
        else if (!ack.ok) reject(new Error(ack.code));
        else resolve(ack.data);
      });
    });
  }
}
