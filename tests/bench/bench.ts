// `npm run bench`: Lượt's performance against real child processes over real sockets on
// 127.0.0.1. Four parts, one run, one table, and one `BENCH_JSON {…}` line at the end:
//   1. durable ticket issues per second (20 kiosks × 4 in flight, lowdb + fsync, empty day)
//   2. call-next → 'board:called' on each of 50 displays (100 officers, 20 kiosks connected), voice
//      on; 2q the same with the voice off
//   3. the same fan-out on a bare Socket.IO server (baseline for 2), in turns with 2 and 2q
//   4. a year of history (~100,000 tickets in ~250 day files): start time, then 1 again
// Exits 0 whether targets are met or not; non-zero only if the benchmark itself failed.
// Env: BENCH_KEEP=1 keeps the temp folders; BENCH_CPU_PROF=<dir> profiles the Lượt server children.
import { rmSync } from 'node:fs';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DayState } from '@core/ticket.ts';
import { localDay } from '@core/time.ts';
import { durableFloor } from './floor.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import type { DurableFloor } from './floor.ts';
import { generateHistory } from './history.ts';
import type { HistoryResult } from './history.ts';
import type { IssueResult } from './phases.ts';
import { issueThroughput } from './phases.ts';
import { describePins, describeTurns, measureFanout, pinClients, startBenchServer, unpinClients } from './fanout.ts';
import type { FanoutFigures } from './fanout.ts';
import { describeCpu, pooledCpu } from './cpu-use.ts';
import { killAllChildren } from './proc.ts';
import { benchConfig, copySeed, COUNTERS, DISPLAYS, KIOSKS, seedBench } from './seed.ts';
import type { BenchCredentials } from './seed.ts';
import type { Summary } from './stats.ts';
import { ms, ratio, round, roundSummary, summarize, table } from './stats.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WATCHDOG_MS = 9 * 60_000; // the fan-out runs in two turns (~3 min of the total)
const ISSUE = { durationMs: 10_000, maxTickets: 5_000, inFlight: 4, warmup: 100 };
const CALLS = { rounds: 300, warmup: 20, preIssue: 800 };
const HISTORY = { days: 250, ticketsPerDay: 400 };
const CALL_TURNS = 2;
// Fan-out: call-next → each board against the bare Socket.IO fan-out (issue 11): p50 ≤ 2×, p99 ≤ 1.2×.
const TARGET = { issuesPerSec: 500, fanoutP50: 2, fanoutP99: 1.2, historyRatio: 1.2, startMs: 2_000 };

const watchdog = setTimeout(() => {
  process.stderr.write(`bench: watchdog fired after ${WATCHDOG_MS / 1000} s; killing children\n`);
  killAllChildren();
  process.exit(2);
}, WATCHDOG_MS);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => { killAllChildren(); process.exit(130); });
}
/** The temp folder of this run, removed on any exit (unless BENCH_KEEP=1). */
let baseDir: string | null = null;
process.on('exit', () => {
  killAllChildren();
  if (baseDir && process.env.BENCH_KEEP !== '1') rmSync(baseDir, { recursive: true, force: true });
});

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

interface StartTimes {
  spawnToReadyMs: number;
  spawnToHealthMs: number;
  inProcessMs: number;
  createAppMs: number;
}

async function startLuot(dataDir: string, label: string) {
  const server = await startBenchServer(dataDir, label, ROOT, null);
  const start: StartTimes = {
    spawnToReadyMs: server.spawnToReadyMs, spawnToHealthMs: server.spawnToHealthMs, inProcessMs: server.ready.startMs, createAppMs: server.ready.appMs,
  };
  return { server, url: server.url, start };
}

/** Every acknowledged ticket must be in today's day file already (acks wait for fsync). */
async function durableCount(dataDir: string): Promise<number> {
  const day = await new LowdbStore(dataDir).readDay(localDay(Date.now()));
  return Object.keys(day?.tickets ?? {}).length;
}

interface IssueRun {
  issue: IssueResult;
  start: StartTimes;
  onDisk: number;
  expected: number;
}

/** One issue run on a folder whose today starts empty (a previous run's today is removed first). */
async function issuePhase(dataDir: string, label: string, creds: BenchCredentials): Promise<IssueRun> {
  await rm(join(dataDir, 'days', `${localDay(Date.now())}.json`), { force: true });
  await rm(join(dataDir, 'days', `${localDay(Date.now())}.journal`), { force: true });
  const { server, url, start } = await startLuot(dataDir, label);
  try {
    log(`${label}: started in ${start.spawnToHealthMs.toFixed(0)} ms; issuing tickets for up to ${ISSUE.durationMs / 1000} s…`);
    const issue = await issueThroughput(url, creds, ISSUE);
    const onDisk = await durableCount(dataDir);
    return { issue, start, onDisk, expected: ISSUE.warmup + issue.ok };
  } finally {
    await server.stop();
  }
}

interface Pooled {
  runs: IssueRun[];
  perSecond: number;
  ok: number;
  seconds: number;
  latencies: number[];
  refused: Record<string, number>;
  onDisk: number;
  expected: number;
}

/** Runs of the same kind taken together: all acks over all seconds, all latency samples. */
function pool(runs: IssueRun[]): Pooled {
  const ok = runs.reduce((s, r) => s + r.issue.ok, 0);
  const seconds = runs.reduce((s, r) => s + r.issue.seconds, 0);
  const refused: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.issue.refused)) refused[k] = (refused[k] ?? 0) + v;
  return {
    runs, ok, seconds, perSecond: ok / seconds, refused,
    latencies: runs.flatMap((r) => r.issue.latencies),
    onDisk: runs.reduce((s, r) => s + r.onDisk, 0),
    expected: runs.reduce((s, r) => s + r.expected, 0),
  };
}

const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const lat = (s: Summary) => `p50 ${ms(s.p50)} · p99 ${ms(s.p99)} · max ${ms(s.max)}`;

async function main(): Promise<void> {
  const base = await mkdtemp(join(tmpdir(), 'luot-bench-'));
  baseDir = base;
  log(`data in ${base}; ${cpus().length} cores, node ${process.version}`);
  const t0 = performance.now();
  const seedDir = join(base, 'seed');
  const creds = await seedBench(seedDir);
  const seedMs = performance.now() - t0;
  log(`seeded ${COUNTERS} officers, ${DISPLAYS} displays, ${KIOSKS} kiosks in ${seedMs.toFixed(0)} ms`);

  // 1. durable issues on an empty day
  const emptyDir = join(base, 'empty');
  await copySeed(seedDir, emptyDir);
  const empty1 = await issuePhase(emptyDir, 'luot-empty-1', creds);

  // 2, 2q, 3. call-next → displays with the voice on and off, and the bare Socket.IO fan-out of the
  // same payload, in turns (tests/bench/fanout.ts; fanout-bench.ts runs these parts alone).
  const pins = pinClients();
  let fanout: FanoutFigures;
  try {
    fanout = await measureFanout({ root: ROOT, base, seedDir, creds, calls: CALLS, turns: CALL_TURNS, pins, log });
  } finally {
    unpinClients(pins);
  }
  const callDay = await new LowdbStore(fanout.voiceOnDir).readDay(localDay(Date.now()));
  if (!callDay) throw new Error('the call run left no day on disk');
  const floor = await durableFloor(callDay, join(base, 'floor'));

  // 4. a year of history, then the same issue run
  const histDir = join(base, 'history');
  await copySeed(seedDir, histDir);
  log(`generating ${HISTORY.days} days × ~${HISTORY.ticketsPerDay} tickets of history…`);
  const history: HistoryResult = await generateHistory(histDir, benchConfig(), {
    ...HISTORY, now: Date.now(), officerOfCounter: new Map(creds.officers.map((o) => [o.counter, o.id])),
  });
  // empty, history, history, empty: each kind twice, in an order that cancels drift
  const hist = pool([await issuePhase(histDir, 'luot-history-1', creds), await issuePhase(histDir, 'luot-history-2', creds)]);
  const empty = pool([empty1, await issuePhase(emptyDir, 'luot-empty-2', creds)]);

  report({ seedMs, empty, fanout, floor, history, hist });
  if (process.env.BENCH_KEEP === '1') log(`keeping ${base}`);
}

interface Results {
  seedMs: number;
  empty: Pooled;
  hist: Pooled;
  fanout: FanoutFigures;
  floor: DurableFloor;
  history: HistoryResult;
}

function report(r: Results): void {
  const issueE = summarize(r.empty.latencies);
  const issueH = summarize(r.hist.latencies);
  const call = summarize(r.fanout.voiceOn);
  const quietCall = summarize(r.fanout.voiceOff);
  const callAck = summarize(r.fanout.acks);
  const raw = summarize(r.fanout.raw);
  const p99Ratio = ratio(call.p99, raw.p99);
  const p50Ratio = ratio(call.p50, raw.p50);
  const quietP99Ratio = ratio(quietCall.p99, raw.p99);
  const quietP50Ratio = ratio(quietCall.p50, raw.p50);
  const fanoutPass = (p50: number, p99: number) => pass(p50 <= TARGET.fanoutP50 && p99 <= TARGET.fanoutP99);
  const fanoutTarget = `p50 ≤ ${TARGET.fanoutP50}×, p99 ≤ ${TARGET.fanoutP99}×`;
  const latRatio = ratio(issueH.p50, issueE.p50);
  // the same number of acks from each run, i.e. the same range of day sizes (latency grows with the day)
  const matched = Math.min(...[...r.empty.runs, ...r.hist.runs].map((run) => run.issue.ok));
  const firstAcks = (p: Pooled) => p.runs.flatMap((run) => run.issue.latencies.slice(0, matched));
  const matchedE = summarize(firstAcks(r.empty));
  const matchedH = summarize(firstAcks(r.hist));
  const matchedRatio = ratio(matchedH.p50, matchedE.p50);
  const tputRatio = ratio(r.empty.perSecond, r.hist.perSecond);
  const startH = r.hist.runs[0]!.start;
  const startE = r.empty.runs[0]!.start;
  const refusals = (i: Pooled) => Object.entries(i.refused).map(([k, v]) => `${k}×${v}`).join(', ') || 'none';
  const issueLine = (i: Pooled) =>
    `${i.perSecond.toFixed(0)}/s (runs ${i.runs.map((run) => `${run.issue.perSecond.toFixed(0)}/s`).join(', ')}; ${i.ok} acks in ${i.seconds.toFixed(1)} s; refused: ${refusals(i)})`;
  const startLine = (s: StartTimes) =>
    `spawn→ready ${ms(s.spawnToReadyMs)} · spawn→health ${ms(s.spawnToHealthMs)} · in-process ${ms(s.inProcessMs)} (createApp+listen ${ms(s.createAppMs)})`;

  const rows: string[][] = [
    ['#', 'Measure', 'Result', 'Target', ''],
    ['0', 'seed 100 officers (scrypt) + 70 devices', ms(r.seedMs), '', ''],
    ['1', 'durable issues/s, empty day', issueLine(r.empty), `≥ ${TARGET.issuesPerSec}/s`, pass(r.empty.perSecond >= TARGET.issuesPerSec)],
    ['1', 'issue ack latency, empty day', lat(issueE), '', ''],
    ['1', 'acked tickets found in day file', `${r.empty.onDisk} on disk / ${r.empty.expected} acked`, 'all', pass(r.empty.onDisk >= r.empty.expected)],
    ['1', 'server start, empty', startLine(startE), '', ''],
    ['2', `call-next → each of ${r.fanout.receivers} displays, voice on`, `${lat(call)} (${call.n} samples, ${r.fanout.calls} calls in ${r.fanout.turns} turns; ${describePins(r.fanout.pins)})`, '', ''],
    ['2', 'call-next ack (officer)', lat(callAck), '', ''],
    ['2', `floor: append a call's journal line (${r.floor.bytes} B) — before broadcast`, lat(r.floor.append), '(info)', ''],
    ['2', 'floor: fsync it — before the officer’s ack', lat(r.floor.sync), '(info)', ''],
    ['2q', 'call-next → displays, voice off', lat(quietCall), '', ''],
    ['3', `raw Socket.IO fan-out → ${r.fanout.receivers} displays`, `${lat(raw)} (${raw.n} samples, ${r.fanout.payloadBytes} B payload)`, '', ''],
    ['2/3', 'voice on: call→display / raw', `p50 ${p50Ratio.toFixed(2)}× · p99 ${p99Ratio.toFixed(2)}×`, fanoutTarget, fanoutPass(p50Ratio, p99Ratio)],
    ['2q/3', 'voice off: call→display / raw', `p50 ${quietP50Ratio.toFixed(2)}× · p99 ${quietP99Ratio.toFixed(2)}×`, fanoutTarget, fanoutPass(quietP50Ratio, quietP99Ratio)],
    ['2/3', 'p99 / raw, turn by turn', describeTurns(r.fanout), '(info)', ''],
    ['2', 'server CPU over the calls, voice on', describeCpu(pooledCpu(r.fanout.cpu.voiceOn)), '(info)', ''],
    ['2q', 'server CPU over the calls, voice off', describeCpu(pooledCpu(r.fanout.cpu.voiceOff)), '(info)', ''],
    ['3', 'raw server CPU over the fan-outs', describeCpu(pooledCpu(r.fanout.cpu.raw)), '(info)', ''],
    ['4', 'history generated', `${r.history.days} day files ${r.history.firstDay}…${r.history.lastDay}, ${r.history.tickets} tickets, ${(r.history.bytes / 1e6).toFixed(1)} MB in ${ms(r.history.ms)}`, '', ''],
    ['4', 'server start with history', startLine(startH), `< ${TARGET.startMs} ms`, pass(startH.spawnToHealthMs < TARGET.startMs)],
    ['4', 'durable issues/s with history', issueLine(r.hist), `≥ ${TARGET.issuesPerSec}/s`, pass(r.hist.perSecond >= TARGET.issuesPerSec)],
    ['4', 'issue ack latency with history', lat(issueH), '', ''],
    ['4', 'acked tickets found in day file', `${r.hist.onDisk} on disk / ${r.hist.expected} acked`, 'all', pass(r.hist.onDisk >= r.hist.expected)],
    ['4', 'issue p50 latency: history / empty', `${latRatio.toFixed(2)}× (${ms(issueH.p50)} / ${ms(issueE.p50)})`, `≤ ${TARGET.historyRatio}×`, pass(latRatio <= TARGET.historyRatio)],
    ['4', `  same, over the first ${matched} acks of each run`, `${matchedRatio.toFixed(2)}× (${ms(matchedH.p50)} / ${ms(matchedE.p50)})`, '(info)', ''],
    ['4', 'issues/s: empty / history', `${tputRatio.toFixed(2)}× (${r.empty.perSecond.toFixed(0)} / ${r.hist.perSecond.toFixed(0)})`, `≤ ${TARGET.historyRatio}×`, pass(tputRatio <= TARGET.historyRatio)],
  ];
  process.stdout.write('\nLượt benchmark (127.0.0.1, real child processes, lowdb + fsync)\n\n' + table(rows) + '\n');
  process.stdout.write('\nacks per second, second by second (the last second is partial):\n');
  for (const [name, p] of [['empty', r.empty], ['history', r.hist]] as const) {
    p.runs.forEach((run, i) => process.stdout.write(`  ${name} run ${i + 1}: ${run.issue.timeline.join(' ')}\n`));
  }
  process.stdout.write('\n');

  const json = {
    machine: { cores: cpus().length, node: process.version },
    seedMs: round(r.seedMs),
    issueEmpty: { perSecond: round(r.empty.perSecond, 1), ok: r.empty.ok, seconds: round(r.empty.seconds), refused: r.empty.refused, latencyMs: roundSummary(issueE), timelines: r.empty.runs.map((run) => run.issue.timeline), runsPerSecond: r.empty.runs.map((run) => round(run.issue.perSecond, 1)), onDisk: r.empty.onDisk, acked: r.empty.expected },
    callToDisplayVoiceOff: { latencyMs: roundSummary(quietCall) },
    callToDisplay: { latencyMs: roundSummary(call), ackMs: roundSummary(callAck), calls: r.fanout.calls, turns: r.fanout.turns, pinned: r.fanout.pins !== null, displays: r.fanout.receivers, payloadBytes: r.fanout.payloadBytes, p99RatiosByTurn: r.fanout.p99Ratios.map((t) => ({ voiceOn: round(t.voiceOn), voiceOff: round(t.voiceOff) })) },
    journalFloor: { bytes: r.floor.bytes, appendMs: roundSummary(r.floor.append), syncMs: roundSummary(r.floor.sync) },
    rawFanout: { latencyMs: roundSummary(raw), displays: r.fanout.receivers },
    serverCpuMs: { voiceOn: pooledCpu(r.fanout.cpu.voiceOn), voiceOff: pooledCpu(r.fanout.cpu.voiceOff), raw: pooledCpu(r.fanout.cpu.raw) },
    fanoutRatio: { p50: round(p50Ratio), p99: round(p99Ratio), voiceOffP50: round(quietP50Ratio), voiceOffP99: round(quietP99Ratio) },
    history: { days: r.history.days, tickets: r.history.tickets, bytes: r.history.bytes, generateMs: round(r.history.ms) },
    startEmpty: mapRound(startE),
    startHistory: mapRound(startH),
    startHistoryAgain: mapRound(r.hist.runs[1]!.start),
    issueHistory: { perSecond: round(r.hist.perSecond, 1), ok: r.hist.ok, seconds: round(r.hist.seconds), refused: r.hist.refused, latencyMs: roundSummary(issueH), timelines: r.hist.runs.map((run) => run.issue.timeline), runsPerSecond: r.hist.runs.map((run) => round(run.issue.perSecond, 1)), onDisk: r.hist.onDisk, acked: r.hist.expected },
    historyRatio: { issueP50Latency: round(latRatio), throughput: round(tputRatio), matchedAcks: matched, matchedIssueP50Latency: round(matchedRatio) },
    targets: {
      issuesPerSec: r.empty.perSecond >= TARGET.issuesPerSec,
      fanoutVoiceOn: p50Ratio <= TARGET.fanoutP50 && p99Ratio <= TARGET.fanoutP99,
      fanoutVoiceOff: quietP50Ratio <= TARGET.fanoutP50 && quietP99Ratio <= TARGET.fanoutP99,
      historyLatencyRatio: latRatio <= TARGET.historyRatio,
      historyThroughputRatio: tputRatio <= TARGET.historyRatio,
      startMs: startH.spawnToHealthMs < TARGET.startMs,
    },
  };
  process.stdout.write(`BENCH_JSON ${JSON.stringify(json)}\n`);
}

function mapRound(s: StartTimes): StartTimes {
  return { spawnToReadyMs: round(s.spawnToReadyMs), spawnToHealthMs: round(s.spawnToHealthMs), inProcessMs: round(s.inProcessMs), createAppMs: round(s.createAppMs) };
}

main().then(
  () => { clearTimeout(watchdog); killAllChildren(); process.exit(0); },
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    killAllChildren();
    process.exit(1);
  },
);
