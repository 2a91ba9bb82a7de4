// `npm run bench`: Lượt's performance against real child processes over real sockets on
// 127.0.0.1. Four parts, one run, one table, and one `BENCH_JSON {…}` line at the end:
//   1. durable ticket issues per second (20 kiosks × 4 in flight, lowdb + fsync, empty day)
//   2. call-next → 'ticket:called' on each of 50 displays (100 officers, 20 kiosks connected)
//   3. the same fan-out on a bare Socket.IO server (baseline for 2)
//   4. a year of history (~100,000 tickets in ~250 day files): start time, then 1 again
// Exits 0 whether targets are met or not; non-zero only if the benchmark itself failed.
// Env: BENCH_KEEP=1 keeps the temp folders; BENCH_CPU_PROF=<dir> profiles the Lượt server children.
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DayState } from '@core/ticket.ts';
import { localDay } from '@core/time.ts';
import type { BenchServerReady } from './bench-server.ts';
import { generateHistory } from './history.ts';
import type { HistoryResult } from './history.ts';
import type { FanoutResult, IssueResult } from './phases.ts';
import { callToDisplay, issueThroughput, rawFanout } from './phases.ts';
import { killAllChildren, spawnTs, waitHealthy } from './proc.ts';
import { benchConfig, copySeed, COUNTERS, DISPLAYS, KIOSKS, seedBench } from './seed.ts';
import type { BenchCredentials } from './seed.ts';
import type { Summary } from './stats.ts';
import { ms, ratio, round, roundSummary, summarize, table } from './stats.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WATCHDOG_MS = 5 * 60_000;
const ISSUE = { durationMs: 10_000, maxTickets: 5_000, inFlight: 4, warmup: 100 };
const CALLS = { rounds: 300, warmup: 20, preIssue: 800 };
const HISTORY = { days: 250, ticketsPerDay: 400 };
const TARGET = { issuesPerSec: 500, fanoutRatio: 1.5, historyRatio: 1.2, startMs: 2_000 };

const watchdog = setTimeout(() => {
  process.stderr.write(`bench: watchdog fired after ${WATCHDOG_MS / 1000} s; killing children\n`);
  killAllChildren();
  process.exit(2);
}, WATCHDOG_MS);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => { killAllChildren(); process.exit(130); });
}
process.on('exit', killAllChildren);

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

interface StartTimes {
  spawnToReadyMs: number;
  spawnToHealthMs: number;
  inProcessMs: number;
  createAppMs: number;
}

async function startLuot(dataDir: string, label: string) {
  const nodeFlags = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${label}.cpuprofile`] : [];
  const server = await spawnTs<BenchServerReady>('tests/bench/bench-server.ts', [dataDir], { cwd: ROOT, label, timeoutMs: 60_000, nodeFlags });
  const url = `http://127.0.0.1:${server.ready.port}`;
  const spawnToHealthMs = await waitHealthy(`${url}/api/health`, server.spawnedAt);
  const start: StartTimes = {
    spawnToReadyMs: server.spawnToReadyMs, spawnToHealthMs, inProcessMs: server.ready.startMs, createAppMs: server.ready.appMs,
  };
  return { server, url, start };
}

/** Every acknowledged ticket must be in today's day file already (acks wait for fsync). */
async function durableCount(dataDir: string): Promise<number> {
  const day = JSON.parse(await readFile(join(dataDir, 'days', `${localDay(Date.now())}.json`), 'utf8')) as DayState;
  return Object.keys(day.tickets).length;
}

async function issuePhase(dataDir: string, label: string, creds: BenchCredentials) {
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

const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const lat = (s: Summary) => `p50 ${ms(s.p50)} · p99 ${ms(s.p99)} · max ${ms(s.max)}`;

async function main(): Promise<void> {
  const base = await mkdtemp(join(tmpdir(), 'luot-bench-'));
  log(`data in ${base}; ${cpus().length} cores, node ${process.version}`);
  try {
    const t0 = performance.now();
    const seedDir = join(base, 'seed');
    const creds = await seedBench(seedDir);
    const seedMs = performance.now() - t0;
    log(`seeded ${COUNTERS} officers, ${DISPLAYS} displays, ${KIOSKS} kiosks in ${seedMs.toFixed(0)} ms`);

    // 1. durable issues on an empty day
    const emptyDir = join(base, 'empty');
    await copySeed(seedDir, emptyDir);
    const empty = await issuePhase(emptyDir, 'luot-empty', creds);

    // 2. call-next → displays
    const callDir = join(base, 'calls');
    await copySeed(seedDir, callDir);
    const callServer = await startLuot(callDir, 'luot-calls');
    let calls: FanoutResult;
    try {
      log(`luot-calls: logging in ${COUNTERS} officers, connecting ${COUNTERS + DISPLAYS + KIOSKS} sockets, ${CALLS.warmup}+${CALLS.rounds} calls…`);
      calls = await callToDisplay(callServer.url, creds, CALLS);
    } finally {
      await callServer.server.stop();
    }
    if (!calls.sampleCall) throw new Error('no call reached the displays');

    // 3. bare Socket.IO baseline with the same clients and the same payload
    const rawServer = await spawnTs<{ port: number }>('tests/bench/raw-fanout-server.ts', [], { cwd: ROOT, label: 'raw-socketio', timeoutMs: 30_000 });
    let raw: FanoutResult;
    try {
      log(`raw-socketio: ${CALLS.warmup}+${CALLS.rounds} fan-outs…`);
      raw = await rawFanout(`http://127.0.0.1:${rawServer.ready.port}`, calls.sampleCall,
        { officers: COUNTERS, displays: DISPLAYS, kiosks: KIOSKS }, { rounds: CALLS.rounds, warmup: CALLS.warmup });
    } finally {
      await rawServer.stop();
    }

    // 4. a year of history, then the same issue run
    const histDir = join(base, 'history');
    await copySeed(seedDir, histDir);
    log(`generating ${HISTORY.days} days × ~${HISTORY.ticketsPerDay} tickets of history…`);
    const history: HistoryResult = await generateHistory(histDir, benchConfig(), {
      ...HISTORY, now: Date.now(), officerOfCounter: new Map(creds.officers.map((o) => [o.counter, o.id])),
    });
    const hist = await issuePhase(histDir, 'luot-history', creds);

    report({ seedMs, empty, calls, raw, history, hist });
  } finally {
    if (process.env.BENCH_KEEP === '1') log(`kept ${base}`);
    else await rm(base, { recursive: true, force: true });
  }
}

interface Results {
  seedMs: number;
  empty: Awaited<ReturnType<typeof issuePhase>>;
  hist: Awaited<ReturnType<typeof issuePhase>>;
  calls: FanoutResult;
  raw: FanoutResult;
  history: HistoryResult;
}

function report(r: Results): void {
  const issueE = summarize(r.empty.issue.latencies);
  const issueH = summarize(r.hist.issue.latencies);
  const call = summarize(r.calls.samples);
  const callAck = summarize(r.calls.acks);
  const raw = summarize(r.raw.samples);
  const rawAck = summarize(r.raw.acks);
  const p99Ratio = ratio(call.p99, raw.p99);
  const p50Ratio = ratio(call.p50, raw.p50);
  const latRatio = ratio(issueH.p50, issueE.p50);
  const tputRatio = ratio(r.empty.issue.perSecond, r.hist.issue.perSecond);
  const startH = r.hist.start;
  const startE = r.empty.start;
  const refusals = (i: IssueResult) => Object.entries(i.refused).map(([k, v]) => `${k}×${v}`).join(', ') || 'none';
  const issueLine = (i: IssueResult) => `${i.perSecond.toFixed(0)}/s (${i.ok} acks in ${i.seconds.toFixed(2)} s; refused: ${refusals(i)})`;
  const startLine = (s: StartTimes) =>
    `spawn→ready ${ms(s.spawnToReadyMs)} · spawn→health ${ms(s.spawnToHealthMs)} · in-process ${ms(s.inProcessMs)} (createApp+listen ${ms(s.createAppMs)})`;

  const rows: string[][] = [
    ['#', 'Measure', 'Result', 'Target', ''],
    ['0', 'seed 100 officers (scrypt) + 70 devices', ms(r.seedMs), '', ''],
    ['1', 'durable issues/s, empty day', issueLine(r.empty.issue), `≥ ${TARGET.issuesPerSec}/s`, pass(r.empty.issue.perSecond >= TARGET.issuesPerSec)],
    ['1', 'issue ack latency, empty day', lat(issueE), '', ''],
    ['1', 'acked tickets found in day file', `${r.empty.onDisk} on disk / ${r.empty.expected} acked`, 'all', pass(r.empty.onDisk >= r.empty.expected)],
    ['1', 'server start, empty', startLine(startE), '', ''],
    ['2', `call-next → each of ${r.calls.receivers} displays`, `${lat(call)} (${call.n} samples, ${r.calls.rounds} calls)`, '', ''],
    ['2', 'call-next ack (officer)', lat(callAck), '', ''],
    ['3', `raw Socket.IO fan-out → ${r.raw.receivers} displays`, `${lat(raw)} (${raw.n} samples, ${r.raw.payloadBytes} B payload)`, '', ''],
    ['3', 'raw trigger ack', lat(rawAck), '', ''],
    ['2/3', 'call→display p99 / raw p99', `${p99Ratio.toFixed(2)}×`, `≤ ${TARGET.fanoutRatio}×`, pass(p99Ratio <= TARGET.fanoutRatio)],
    ['2/3', 'call→display p50 / raw p50', `${p50Ratio.toFixed(2)}×`, '(info)', ''],
    ['4', 'history generated', `${r.history.days} day files ${r.history.firstDay}…${r.history.lastDay}, ${r.history.tickets} tickets, ${(r.history.bytes / 1e6).toFixed(1)} MB in ${ms(r.history.ms)}`, '', ''],
    ['4', 'server start with history', startLine(startH), `< ${TARGET.startMs} ms`, pass(startH.spawnToHealthMs < TARGET.startMs)],
    ['4', 'durable issues/s with history', issueLine(r.hist.issue), `≥ ${TARGET.issuesPerSec}/s`, pass(r.hist.issue.perSecond >= TARGET.issuesPerSec)],
    ['4', 'issue ack latency with history', lat(issueH), '', ''],
    ['4', 'acked tickets found in day file', `${r.hist.onDisk} on disk / ${r.hist.expected} acked`, 'all', pass(r.hist.onDisk >= r.hist.expected)],
    ['4', 'issue p50 latency: history / empty', `${latRatio.toFixed(2)}× (${ms(issueH.p50)} / ${ms(issueE.p50)})`, `≤ ${TARGET.historyRatio}×`, pass(latRatio <= TARGET.historyRatio)],
    ['4', 'issues/s: empty / history', `${tputRatio.toFixed(2)}× (${r.empty.issue.perSecond.toFixed(0)} / ${r.hist.issue.perSecond.toFixed(0)})`, `≤ ${TARGET.historyRatio}×`, pass(tputRatio <= TARGET.historyRatio)],
  ];
  process.stdout.write('\nLượt benchmark (127.0.0.1, real child processes, lowdb + fsync)\n\n' + table(rows) + '\n');
  process.stdout.write(`\nissues per second over time, empty:   ${r.empty.issue.timeline.join(' ')}\n`);
  process.stdout.write(`issues per second over time, history: ${r.hist.issue.timeline.join(' ')}\n\n`);

  const json = {
    machine: { cores: cpus().length, node: process.version },
    seedMs: round(r.seedMs),
    issueEmpty: { perSecond: round(r.empty.issue.perSecond, 1), ok: r.empty.issue.ok, seconds: round(r.empty.issue.seconds), refused: r.empty.issue.refused, latencyMs: roundSummary(issueE), timeline: r.empty.issue.timeline, onDisk: r.empty.onDisk, acked: r.empty.expected },
    callToDisplay: { latencyMs: roundSummary(call), ackMs: roundSummary(callAck), calls: r.calls.rounds, skipped: r.calls.skipped, displays: r.calls.receivers, payloadBytes: r.calls.payloadBytes },
    rawFanout: { latencyMs: roundSummary(raw), ackMs: roundSummary(rawAck), rounds: r.raw.rounds, displays: r.raw.receivers },
    fanoutRatio: { p50: round(p50Ratio), p99: round(p99Ratio) },
    history: { days: r.history.days, tickets: r.history.tickets, bytes: r.history.bytes, generateMs: round(r.history.ms) },
    startEmpty: mapRound(startE),
    startHistory: mapRound(startH),
    issueHistory: { perSecond: round(r.hist.issue.perSecond, 1), ok: r.hist.issue.ok, seconds: round(r.hist.issue.seconds), refused: r.hist.issue.refused, latencyMs: roundSummary(issueH), timeline: r.hist.issue.timeline, onDisk: r.hist.onDisk, acked: r.hist.expected },
    historyRatio: { issueP50Latency: round(latRatio), throughput: round(tputRatio) },
    targets: {
      issuesPerSec: r.empty.issue.perSecond >= TARGET.issuesPerSec,
      fanoutP99Ratio: p99Ratio <= TARGET.fanoutRatio,
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
