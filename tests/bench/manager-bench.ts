// Manager reports and exports against a year of history: the demo center (21 departments, 66
// services, 30 counters), ~250 working days × ~400 tickets written by tests/bench/history.ts, a
// real server (createApp) in this process on 127.0.0.1, and real HTTP requests as the manager app
// makes them. Measures:
//   1. the report history table built from the day files (once, at the first report)
//   2. a report over the whole year (and one filtered by a service), warm, end to end over HTTP
//   3. exports of one month: per-ticket CSV, and the XLSX workbook (summary sheets + every ticket)
// Prints a table and a final `BENCH_JSON {…}` line. Run alone: npx tsx tests/bench/manager-bench.ts
// Env: BENCH_DAYS, BENCH_TICKETS (per day) to change the size.
import { CenterConfigSchema } from '@core/config.ts';
import { daysOfRange } from '@core/report-query.ts';
import { demoCenterConfig } from '../../server/seed/demo-center.ts';
import { startServer } from '../helpers/server.ts';
import { generateHistory } from './history.ts';
import { ms, round, roundSummary, summarize, table } from './stats.ts';
import type { Summary } from './stats.ts';

const DAYS = Number(process.env.BENCH_DAYS ?? 250);
const PER_DAY = Number(process.env.BENCH_TICKETS ?? 400);
const RUNS = 10;
const EXPORT_RUNS = 3;
const TARGET_REPORT_MS = 1_000;

const log = (line: string) => process.stderr.write(`manager-bench: ${line}\n`);
const watchdog = setTimeout(() => {
  log('watchdog fired after 150 s');
  process.exit(2);
}, 150_000);

const config = CenterConfigSchema.parse(demoCenterConfig());
config.center.enforceWindows = false;
log('starting a server with the demo center');
const server = await startServer({ config });
try {
  const officers = new Map(server.app.parts.accounts.users().filter((u) => u.role === 'officer').map((u) => [Number(u.username.replace('canbo', '')), u.id]));
  log(`writing ${DAYS} days × ~${PER_DAY} tickets of history`);
  const history = await generateHistory(server.dataDir, config, { days: DAYS, ticketsPerDay: PER_DAY, now: server.clock.now(), officerOfCounter: officers });
  const headers = { authorization: `Bearer ${await server.login('quanly')}` };
  const get = async (path: string): Promise<{ ms: number; bytes: number; status: number; body: Buffer }> => {
    const started = performance.now();
    const res = await fetch(`${server.url}${path}`, { headers });
    const body = Buffer.from(await res.arrayBuffer());
    return { ms: performance.now() - started, bytes: body.length, status: res.status, body };
  };
  const must = async (path: string) => {
    const r = await get(path);
    if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${r.body.toString('utf8').slice(0, 300)}`);
    return r;
  };

  const yearQuery = `from=${history.firstDay}&to=${history.lastDay}`;
  log('first report (builds the history table)');
  const cold = await must(`/api/manager/reports?${yearQuery}`);
  const stats = server.app.parts.desk.reports.history.stats();
  const yearTimes: number[] = [];
  const serverTimes: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = await must(`/api/manager/reports?${yearQuery}`);
    yearTimes.push(r.ms);
    const meta = (JSON.parse(r.body.toString('utf8')) as { data: { meta: { ms: number; rows: number } } }).data.meta;
    serverTimes.push(meta.ms);
    rows = meta.rows;
  }
  const filtered: number[] = [];
  for (let i = 0; i < RUNS; i++) filtered.push((await must(`/api/manager/reports?${yearQuery}&service=${config.services[0]!.code}`)).ms);

  // The last whole month of the history.
  const month = history.lastDay.slice(0, 7) > history.firstDay.slice(0, 7) ? prevMonth(history.lastDay) : history.lastDay.slice(0, 7);
  const monthDays = daysOfRange(`${month}-01`, lastDayOf(month));
  const monthQuery = `from=${monthDays[0]}&to=${monthDays[monthDays.length - 1]}`;
  const csv: number[] = [];
  const xlsx: number[] = [];
  let csvBytes = 0;
  let xlsxBytes = 0;
  let monthTickets = 0;
  for (let i = 0; i < EXPORT_RUNS; i++) {
    const c = await must(`/api/manager/reports/export.csv?${monthQuery}&table=tickets`);
    csv.push(c.ms);
    csvBytes = c.bytes;
    monthTickets = c.body.toString('utf8').split('\r\n').length - 2; // header and the final empty line
    const x = await must(`/api/manager/reports/export.xlsx?${monthQuery}`);
    xlsx.push(x.ms);
    xlsxBytes = x.bytes;
  }

  const y = summarize(yearTimes);
  const sv = summarize(serverTimes);
  const f = summarize(filtered);
  const cs = summarize(csv);
  const xs = summarize(xlsx);
  const line = (name: string, s: Summary, note = ''): string[] => [name, ms(s.p50), ms(s.max), note];
  process.stdout.write('\n' + table([
    ['measure', 'p50', 'max', 'note'],
    ['history table build (first report)', ms(stats.loadMs ?? Number.NaN), '', `${stats.days} days, ${stats.rows.toLocaleString('en')} tickets, ${(history.bytes / 1e6).toFixed(0)} MB of day files`],
    ['first report over the year (incl. build)', ms(cold.ms), '', ''],
    line(`report over the year (HTTP, ${RUNS} runs)`, y, `${rows.toLocaleString('en')} rows, target < ${TARGET_REPORT_MS} ms`),
    line('  of which aggregation on the server', sv),
    line('report over the year, one service', f),
    line(`CSV of ${month} (per ticket)`, cs, `${monthTickets.toLocaleString('en')} tickets, ${(csvBytes / 1e6).toFixed(1)} MB`),
    line(`XLSX of ${month} (9 sheets)`, xs, `${(xlsxBytes / 1e6).toFixed(1)} MB`),
  ]) + '\n\n');
  const result = {
    history: { days: history.days, tickets: history.tickets, bytes: history.bytes, buildMs: round(stats.loadMs ?? Number.NaN) },
    reportYear: { ...roundSummary(y), rows, target: TARGET_REPORT_MS, met: y.max < TARGET_REPORT_MS },
    reportYearServer: roundSummary(sv),
    reportYearFiltered: roundSummary(f),
    firstReportMs: round(cold.ms),
    exportMonth: { month, tickets: monthTickets, csv: roundSummary(cs), csvBytes, xlsx: roundSummary(xs), xlsxBytes },
  };
  process.stdout.write(`BENCH_JSON ${JSON.stringify(result)}\n`);
} finally {
  await server.close();
  clearTimeout(watchdog);
}
// The in-process server's worker threads (printing, voice) would keep this script alive.
process.exit(process.exitCode ?? 0);

function prevMonth(day: string): string {
  const [y, m] = day.slice(0, 7).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
