// A screen's catalog search index (core/catalog-search), shared by the kiosk and the counter
// console: built in the browser from the services the screen already has and the procedures and
// synonyms fetched once per version (`search:data`). The search code (MiniSearch and the
// Vietnamese normaliser) is its own chunk, loaded the first time a search is prepared, so a
// screen that never searches never downloads it. A new version (a catalog or dictionary change
// sent with the screen's snapshot) rebuilds the index; the old one answers meanwhile.
import type { CatalogSearch, SearchData, SearchDepartment, SearchOptions, SearchProcedure, SearchService, SearchHit } from '@core/catalog-search/catalog-search.ts';
import type { LuotClient } from './connection.ts';

const FETCH_TIMEOUT_MS = 15_000;

/** What the screen has of the catalog: the version of the search data, its services, and (the kiosk) its departments. */
export interface SearchSource {
  searchVersion: string;
  services: readonly SearchService[];
  /** Null: the departments sent with the search data are used. */
  departments: readonly SearchDepartment[] | null;
}

export class SearchIndex {
  status = $state<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  engine = $state.raw<CatalogSearch | null>(null);
  private procedures = new Map<string, SearchProcedure>();
  /** The catalog the index was built (or is being built) for. */
  private builtFor = '';

  constructor(private readonly socket: LuotClient | null) {}

  /** Build the index for this catalog, unless it is built already; a new version rebuilds it. */
  async prepare(source: SearchSource): Promise<void> {
    const key = [source.searchVersion, ...(source.departments ?? []).map((d) => `${d.code}:${d.nameVi}`), ...source.services.map((s) => `${s.code}:${s.nameVi}:${s.prefix}`)].join('|');
    if (key === this.builtFor && this.status !== 'failed') return;
    this.builtFor = key;
    if (!this.engine) this.status = 'loading';
    try {
      const [code, data] = await Promise.all([import('@core/catalog-search/catalog-search.ts'), this.fetchData()]);
      if (key !== this.builtFor) return; // a newer catalog arrived meanwhile
      this.engine = new code.CatalogSearch({ departments: source.departments ?? data.departments, services: source.services, procedures: data.procedures, synonyms: data.synonyms });
      this.procedures = new Map(data.procedures.map((p) => [p.code, p]));
      this.status = 'ready';
    } catch {
      if (key === this.builtFor) this.status = this.engine ? 'ready' : 'failed';
    }
  }

  /** The hits for a query; none before the index is ready or for a blank query. */
  search(query: string, options: SearchOptions): SearchHit[] {
    return this.engine && query.trim() !== '' ? this.engine.search(query, options) : [];
  }

  procedure(code: string): SearchProcedure | undefined {
    return this.procedures.get(code);
  }

  procedureName(code: string): string {
    return this.procedures.get(code)?.name ?? code;
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
