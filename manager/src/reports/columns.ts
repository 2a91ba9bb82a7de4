// Columns of the report tables: one definition drives the header, the cell text and the sort.
import type { Lang } from '@core/i18n.ts';
import type { GroupFigures } from '@core/reports.ts';
import { ui } from '@core/text/index.ts';
import { decimal, minutes, percent } from '../format.ts';

export interface ColumnDef<R> {
  id: string;
  label: string;
  value: (row: R) => string | number | null;
  show?: (row: R) => string;
  numeric?: boolean;
}

const t = ui.managerApp;

/** Figures per group (service, department, counter, officer); `first` names the group. */
export function figureColumns(first: string, lang: Lang, withIssued: boolean): ColumnDef<GroupFigures>[] {
  const label = (x: { vi: string; en: string }) => x[lang];
  const cols: ColumnDef<GroupFigures>[] = [
    { id: 'name', label: first, value: (g) => (lang === 'vi' ? g.nameVi : g.nameEn) },
    { id: 'issued', label: label(t.issued), value: (g) => g.issued, numeric: true },
    { id: 'served', label: label(t.served), value: (g) => g.served, numeric: true },
    { id: 'noShow', label: label(t.kpiNoShow), value: (g) => g.noShow, numeric: true },
    { id: 'cancelled', label: label(t.kpiCancelled), value: (g) => g.cancelled + g.expired, numeric: true },
    { id: 'transferred', label: label(t.kpiTransferred), value: (g) => g.transferred, numeric: true },
    { id: 'waitAvg', label: lang === 'vi' ? 'Chờ trung bình' : 'Avg wait', value: (g) => g.wait.avgSec, show: (g) => minutes(g.wait.avgSec, lang), numeric: true },
    { id: 'waitMedian', label: lang === 'vi' ? 'Trung vị' : 'Median', value: (g) => g.wait.medianSec, show: (g) => minutes(g.wait.medianSec, lang), numeric: true },
    { id: 'waitP90', label: '90%', value: (g) => g.wait.p90Sec, show: (g) => minutes(g.wait.p90Sec, lang), numeric: true },
    { id: 'service', label: label(t.avgService), value: (g) => g.service.avgSec, show: (g) => minutes(g.service.avgSec, lang), numeric: true },
    { id: 'within', label: label(t.kpiWithinTarget), value: (g) => g.withinTarget, show: (g) => percent(g.withinTarget), numeric: true },
    { id: 'ratingAvg', label: lang === 'vi' ? 'Điểm trung bình' : 'Avg score', value: (g) => g.rating.average, show: (g) => decimal(g.rating.average), numeric: true },
    { id: 'satisfied', label: label(t.kpiSatisfaction), value: (g) => g.rating.satisfiedShare, show: (g) => percent(g.rating.satisfiedShare), numeric: true },
    { id: 'ratings', label: lang === 'vi' ? 'Lượt đánh giá' : 'Ratings', value: (g) => g.rating.scored, numeric: true },
  ];
  return withIssued ? cols : cols.filter((c) => c.id !== 'issued');
}
