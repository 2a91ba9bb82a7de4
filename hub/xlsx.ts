// The province report as an XLSX workbook (exceljs through the site's streaming writer): the
// province's totals and one sheet per grouping, with the same columns a site's report shows, plus
// the satisfaction sheet the province reports (site × department, ratings tied to dossier codes).
// The first sheet says what the file covers (range, sites, departments, services, officers): a
// manager sends the file on, and the figures of one department must not pass for the province's.
import type { Writable } from 'node:stream';
import type { ProvinceCatalog } from '@core/hub-catalog.ts';
import type { Cell, Column } from '@core/report-tables.ts';
import { vietnameseDate, vietnameseDateTime } from '@core/report-tables.ts';
import { provinceFilters as f, provinceApp as t } from '@core/text/hub.ts';
import type { HubBookingReport } from './bookings-report.ts';
import { writeBookingSheet } from './bookings-xlsx.ts';
import { XlsxWriter } from '../server/export/files.ts';
import type { HubFigures, HubGroup, HubReport } from './reports.ts';

const min = (sec: number | null) => (sec === null ? null : Math.round((sec / 60) * 10) / 10);
const share = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

const FIGURE_COLUMNS: Column[] = [
  { header: t.issued.vi, kind: 'int', width: 10 }, { header: t.served.vi, kind: 'int', width: 10 },
  { header: t.noShow.vi, kind: 'int', width: 10 }, { header: t.avgWait.vi, kind: 'decimal', width: 12 },
  { header: t.medianWait.vi, kind: 'decimal', width: 12 }, { header: t.p90Wait.vi, kind: 'decimal', width: 12 },
  { header: `${t.withinTarget.vi} (%)`, kind: 'decimal', width: 10 }, { header: t.avgService.vi, kind: 'decimal', width: 12 },
  { header: t.rated.vi, kind: 'int', width: 10 }, { header: `${t.satisfied.vi} (%)`, kind: 'decimal', width: 10 },
  { header: t.dossierRated.vi, kind: 'int', width: 12 }, { header: `${t.dossierSatisfied.vi} (%)`, kind: 'decimal', width: 14 },
];

function figureCells(f: HubFigures): Cell[] {
  return [
    f.issued, f.served, f.noShow, min(f.wait.avgSec), min(f.wait.medianSec), min(f.wait.p90Sec), share(f.withinTarget),
    min(f.service.avgSec), f.rating.scored, share(f.rating.satisfiedShare), f.dossierRated, share(f.dossierSatisfiedShare),
  ];
}

/** Names of what a report may be narrowed to: sites, the catalog's and the report's own groups. */
export interface ReportNames { sites: Map<string, string>; departments: Map<string, string>; services: Map<string, string>; officers: Map<string, string> }

export function reportNames(report: HubReport, sites: { code: string; name: string }[], catalog: ProvinceCatalog | null): ReportNames {
  const named = (groups: HubGroup[], shared: { code: string; nameVi: string }[]) =>
    new Map([...shared.map((x) => [x.code, x.nameVi] as const), ...groups.map((g) => [g.key, g.name] as const)]);
  return {
    sites: new Map(sites.map((s) => [s.code, s.name])),
    departments: named(report.byDepartment, catalog?.departments ?? []),
    services: named(report.byService, catalog?.services ?? []),
    officers: new Map(report.byOfficer.map((g) => [g.key, g.name])),
  };
}

/** "Tất cả", or every chosen one by name with its code ("Sở Tư pháp (STP)"). */
function chosen(codes: string[], names: Map<string, string>): string {
  if (codes.length === 0) return f.all.vi;
  return codes.map((c) => { const n = names.get(c); return n && n !== c ? `${n} (${c})` : c; }).join('; ');
}

export async function writeReportXlsx(out: Writable, report: HubReport, names: ReportNames, exportedAt: number, bookings?: HubBookingReport): Promise<void> {
  const book = await XlsxWriter.open(out);
  const siteNames = names.sites;
  const site = (code: string | null) => (code === null ? '' : siteNames.get(code) ?? code);
  const q = report.query;
  const scope = book.sheet(f.scopeSheet.vi, [{ header: f.filter.vi, kind: 'text', width: 20 }, { header: f.value.vi, kind: 'text', width: 90 }]);
  scope.add([f.range.vi, `${vietnameseDate(q.from)} – ${vietnameseDate(q.to)}`]);
  scope.add([f.sites.vi, chosen(q.sites, names.sites)]);
  scope.add([f.departments.vi, chosen(q.departments, names.departments)]);
  scope.add([f.services.vi, chosen(q.services, names.services)]);
  scope.add([f.officers.vi, chosen(q.officers, names.officers)]);
  scope.add([f.exportedAt.vi, vietnameseDateTime(exportedAt)]);
  scope.end();
  const totals = book.sheet(t.totals.vi, [{ header: `${t.from.vi} – ${t.to.vi}`, kind: 'text', width: 26 }, ...FIGURE_COLUMNS]);
  totals.add([`${report.query.from} – ${report.query.to}`, ...figureCells(report.totals)]);
  totals.end();
  const grouped = (title: string, rows: HubGroup[], withSite: boolean) => {
    const cols: Column[] = [
      ...(withSite ? [{ header: t.site.vi, kind: 'text' as const, width: 28 }] : []),
      { header: t.name.vi, kind: 'text', width: 32 }, ...FIGURE_COLUMNS,
    ];
    const s = book.sheet(title, cols);
    for (const g of rows) s.add([...(withSite ? [site(g.site)] : []), g.key === g.site ? site(g.site) : g.name, ...figureCells(g)]);
    s.end();
  };
  grouped(t.bySite.vi, report.bySite, false);
  grouped(t.byDepartment.vi, report.byDepartment, false);
  grouped(t.byService.vi, report.byService, false);
  grouped(t.byOfficer.vi, report.byOfficer, true);
  grouped(t.bySiteDepartment.vi, report.bySiteDepartment, true);
  // As at a site: a range without bookings has no bookings sheet.
  if (bookings && bookings.totals.made > 0) writeBookingSheet(book, bookings, site);
  await book.finish();
}
