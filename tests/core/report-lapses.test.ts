// Report figures that did not match an independent computation (issue 17), through the real engine:
// each case here failed before its fix.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildReport, reportRow } from '../../core/reports.ts';
import type { ReportQuery } from '../../core/reports.ts';
import { closeDay } from '../../core/engine.ts';
import { ticketFields } from '../../core/service-record.ts';
import { ticketExportCells, TICKET_COLUMNS } from '../../core/ticket-export.ts';
import { localInstant } from '../../core/time.ts';
import { MIN, MONDAY, Sim, actor } from './fixture.ts';

const query: ReportQuery = { from: MONDAY, to: MONDAY, filters: { departments: [], services: [], counters: [], officers: [] } };
const names = { officerName: (id: string | null) => (id ? `Cán bộ ${id}` : null), officerUsername: (id: string | null) => id };
const column = (header: string) => TICKET_COLUMNS.findIndex((c) => c.header === header);

describe('report figures', () => {
  it('a ticket started at counter 1, then transferred to a service and never called again, counts for counter 1 as for its officer', () => {
    const s = new Sim();
    s.open(1);
    const t = s.issue('HOTICH');
    s.advance(2); s.callNext(1);
    s.do({ type: 'start', ...actor(1) });
    s.advance(5);
    s.do({ type: 'transfer', ...actor(1), toService: 'DATDAI', toCounter: null, note: '' });
    const day = closeDay(s.state, s.now + 60 * MIN);
    const report = buildReport([Object.values(day.tickets).map(reportRow)], query, s.index, () => null);
    expect(report.byOfficer.map((g) => [g.key, g.issued])).toEqual([['cb-1', 1]]);
    expect(report.byCounter.map((g) => [g.key, g.issued])).toEqual([['1', 1]]);
    const onlyCounter1 = buildReport([Object.values(day.tickets).map(reportRow)], { ...query, filters: { ...query.filters, counters: [1] } }, s.index, () => null);
    expect(onlyCounter1.totals.issued).toBe(1);
    // The exported line names the counter too, and the transfer reads with its counter.
    const cells = ticketExportCells(day.tickets[t.id]!, s.index, names);
    expect(cells[column('Quầy')]).toBe(1);
    expect(cells[column('Chuyển quầy')]).toBe('Hộ tịch (quầy 1) → Đất đai');
  });

  it('a priority ticket exports its category by name, the code only in its own column', () => {
    const s = new Sim();
    const t = s.issue('HOTICH', 'nguoi-cao-tuoi');
    const cells = ticketExportCells(s.ticket(t.id), s.index, names);
    expect(cells[column('Ưu tiên')]).toBe('Người cao tuổi');
    expect(cells[column('Mã ưu tiên')]).toBe('nguoi-cao-tuoi');
    const plain = ticketExportCells(s.ticket(s.issue('HOTICH').id), s.index, names);
    expect([plain[column('Ưu tiên')], plain[column('Mã ưu tiên')]]).toEqual(['', '']);
  });

  it('a transfer to a counter names both counters', () => {
    const s = new Sim();
    s.open(1);
    const t = s.issue('HOTICH');
    s.callNext(1);
    s.do({ type: 'transfer', ...actor(1), toService: null, toCounter: 2, note: '' });
    const cells = ticketExportCells(s.ticket(t.id), s.index, names);
    expect(cells[column('Chuyển quầy')]).toBe('Hộ tịch (quầy 1) → Hộ tịch (quầy 2)');
  });

  it('minutes are rounded once, from the exact duration (8.669 s is 0.1 min), and seconds have their own columns', () => {
    const s = new Sim();
    s.open(1);
    const t = s.issue('HOTICH');
    s.now += 8_669;
    s.callNext(1);
    s.do({ type: 'start', ...actor(1) });
    s.now += 9_400;
    s.do({ type: 'finish', ...actor(1), procedureCode: null, dossierCodes: [], note: 'Thiếu bản sao giấy khai sinh' });
    const cells = ticketExportCells(s.ticket(t.id), s.index, names);
    expect(cells[column('Thời gian chờ (phút)')]).toBe(0.1);
    expect(cells[column('Thời gian chờ (giây)')]).toBe(9);
    expect(cells[column('Thời gian phục vụ (phút)')]).toBe(0.2);
    expect(cells[column('Thời gian phục vụ (giây)')]).toBe(9);
    expect(cells[column('Ghi chú của cán bộ')]).toBe('Thiếu bản sao giấy khai sinh');
  });

  it('at the end of the day: still waiting is expired; called and never started is a no-show, as documented', () => {
    const s = new Sim();
    s.open(1);
    const called = s.issue('HOTICH');
    s.issue('HOTICH');
    s.callNext(1);
    const day = closeDay(s.state, s.now + 60 * MIN);
    const report = buildReport([Object.values(day.tickets).map(reportRow)], query, s.index, () => null);
    expect(report.totals).toMatchObject({ issued: 2, expired: 1, noShow: 1, cancelled: 0 });
    expect(ticketExportCells(day.tickets[called.id]!, s.index, names)[column('Kết quả')]).toBe('Vắng mặt (đã gọi, hết ngày chưa đến quầy)');
  });

  it('an expired ticket ends at midnight of its own day, not when the server next starts', () => {
    const s = new Sim();
    const t = s.issue('HOTICH');
    const nextStart = localInstant('2026-11-25', '07:30');
    const day = closeDay(s.state, nextStart);
    expect(day.tickets[t.id]!.finishedAt).toBe(localInstant('2026-11-24', '00:00'));
    expect(day.tickets[t.id]!.history.at(-1)).toEqual({ at: localInstant('2026-11-24', '00:00'), type: 'expired' });
    expect(ticketFields(day.tickets[t.id]!, s.index, () => null).finishedAt).toBe('2026-11-24T00:00:00+07:00');
  });

  it('docs/api.md says which call a recalled ticket\'s service time counts from, that durations are rounded per ticket, and how a transfer reads', () => {
    const api = readFileSync(fileURLToPath(new URL('../../docs/api.md', import.meta.url)), 'utf8').replace(/\s+/g, ' ');
    expect(api).toContain('service time of a ticket started straight from the call (no "start") counts from the **last** call');
    expect(api).toContain("each ticket's durations are rounded once");
    expect(api).toContain('a ticket belongs to the counter and officer that called it last');
    expect(api).toContain('`origin (quầy N) → destination`');
  });
});
