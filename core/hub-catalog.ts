// The province catalog: what the hub holds for every site (departments, services, procedures,
// synonyms, rating reasons) and how a site merges a version of it into its own configuration.
// Pure: the hub validates and versions it (hub/catalog.ts), the site applies the merge through its
// validated live-configuration path (server/hub-link/catalog-sync.ts).
//
// The merge, item by item, by code: what the hub holds wins (a local edit of a shared item is
// replaced by the next version); what only the site has is kept (its own services, procedures…);
// the site's local parts are never touched: counters, devices, printers, voice, boards, kiosk,
// priority and routing, the center's own windows, and each service's issuing windows and daily cap.
import { z } from 'zod';
import type { CenterConfig, CenterConfigInput, Service } from './config.ts';
import { DepartmentSchema, RatingReasonSchema, ServiceSchema } from './config.ts';
import { MAX_PROCEDURES, ProcedureSchema } from './procedures.ts';
import { SynonymListSchema } from './catalog-search/synonyms.ts';
import type { SynonymEntry } from './catalog-search/synonyms.ts';

/**
 * A service as the province shares it: its issuing windows, daily cap and whether it is the
 * site's result-return service (the kiosk's "Nhận kết quả") stay the site's.
 */
export const SharedServiceSchema = ServiceSchema.omit({ windows: true, dailyCap: true, resultReturn: true });
export type SharedService = z.infer<typeof SharedServiceSchema>;

export const ProvinceCatalogSchema = z.object({
  departments: z.array(DepartmentSchema).max(500),
  services: z.array(SharedServiceSchema).max(2_000),
  procedures: z.array(ProcedureSchema).max(MAX_PROCEDURES),
  synonyms: SynonymListSchema,
  ratingReasons: z.array(RatingReasonSchema).max(20),
}).superRefine((c, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const unique = <T>(items: T[], key: (t: T) => string, path: string, what: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) issue([path, i], `${what} bị trùng: ${k}`);
      seen.add(k);
    });
  };
  unique(c.departments, (d) => d.code, 'departments', 'mã sở, ngành');
  unique(c.services, (s) => s.code, 'services', 'mã lĩnh vực');
  unique(c.procedures, (p) => p.code, 'procedures', 'mã thủ tục');
  unique(c.ratingReasons, (r) => r.code, 'ratingReasons', 'mã lý do đánh giá');
  const departments = new Set(c.departments.map((d) => d.code));
  c.services.forEach((s, i) => {
    if (!departments.has(s.departmentCode)) issue(['services', i, 'departmentCode'], `không có sở, ngành ${s.departmentCode}`);
  });
});
export type ProvinceCatalog = z.infer<typeof ProvinceCatalogSchema>;
export type ProvinceCatalogInput = z.input<typeof ProvinceCatalogSchema>;

/**
 * GET /api/hub/site-catalog?after=N: the latest version and, when it is newer than N, the catalog
 * itself (version null: the hub has none yet; catalog null: nothing newer than N).
 */
export const SiteCatalogAnswer = z.object({
  version: z.number().int().positive().nullable(),
  catalog: ProvinceCatalogSchema.nullable(),
});
export type SiteCatalogAnswer = z.infer<typeof SiteCatalogAnswer>;

/** POST /api/hub/site-catalog/report: what the site did with a version. */
export const CatalogReport = z.object({
  version: z.number().int().positive(),
  status: z.enum(['applied', 'refused']),
  reason: z.object({ code: z.string().max(60), message: z.string().max(2_000) }).nullable(),
});
export type CatalogReport = z.infer<typeof CatalogReport>;

/** Hub items first (in the hub's order), then the site's own items the hub does not hold. */
function byCode<T>(hub: readonly T[], local: readonly T[], key: (t: T) => string, merge: (hub: T, local: T | undefined) => T = (h) => h): T[] {
  const mine = new Map(local.map((x) => [key(x), x]));
  const held = new Set(hub.map(key));
  return [...hub.map((h) => merge(h, mine.get(key(h)))), ...local.filter((x) => !held.has(key(x)))];
}

/** The site's configuration with a version of the province catalog merged in (validated by the caller). */
export function mergeCatalog(local: CenterConfig, catalog: ProvinceCatalog): CenterConfigInput {
  const synonymKey = (e: SynonymEntry) => JSON.stringify([...e.terms].map((t) => t.toLowerCase()).sort());
  return {
    ...local,
    departments: byCode(catalog.departments, local.departments, (d) => d.code),
    services: byCode<Service>(
      catalog.services.map((s) => ({ ...s, windows: null, dailyCap: null, resultReturn: false })), local.services, (s) => s.code,
      (h, l) => ({ ...h, windows: l?.windows ?? null, dailyCap: l?.dailyCap ?? null, resultReturn: l?.resultReturn ?? false }),
    ),
    procedures: byCode(catalog.procedures, local.procedures, (p) => p.code),
    synonyms: byCode(catalog.synonyms, local.synonyms, synonymKey),
    rating: { ...local.rating, reasons: byCode(catalog.ratingReasons, local.rating.reasons, (r) => r.code) },
  };
}
