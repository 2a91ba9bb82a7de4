// Report figures from eight tickets over two days, each expected number worked out by hand below
// (not by the code under test). Centre: tests/core/fixture.ts — targets HOTICH 20 min, CHUNGTHUC
// 20 min (default), DATDAI 30 min, MOITRUONG 20 min (default).
//
//   Mon 2026-11-23
//   T1 HOTICH     08:00 issued, 08:10 called c1/o1 (wait 600 s), 08:11 started, 08:21 done (600 s), rated 5
//   T2 HOTICH     08:05 issued, 08:35 called c2/o2 (1800 s > 20 min), 08:36 started, 08:40 done (240 s),
//                 rated 3, reasons waiting-time, comment "Chờ lâu quá"
//   T3 DATDAI     09:00 issued, 09:20 called c2/o2 (1200 s ≤ 30 min), 09:23 no-show
//   T4 DATDAI     09:30 issued, 09:40 cancelled by a manager (never called)
//   T5 HOTICH→DATDAI 10:00 issued, 10:05 called c1/o1 (300 s), 10:06 started, 10:16 transferred to DATDAI,
//                 10:26 called c3/o3 (+600 s → 900 s ≤ 30 min), 10:27 started, 10:47 done (1200 s), not rated (null)
//   T6 MOITRUONG  16:00 issued, expired at 17:30 (never called)
//   Tue 2026-11-24
//   T7 HOTICH     14:00 issued, 14:40 called c1/o1 (2400 s), 14:50 done straight from "called" (600 s), rated 4
//   T8 CHUNGTHUC  14:15 issued, 14:20 called c1/o1 (300 s), 14:21 started, 14:31 done (600 s),
//                 rated 1, reasons attitude + waiting-time
import { describe, expect, it } from 'vitest';
import type { Rating, Ticket, TicketStep } from '../../core/ticket.ts';
import { buildReport, median, percentile, reportRow } from '../../core/reports.ts';
import { rangeProblem, unknownFilterValues } from '../../core/report-query.ts';
import type { ReportQuery } from '../../core/reports.ts';
import { buildServiceRecord } from '../../core/service-record.ts';
import { localInstant } from '../../core/time.ts';
import { fixtureInput, makeIndex } from './fixture.ts';
import { CenterConfigSchema, indexConfig } from '../../core/config.ts';
import { reportTables } from '../../core/report-tables.ts';

const index = makeIndex();
const MON = '2026-11-23';
const TUE = '2026-11-24';
const at = (day: string, hhmm: string) => localInstant(day, hhmm);

interface Spec {
  id: string;
  day: string;
  service: string;
  steps: [string, TicketStep['type'], number?, string?][];
  rating?: { score: number | null; reasons?: string[]; comment?: string };
  transferTo?: string;
}

const DEPT: Record<string, string> = { HOTICH: 'TP', CHUNGTHUC: 'TP', DATDAI: 'TNMT', MOITRUONG: 'TNMT' };

function make(spec: Spec): Ticket {
  const history: TicketStep[] = spec.steps.map(([hhmm, type, counter, officerId]) => ({
    at: at(spec.day, hhmm), type, ...(counter !== undefined ? { counter } : {}), ...(officerId ? { officerId } : {}),
  }));
  const last = (type: TicketStep['type']) => [...history].reverse().find((s) => s.type === type);
  const final = history[history.length - 1]!;
  const called = last('called');
  const status: Ticket['status'] = final.type === 'finished' ? 'done' : final.type === 'no-show' ? 'no-show' : 'cancelled';
  const service = spec.transferTo ?? spec.service;
  const transfer = last('transferred');
  const rating: Rating | null = spec.rating
    ? { at: final.at + 20_000, score: spec.rating.score, reasons: spec.rating.reasons ?? [], comment: spec.rating.comment ?? '', counter: called!.counter!, officerId: called!.officerId! }
    : null;
  return {
    id: spec.id, day: spec.day, seq: 1, number: `${spec.id}-001`, serviceCode: service, departmentCode: DEPT[service]!,
    priority: null, status, issuedAt: history[0]!.at, queuedAt: history[0]!.at,
    calledAt: called?.at ?? null,
    startedAt: status === 'done' ? (last('started') && (!transfer || last('started')!.at > transfer.at) ? last('started')!.at : called!.at) : null,
    finishedAt: final.at, counter: called?.counter ?? null, officerId: called?.officerId ?? null, targetCounter: null,
    calls: called ? 1 : 0, procedureCode: null, dossierCodes: [], note: null,
    transfers: transfer ? [{ at: transfer.at, fromService: spec.service, toService: service, fromCounter: transfer.counter!, toCounter: null, officerId: transfer.officerId!, note: '' }] : [],
    history, source: { kind: 'kiosk', deviceId: null, requestId: null }, rating,
    endReason: final.type === 'expired' ? 'expired' : final.type === 'cancelled' ? 'Công dân không có nhu cầu' : null,
  };
}

const tickets = [
  make({ id: 'T1', day: MON, service: 'HOTICH', steps: [['08:00', 'issued'], ['08:10', 'called', 1, 'o1'], ['08:11', 'started', 1, 'o1'], ['08:21', 'finished', 1, 'o1']], rating: { score: 5 } }),
  make({ id: 'T2', day: MON, service: 'HOTICH', steps: [['08:05', 'issued'], ['08:35', 'called', 2, 'o2'], ['08:36', 'started', 2, 'o2'], ['08:40', 'finished', 2, 'o2']], rating: { score: 3, reasons: ['waiting-time'], comment: 'Chờ lâu quá' } }),
  make({ id: 'T3', day: MON, service: 'DATDAI', steps: [['09:00', 'issued'], ['09:20', 'called', 2, 'o2'], ['09:23', 'no-show', 2, 'o2']] }),
  make({ id: 'T4', day: MON, service: 'DATDAI', steps: [['09:30', 'issued'], ['09:40', 'cancelled', undefined, 'quanly']] }),
  make({
    id: 'T5', day: MON, service: 'HOTICH', transferTo: 'DATDAI', rating: { score: null },
    steps: [['10:00', 'issued'], ['10:05', 'called', 1, 'o1'], ['10:06', 'started', 1, 'o1'], ['10:16', 'transferred', 1, 'o1'],
      ['10:26', 'called', 3, 'o3'], ['10:27', 'started', 3, 'o3'], ['10:47', 'finished', 3, 'o3']],
  }),
  make({ id: 'T6', day: MON, service: 'MOITRUONG', steps: [['16:00', 'issued'], ['17:30', 'expired']] }),
  make({ id: 'T7', day: TUE, service: 'HOTICH', steps: [['14:00', 'issued'], ['14:40', 'called', 1, 'o1'], ['14:50', 'finished', 1, 'o1']], rating: { score: 4 } }),
  make({ id: 'T8', day: TUE, service: 'CHUNGTHUC', steps: [['14:15', 'issued'], ['14:20', 'called', 1, 'o1'], ['14:21', 'started', 1, 'o1'], ['14:31', 'finished', 1, 'o1']], rating: { score: 1, reasons: ['attitude', 'waiting-time'] } }),
];
const rows = tickets.map(reportRow);
const names: Record<string, string> = { o1: 'Nguyễn Văn An', o2: 'Trần Thị Bình', o3: 'Lê Văn Cường' };
const officerName = (id: string) => names[id] ?? null;
const noFilters = { departments: [], services: [], counters: [], officers: [] };
const query = (over: Partial<ReportQuery> = {}): ReportQuery => ({ from: MON, to: TUE, filters: noFilters, ...over });

describe('report figures (worked by hand)', () => {
  const r = buildReport([rows], query(), index, officerName);

  it('counts tickets by how they ended', () => {
    expect(r.totals).toMatchObject({ issued: 8, served: 5, noShow: 1, cancelled: 1, expired: 1, transferred: 1 });
  });

  it('waiting: 300, 600, 900, 1200, 1800, 2400 s → average 1200, median 1050, p90 2400; 4 of 6 within target', () => {
    expect(r.totals.wait).toEqual({ count: 6, avgSec: 1200, medianSec: 1050, p90Sec: 2400 });
    expect(r.totals.withinTarget).toBeCloseTo(4 / 6, 10);
  });

  it('service: 240, 600, 600, 600, 1200 s → average 648, median 600', () => {
    expect(r.totals.service).toEqual({ count: 5, avgSec: 648, medianSec: 600 });
  });

  it('satisfaction: scores 5, 3, 4, 1 and one unanswered → 3.25 average, half satisfied', () => {
    expect(r.totals.rating).toEqual({ scored: 4, unanswered: 1, distribution: [1, 0, 1, 1, 1], average: 3.25, satisfiedShare: 0.5 });
    expect(r.reasons.map((x) => [x.code, x.count, x.nameVi])).toEqual([
      ['waiting-time', 2, 'Thời gian chờ lâu'], ['attitude', 1, 'Thái độ phục vụ'],
    ]);
    expect(r.comments).toEqual([{ day: MON, number: 'T2-001', serviceCode: 'HOTICH', counter: 2, officerName: 'Trần Thị Bình', score: 3, comment: 'Chờ lâu quá' }]);
  });

  it('per service: HOTICH has T1, T2, T7; DATDAI has T3, T4 and the transferred T5', () => {
    const hotich = r.byService.find((s) => s.key === 'HOTICH')!;
    expect(hotich).toMatchObject({ nameVi: 'Hộ tịch', issued: 3, served: 3, transferred: 0 });
    expect(hotich.wait).toEqual({ count: 3, avgSec: 1600, medianSec: 1800, p90Sec: 2400 });
    expect(hotich.withinTarget).toBeCloseTo(1 / 3, 10);
    expect(hotich.rating.average).toBe(4);
    expect(hotich.rating.satisfiedShare).toBeCloseTo(2 / 3, 10);
    const datdai = r.byService.find((s) => s.key === 'DATDAI')!;
    expect(datdai).toMatchObject({ issued: 3, served: 1, noShow: 1, cancelled: 1, transferred: 1, withinTarget: 1 });
    expect(datdai.wait).toEqual({ count: 2, avgSec: 1050, medianSec: 1050, p90Sec: 1200 });
    expect(datdai.rating).toMatchObject({ scored: 0, unanswered: 1, average: null, satisfiedShare: null });
    expect(r.byService.map((s) => s.key)).toEqual(['HOTICH', 'CHUNGTHUC', 'DATDAI', 'MOITRUONG']); // configured order
    expect(r.byDepartment.map((d) => [d.key, d.issued])).toEqual([['TP', 4], ['TNMT', 4]]);
  });

  it('per counter and officer: whoever called it last', () => {
    expect(r.byCounter.map((c) => [c.key, c.served, c.noShow])).toEqual([['1', 3, 0], ['2', 1, 1], ['3', 1, 0]]);
    expect(r.byOfficer.map((o) => [o.nameVi, o.issued, o.served])).toEqual([
      ['Lê Văn Cường', 1, 1], ['Nguyễn Văn An', 3, 3], ['Trần Thị Bình', 2, 1],
    ]);
  });

  it('daily trend and the weekday × hour load', () => {
    expect(r.daily.map((d) => [d.day, d.issued, d.served])).toEqual([[MON, 6, 3], [TUE, 2, 2]]);
    const cells = r.heatmap.flatMap((hours, day) => hours.map((n, hour) => [day, hour, n])).filter(([, , n]) => n! > 0);
    expect(cells).toEqual([[0, 8, 2], [0, 9, 2], [0, 10, 1], [0, 16, 1], [1, 14, 2]]);
  });

  it('filters narrow every figure', () => {
    const only = (over: Partial<ReportQuery['filters']>) => buildReport([rows], query({ filters: { ...noFilters, ...over } }), index, officerName).totals;
    expect(only({ services: ['HOTICH'] }).issued).toBe(3);
    expect(only({ departments: ['TNMT'] })).toMatchObject({ issued: 4, expired: 1, served: 1 });
    expect(only({ counters: [1] }).issued).toBe(3);
    expect(only({ officers: ['o2'] })).toMatchObject({ issued: 2, served: 1, noShow: 1 });
    expect(buildReport([rows], query({ from: TUE }), index, officerName).totals).toMatchObject({ issued: 2, served: 2 });
    const none = buildReport([rows], query({ from: '2026-12-01', to: '2026-12-31' }), index, officerName).totals;
    expect(none).toMatchObject({ issued: 0, withinTarget: null, wait: { count: 0, avgSec: null, medianSec: null, p90Sec: null } });
  });
});

describe('statistics and checks', () => {
  it('median of an even count is the mean of the middle two; p90 is nearest-rank', () => {
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([], 90)).toBeNull();
  });

  it('refuses reversed, unreal, far-future and absurdly long ranges, in Vietnamese', () => {
    expect(rangeProblem('2026-11-24', '2026-11-23', TUE)?.vi).toContain('sau ngày kết thúc');
    expect(rangeProblem('2026-02-30', '2026-03-01', TUE)?.vi).toContain('không phải ngày có thật');
    expect(rangeProblem('23/11/2026', TUE, TUE)?.vi).toContain('YYYY-MM-DD');
    expect(rangeProblem('2027-01-01', '2027-01-31', TUE)?.vi).toContain('tương lai');
    expect(rangeProblem('2020-01-01', TUE, TUE)?.vi).toContain('quá dài');
    expect(rangeProblem('1999-12-31', '2000-01-05', TUE)?.vi).toContain('trước năm 2000');
    expect(rangeProblem(MON, '2026-11-30', TUE)).toBeNull(); // runs past today: fine
  });

  it('names filter values that do not exist', () => {
    const issues = unknownFilterValues({ departments: ['XX'], services: ['HOTICH', 'NOPE'], counters: [9], officers: ['ghost'] }, index, new Set(['o1']));
    expect(issues.map((i) => i.path)).toEqual(['department', 'service', 'counter', 'officer']);
    expect(issues[1]!.message).toBe('không có lĩnh vực NOPE');
  });
});

describe('service record', () => {
  it('a transferred ticket: waiting summed over both queues, service at the last counter, local times', () => {
    const rec = buildServiceRecord(tickets[4]!, index, (id) => (id ? names[id] ?? null : null))!;
    expect(rec).toMatchObject({
      key: 'T5', ticketNumber: 'T5-001', serviceCode: 'DATDAI', serviceName: 'Đất đai', departmentCode: 'TNMT',
      issuedForService: 'HOTICH', counter: 3, officerName: 'Lê Văn Cường', waitingSeconds: 900, serviceSeconds: 1200,
      outcome: 'served', issuedAt: '2026-11-23T10:00:00+07:00', finishedAt: '2026-11-23T10:47:00+07:00',
      rating: { score: null, label: null, reasons: [], comment: '' },
    });
    expect(rec.transfers).toEqual([{ at: '2026-11-23T10:16:00+07:00', fromService: 'HOTICH', toService: 'DATDAI', fromCounter: 1, toCounter: null, officerId: 'o1', note: '' }]);
  });

  it('outcomes: no-show, cancelled with its reason, expired; nothing for a ticket still waiting', () => {
    const rec = (i: number) => buildServiceRecord(tickets[i]!, index, () => null)!;
    expect([rec(2).outcome, rec(3).outcome, rec(5).outcome]).toEqual(['no-show', 'cancelled', 'expired']);
    expect(rec(3).endReason).toBe('Công dân không có nhu cầu');
    expect(rec(3).waitingSeconds).toBeNull();
    expect(rec(7).rating).toMatchObject({ score: 1, label: 'Rất không hài lòng', reasons: ['attitude', 'waiting-time'] });
    expect(buildServiceRecord({ ...tickets[0]!, status: 'waiting' }, index, () => null)).toBeNull();
  });
});

describe('tickets per procedure', () => {
  // The same eight tickets, with the procedures chosen at the kiosk or recorded at finish:
  // T1, T2, T7 'HT.KS' (Đăng ký khai sinh); T5 'DD.01' (in the catalog); T8 '9.999 tự ghi' (typed
  // by the officer, not in the catalog); T3, T4, T6 none.
  const codes: Record<string, string | null> = { T1: 'HT.KS', T2: 'HT.KS', T7: 'HT.KS', T5: 'DD.01', T8: '9.999 tự ghi' };
  const withProcedures = tickets.map((t) => reportRow({ ...t, procedureCode: codes[t.id] ?? null }));
  const input = fixtureInput();
  const catalogIndex = indexConfig(CenterConfigSchema.parse({
    ...input,
    procedures: [
      { code: 'HT.KS', name: 'Đăng ký khai sinh', serviceCode: 'HOTICH', departmentCode: 'TP' },
      { code: 'DD.01', name: 'Đăng ký biến động đất đai', serviceCode: 'DATDAI', departmentCode: 'TNMT' },
    ],
  }));
  const r = buildReport([withProcedures], query(), catalogIndex, officerName);

  it('counts each procedure, most issued first, named from the catalog; the rest in one last row, so the rows add up', () => {
    expect(r.byProcedure.map((p) => [p.key, p.nameVi, p.issued, p.served])).toEqual([
      ['HT.KS', 'Đăng ký khai sinh', 3, 3],
      ['9.999 tự ghi', '9.999 tự ghi', 1, 1],
      ['DD.01', 'Đăng ký biến động đất đai', 1, 1],
      ['', 'Chưa ghi thủ tục', 3, 0],
    ]);
    expect(r.byProcedure.reduce((n, p) => n + p.issued, 0)).toBe(r.totals.issued);
    expect(r.byProcedure[0]!.wait).toEqual({ count: 3, avgSec: 1600, medianSec: 1800, p90Sec: 2400 });
    expect(r.byProcedure.at(-1)!.nameEn).toBe('No procedure recorded');
  });

  it('follows the filters, and is a table of the exported files', () => {
    const land = buildReport([withProcedures], query({ filters: { ...noFilters, services: ['DATDAI'] } }), catalogIndex, officerName);
    expect(land.byProcedure.map((p) => [p.key, p.issued])).toEqual([['DD.01', 1], ['', 2]]);
    const table = reportTables(r).find((t) => t.id === 'procedures')!;
    expect(table.sheet).toBe('Theo thủ tục');
    expect(table.columns.slice(0, 3).map((c) => c.header)).toEqual(['Mã thủ tục', 'Tên', 'Số phiếu đã cấp']);
    expect(table.rows.map((row) => row.slice(0, 3))).toEqual([
      ['HT.KS', 'Đăng ký khai sinh', 3], ['9.999 tự ghi', '9.999 tự ghi', 1], ['DD.01', 'Đăng ký biến động đất đai', 1], ['', 'Chưa ghi thủ tục', 3],
    ]);
  });
});
