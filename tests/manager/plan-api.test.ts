// The counter plan over REST against a real server with engine-generated day files: a day's
// forecast and plan, simulations on the worker thread (fewer counters, longer waits), a suggested
// plan, the roster as XLSX read back with exceljs, and refusals a person can read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { PlanDay, PlanRun, PlanSuggestion } from '@core/plan/protocol.ts';
import type { StaffingPlan } from '@core/plan/types.ts';
import { startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { workingDaysBefore, writeHistory } from '../helpers/plan-center.ts';

let server: TestServer;
let token: string;
const TODAY = '2026-11-23';
const TOMORROW = '2026-11-24';

beforeAll(async () => {
  server = await startServer();
  await writeHistory(server.store, server.config, workingDaysBefore(TODAY, 30), 17);
  token = await server.login('quanly');
});
afterAll(async () => { await server?.close(); });

async function call<T>(method: string, path: string, body?: unknown, as = token): Promise<{ status: number; json: { ok: boolean; data: T; code?: string; message?: string; issues?: { path: string; message: string }[] } }> {
  const res = await fetch(`${server.url}/api/manager/plan${path}`, {
    method, headers: { authorization: `Bearer ${as}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() as never };
}

describe('counter plan API', () => {
  it('opens tomorrow with a forecast from the history and the configured counters', async () => {
    const { status, json } = await call<PlanDay>('GET', `/day?day=${TOMORROW}`);
    expect(status).toBe(200);
    const d = json.data;
    expect(d.past).toBe(false);
    expect(d.actual).toBeNull();
    expect(d.historyDays).toBe(30);
    expect(d.hours).toEqual([7, 8, 9, 10, 11, 13, 14, 15, 16]);
    expect(d.plan.counters.map((c) => c.counter)).toEqual([1, 2, 3]);
    const land = d.forecast.services.find((s) => s.serviceCode === 'DATDAI')!;
    const total = land.hourly.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(30); // 45 a day on a Tuesday, ± the draws
    expect(total).toBeLessThan(60);
    expect(d.counters[2]!.services.map((s) => s.serviceCode)).toEqual(['HOTICH', 'LLTP', 'CHIEU']);
  });

  it('a past day shows what really came, and replays it', async () => {
    const day = workingDaysBefore(TODAY, 1)[0]!;
    const { json } = await call<PlanDay>('GET', `/day?day=${day}`);
    expect(json.data.past).toBe(true);
    const came = json.data.actual!.reduce((n, s) => n + s.hourly.reduce((a, b) => a + b, 0), 0);
    expect(came).toBeGreaterThan(50);
    const run = await call<PlanRun>('POST', '/simulate', { plan: json.data.plan, arrivals: 'actual', runs: 5 });
    expect(run.status).toBe(200);
    expect(run.json.data.result.totals.calledPerRun + run.json.data.result.totals.unservedPerRun).toBeGreaterThanOrEqual(came);
  });

  it('simulates tomorrow on the worker thread: closing a counter makes the waits longer', async () => {
    const { json } = await call<PlanDay>('GET', `/day?day=${TOMORROW}`);
    const full = await call<PlanRun>('POST', '/simulate', { plan: json.data.plan, runs: 10 });
    expect(full.status).toBe(200);
    const thin: StaffingPlan = { ...json.data.plan, counters: json.data.plan.counters.filter((c) => c.counter !== 1) };
    const fewer = await call<PlanRun>('POST', '/simulate', { plan: thin, runs: 10 });
    expect(fewer.json.data.result.counterHours).toBe(full.json.data.result.counterHours - 9);
    const land = (r: PlanRun) => r.result.services.find((s) => s.serviceCode === 'DATDAI')!.day.p90Sec!;
    expect(land(fewer.json.data)).toBeGreaterThan(land(full.json.data));
    // the same body, the same figures: a seed makes runs repeatable
    const again = await call<PlanRun>('POST', '/simulate', { plan: json.data.plan, runs: 10 });
    expect(again.json.data.result).toEqual(full.json.data.result);
  });

  it('suggests a plan that meets the target, and exports it as the day’s roster', async () => {
    const { status, json } = await call<PlanSuggestion>('POST', '/suggest', { day: TOMORROW });
    expect(status).toBe(200);
    expect(json.data.meetsTarget).toBe(true);
    for (const s of json.data.result.services) expect(s.day.withinTarget!).toBeGreaterThanOrEqual(0.9);
    expect(json.data.result.counterHours).toBeLessThanOrEqual(27);
    const res = await fetch(`${server.url}/api/manager/plan/roster.xlsx`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ plan: json.data.plan }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`luot-lich-truc-${TOMORROW}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const roster = book.getWorksheet('Lịch trực quầy')!;
    expect(roster.getRow(1).getCell(1).value).toBe('Quầy');
    expect(roster.rowCount - 1).toBe(json.data.plan.counters.length);
    expect(String(roster.getRow(2).getCell(4).value)).toMatch(/^\d\d:00–\d\d:00/);
    expect(book.getWorksheet('Dự kiến chờ')!.rowCount).toBeGreaterThan(1);
  });

  it('refuses bad bodies with readable reasons, and anyone but a manager', async () => {
    const { json } = await call<PlanDay>('GET', `/day?day=${TOMORROW}`);
    const badHour = await call('POST', '/simulate', { plan: { ...json.data.plan, counters: [{ ...json.data.plan.counters[0]!, hours: [7, 25] }] } });
    expect(badHour.status).toBe(400);
    expect(JSON.stringify(badHour.json.issues)).toContain('giờ từ 0 đến 23');
    const unknown = await call('POST', '/simulate', { plan: { ...json.data.plan, counters: [{ counter: 99, services: [{ serviceCode: 'NOPE', weight: 1 }], hours: [8] }] } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.issues!.map((i) => i.message)).toEqual(['không có quầy 99', 'không có lĩnh vực NOPE']);
    expect((await call('GET', '/day?day=ngay-mai')).status).toBe(400);
    const officer = await server.login('canbo1');
    expect((await call('GET', `/day?day=${TOMORROW}`, undefined, officer)).status).toBe(403);
    expect((await call('GET', `/day?day=${TOMORROW}`, undefined, 'nobody')).status).toBe(401);
  });
});
