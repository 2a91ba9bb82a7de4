// The data a search index is built from (`search:data`): the center's procedure catalog, synonym
// dictionary and departments, with a version that changes when any of them does. Built once per
// configuration (a configuration change makes a new object), so a floor of screens asking costs
// one build.
import { createHash } from 'node:crypto';
import type { SearchData } from '@core/catalog-search/catalog-search.ts';
import type { CenterConfig } from '@core/config.ts';

const built = new WeakMap<CenterConfig, SearchData>();

export function searchData(config: CenterConfig): SearchData {
  let data = built.get(config);
  if (!data) {
    const procedures = config.procedures.map((p) => ({ code: p.code, name: p.name, serviceCode: p.serviceCode }));
    const departments = config.departments.map((d) => ({ code: d.code, nameVi: d.nameVi, nameEn: d.nameEn }));
    const version = createHash('sha256').update(JSON.stringify([procedures, config.synonyms, departments])).digest('base64url').slice(0, 16);
    data = { version, departments, procedures, synonyms: config.synonyms };
    built.set(config, data);
  }
  return data;
}
