// What a province report covers: a range of days, optionally narrowed to some sites, departments,
// services and officers (nothing chosen: all). One query string for the report, its XLSX export
// and the dossier ratings, so the three always cover the same.
export interface ReportFilter { from: string; to: string; sites: string[]; departments: string[]; services: string[]; officers: string[] }
export const NARROWING = ['sites', 'departments', 'services', 'officers'] as const;

export const emptyFilter = (day: string): ReportFilter => ({ from: day, to: day, sites: [], departments: [], services: [], officers: [] });

export function filterQuery(f: ReportFilter): string {
  const p = new URLSearchParams({ from: f.from, to: f.to });
  for (const k of NARROWING) if (f[k].length > 0) p.set(k, f[k].join(','));
  return p.toString();
}
