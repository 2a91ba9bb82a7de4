// Manager reports: pure aggregation over compact per-ticket rows. The server keeps the rows of past
// days in memory (one pass over the day files) and adds today's from the live state, so a year of
// tickets is aggregated without reading a file.
import { median, percentile } from './statistics.ts';
import type { ConfigIndex } from './config.ts';
import type { Ticket, TicketStatus } from './ticket.ts';
import { calledAtDayEnd, elapsed, lastCounter, serviceSeconds, waitingSeconds } from './service-record.ts';
import { VN_OFFSET_MS } from './time.ts';
import type { EstimateAccuracy, EstimateSample } from './estimate-accuracy.ts';
import { estimateAccuracy } from './estimate-accuracy.ts';
import { managerApp } from './text/manager.ts';

/** What a report needs of one ticket (about a tenth of the ticket's JSON). */
export interface ReportRow {
  day: string;
  number: string;
  issuedAt: number;
  status: TicketStatus;
  expired: boolean;
  serviceCode: string;
  departmentCode: string;
  counter: number | null;
  officerId: string | null;
  transfers: number;
  waitSec: number | null;
  serviceSec: number | null;
  rated: boolean;
  score: number | null;
  reasons: string[];
  comment: string;
  /** Issued as a priority ticket. */
  priority: boolean;
  /** The service it was issued for (differs from serviceCode after a transfer). */
  issuedFor: string;
  /** The wait promised at issue (minutes), null when none was; and the real one to the first call. */
  estimateMin: number | null;
  firstWaitSec: number | null;
  /** The procedure chosen at the kiosk or recorded by the officer at finish, null when none was. */
  procedureCode: string | null;
}

/** Seconds from issue to the first call, or null when never called. */
export function firstWaitSeconds(t: Ticket): number | null {
  const call = t.history.find((s) => s.type === 'called');
  return call ? Math.round(elapsed(t.issuedAt, call.at) / 1000) : null;
}

const NO_REASONS: string[] = [];

export function reportRow(t: Ticket): ReportRow {
  const noShowAtDayEnd = calledAtDayEnd(t);
  return {
    day: t.day, number: t.number, issuedAt: t.issuedAt, status: noShowAtDayEnd ? 'no-show' : t.status,
    expired: t.status === 'cancelled' && t.endReason === 'expired' && !noShowAtDayEnd,
    serviceCode: t.serviceCode, departmentCode: t.departmentCode, counter: lastCounter(t), officerId: t.officerId,
    transfers: t.transfers.length, waitSec: waitingSeconds(t), serviceSec: serviceSeconds(t),
    rated: t.rating !== null, score: t.rating?.score ?? null,
    reasons: t.rating && t.rating.reasons.length > 0 ? t.rating.reasons : NO_REASONS,
    comment: t.rating?.comment ?? '',
    priority: t.priority !== null, issuedFor: t.transfers[0]?.fromService ?? t.serviceCode,
    estimateMin: t.estimateMin ?? null, firstWaitSec: firstWaitSeconds(t),
    procedureCode: t.procedureCode ?? null,
  };
}

export interface ReportFilters {
  departments: string[];
  services: string[];
  counters: number[];
  officers: string[];
}

export interface ReportQuery {
  /** Local days, inclusive. */
  from: string;
  to: string;
  filters: ReportFilters;
}

export interface WaitFigures { count: number; avgSec: number | null; medianSec: number | null; p90Sec: number | null }
export interface RatingFigures {
  /** Ratings with a score (1–5). */
  scored: number;
  /** Asked, but no answer. */
  unanswered: number;
  /** Count of scores 1…5, worst first. */
  distribution: [number, number, number, number, number];
  average: number | null;
  /** Share of scores 4 and 5 among scored ratings. */
  satisfiedShare: number | null;
}

export interface Figures {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  /**
   * Cancelled by the end of the day while still waiting (or at a counter, started but never
   * finished). One called but not yet at the counter when the day ended counts as a no-show.
   */
  expired: number;
  /** Tickets moved to another service or counter at least once. */
  transferred: number;
  wait: WaitFigures;
  service: { count: number; avgSec: number | null; medianSec: number | null };
  /** Share of called tickets whose waiting time was within their service's target. */
  withinTarget: number | null;
  rating: RatingFigures;
}

export interface GroupFigures extends Figures { key: string; nameVi: string; nameEn: string }
export interface DailyFigures extends Figures { day: string }

export interface Report {
  query: ReportQuery;
  totals: Figures;
  byDepartment: GroupFigures[];
  byService: GroupFigures[];
  byCounter: GroupFigures[];
  byOfficer: GroupFigures[];
  /**
   * Tickets per procedure (thủ tục), most issued first; key = the procedure's code, name from the
   * catalog (the code itself when the catalog does not list it). Tickets with no procedure recorded
   * are one last row with key '' ("Chưa ghi thủ tục"), so the rows add up to the totals.
   */
  byProcedure: GroupFigures[];
  daily: DailyFigures[];
  /** Tickets issued by local weekday (index 0 = Monday … 6 = Sunday) and hour (0–23). */
  heatmap: number[][];
  reasons: { code: string; nameVi: string; nameEn: string; count: number }[];
  /** The promised waits against the real ones (core/estimate-accuracy.ts). */
  estimates: EstimateAccuracy;
  /** Newest first, at most MAX_COMMENTS. */
  comments: { day: string; number: string; serviceCode: string; counter: number | null; officerName: string | null; score: number | null; comment: string }[];
}

export const MAX_COMMENTS = 100;
/** The byProcedure row of tickets with no procedure recorded. */
const NO_PROCEDURE = managerApp.noProcedure;

/** How a report was made: rows looked at, time taken, past days in memory. */
export interface ReportMeta {
  rows: number;
  ms: number;
  historyDays: number;
}

/** What the manager app's filters offer (GET /api/manager/options). */
export interface ReportOptions {
  today: string;
  firstDay: string;
  departments: { code: string; nameVi: string; nameEn: string }[];
  services: { code: string; departmentCode: string; nameVi: string; nameEn: string; prefix: string }[];
  counters: { number: number; nameVi: string; nameEn: string }[];
  officers: { id: string; name: string }[];
  ratingLevels: { nameVi: string; nameEn: string }[];
}


class Accumulator {
  issued = 0; served = 0; noShow = 0; cancelled = 0; expired = 0; transferred = 0;
  waits: number[] = [];
  within = 0;
  services: number[] = [];
  scores: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  unanswered = 0;

  add(r: ReportRow, targetSec: number): void {
    this.issued += 1;
    if (r.status === 'done') this.served += 1;
    else if (r.status === 'no-show') this.noShow += 1;
    else if (r.status === 'cancelled') {
      if (r.expired) this.expired += 1;
      else this.cancelled += 1;
    }
    if (r.transfers > 0) this.transferred += 1;
    if (r.waitSec !== null) {
      this.waits.push(r.waitSec);
      if (r.waitSec <= targetSec) this.within += 1;
    }
    if (r.serviceSec !== null) this.services.push(r.serviceSec);
    if (r.rated) {
      if (r.score === null) this.unanswered += 1;
      else if (r.score >= 1 && r.score <= 5) this.scores[r.score - 1]! += 1;
    }
  }

  figures(): Figures {
    // A typed array sorts numerically without a comparator: several times faster on a year of rows.
    const waits = Float64Array.from(this.waits).sort();
    const services = Float64Array.from(this.services).sort();
    const mean = (xs: Float64Array) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);
    const scored = this.scores.reduce((s, x) => s + x, 0);
    const scoreSum = this.scores.reduce((s, x, i) => s + x * (i + 1), 0);
    return {
      issued: this.issued, served: this.served, noShow: this.noShow, cancelled: this.cancelled,
      expired: this.expired, transferred: this.transferred,
      wait: { count: waits.length, avgSec: mean(waits), medianSec: median(waits), p90Sec: percentile(waits, 90) },
      service: { count: services.length, avgSec: mean(services), medianSec: median(services) },
      withinTarget: waits.length === 0 ? null : this.within / waits.length,
      rating: {
        scored, unanswered: this.unanswered, distribution: [...this.scores],
        average: scored === 0 ? null : scoreSum / scored,
        satisfiedShare: scored === 0 ? null : (this.scores[3] + this.scores[4]) / scored,
      },
    };
  }
}

function grouped<K extends string | number>(): { get(key: K): Accumulator; entries(): [K, Accumulator][] } {
  const map = new Map<K, Accumulator>();
  return {
    get(key) {
      let acc = map.get(key);
      if (!acc) map.set(key, (acc = new Accumulator()));
      return acc;
    },
    entries: () => [...map.entries()],
  };
}

const HOUR_MS = 3_600_000;

/** ISO weekday index (0 = Monday) and hour of a local instant (1970-01-01 was a Thursday). */
export function localWeekdayHour(at: number): [number, number] {
  const local = at + VN_OFFSET_MS;
  const day = Math.floor(local / (24 * HOUR_MS));
  return [(((day + 3) % 7) + 7) % 7, Math.floor(local / HOUR_MS) - day * 24];
}

export function matches(r: ReportRow, q: ReportQuery): boolean {
  const f = q.filters;
  if (r.day < q.from || r.day > q.to) return false;
  if (f.departments.length > 0 && !f.departments.includes(r.departmentCode)) return false;
  if (f.services.length > 0 && !f.services.includes(r.serviceCode)) return false;
  if (f.counters.length > 0 && (r.counter === null || !f.counters.includes(r.counter))) return false;
  if (f.officers.length > 0 && (r.officerId === null || !f.officers.includes(r.officerId))) return false;
  return true;
}

/**
 * Aggregate the rows of a range, given in chunks (one per day, say): rows outside the query are
 * skipped, so callers may pass more.
 */
export function buildReport(chunks: Iterable<readonly ReportRow[]>, query: ReportQuery, index: ConfigIndex, officerName: (id: string) => string | null): Report {
  const totals = new Accumulator();
  const departments = grouped<string>();
  const services = grouped<string>();
  const counters = grouped<number>();
  const officers = grouped<string>();
  const procedures = grouped<string>();
  const days = grouped<string>();
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const reasons = new Map<string, number>();
  const comments: (Report['comments'][number] & { at: number })[] = [];
  const targetOf = new Map(index.config.services.map((s) => [s.code, s.targetWaitMin * 60]));
  const estimates: EstimateSample[] = [];

  for (const rows of chunks) for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (!matches(r, query)) continue;
    const target = targetOf.get(r.serviceCode) ?? Infinity;
    totals.add(r, target);
    departments.get(r.departmentCode).add(r, target);
    services.get(r.serviceCode).add(r, target);
    if (r.counter !== null) counters.get(r.counter).add(r, target);
    if (r.officerId !== null) officers.get(r.officerId).add(r, target);
    procedures.get(r.procedureCode ?? '').add(r, target);
    days.get(r.day).add(r, target);
    const [weekday, hour] = localWeekdayHour(r.issuedAt);
    heatmap[weekday]![hour]! += 1;
    if (r.estimateMin !== null && r.firstWaitSec !== null) {
      estimates.push({ serviceCode: r.issuedFor, hour, estimateMin: r.estimateMin, actualMin: r.firstWaitSec / 60 });
    }
    for (const code of r.reasons) reasons.set(code, (reasons.get(code) ?? 0) + 1);
    if (r.comment) {
      comments.push({
        at: r.issuedAt, day: r.day, number: r.number, serviceCode: r.serviceCode, counter: r.counter,
        officerName: r.officerId ? officerName(r.officerId) : null, score: r.score, comment: r.comment,
      });
    }
  }

  const named = (key: string, name: { nameVi: string; nameEn: string } | undefined, acc: Accumulator): GroupFigures =>
    ({ key, nameVi: name?.nameVi ?? key, nameEn: name?.nameEn ?? key, ...acc.figures() });
  const reasonNames = new Map(index.config.rating.reasons.map((r) => [r.code, r]));
  const procedureNames = new Map(index.config.procedures.map((p) => [p.code, { nameVi: p.name, nameEn: p.name }]));
  comments.sort((a, b) => b.at - a.at);

  return {
    query,
    totals: totals.figures(),
    byDepartment: departments.entries().map(([k, acc]) => named(k, index.department.get(k), acc)).sort(byKeyOrder(index.config.departments.map((d) => d.code))),
    byService: services.entries().map(([k, acc]) => named(k, index.service.get(k), acc)).sort(byKeyOrder(index.config.services.map((s) => s.code))),
    byCounter: counters.entries().sort(([a], [b]) => a - b).map(([k, acc]) => named(String(k), index.counter.get(k), acc)),
    byOfficer: officers.entries()
      .map(([k, acc]) => { const name = officerName(k) ?? k; return named(k, { nameVi: name, nameEn: name }, acc); })
      .sort((a, b) => a.nameVi.localeCompare(b.nameVi, 'vi')),
    byProcedure: procedures.entries()
      .map(([k, acc]) => named(k, k === '' ? { nameVi: NO_PROCEDURE.vi, nameEn: NO_PROCEDURE.en } : procedureNames.get(k), acc))
      .sort((a, b) => Number(a.key === '') - Number(b.key === '') || b.issued - a.issued || a.key.localeCompare(b.key)),
    daily: days.entries().sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, acc]) => ({ day, ...acc.figures() })),
    heatmap,
    reasons: [...reasons].sort((a, b) => b[1] - a[1]).map(([code, count]) => ({
      code, count, nameVi: reasonNames.get(code)?.nameVi ?? code, nameEn: reasonNames.get(code)?.nameEn ?? code,
    })),
    estimates: estimateAccuracy(estimates, index.config.services.map((s) => s.code)),
    comments: comments.slice(0, MAX_COMMENTS).map(({ at: _at, ...c }) => c),
  };
}

/** Configured order first (as the kiosk lists them), anything unknown after, by key. */
function byKeyOrder(order: string[]): (a: { key: string }, b: { key: string }) => number {
  const rank = new Map(order.map((k, i) => [k, i]));
  return (a, b) => (rank.get(a.key) ?? 1e9) - (rank.get(b.key) ?? 1e9) || a.key.localeCompare(b.key);
}

export { median, percentile } from './statistics.ts';
