// Call-next → the 50 boards, against a bare Socket.IO fan-out of the same payload: the one
// measurement behind `npm run bench` (parts 2, 2q, 3) and tests/bench/fanout-bench.ts.
// Turns of [voice on, voice off, raw], pooled per kind, so that the machine's drift falls on all
// three alike; each Lượt run starts from the same seeded folder.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { BoardCallView } from '@core/views.ts';
import type { BenchServerReady, ServerFanout } from './bench-server.ts';
import { callToDisplay, rawFanout } from './phases.ts';
import type { CallOptions } from './phases.ts';
import { spawnTs, waitHealthy } from './proc.ts';
import { copySeed, COUNTERS, DISPLAYS, KIOSKS } from './seed.ts';
import { summarize } from './stats.ts';
import type { CpuUse } from './cpu-use.ts';
import type { BenchCredentials } from './seed.ts';

export interface Pins {
  clients: string;
  server: string;
}

/**
 * The boards, consoles and kiosks are other machines in a center: here they share the server's two
 * cores. Left free, the 170 bench clients and the voice's worker take turns on the same cores and
 * the figure measures their contention, not the server. So, where taskset is found and there are
 * two CPUs or more, this process (the clients) runs on CPU 0 and each server (with its voice
 * worker) on CPU 1: raw and Lượt alike (the boards' own process, board-listener.ts, runs on CPU 0
 * above the other clients). BENCH_PIN=0 turns it off. Pinned, a busy machine hurts
 * more (nothing can move to the other CPU): compare figures taken under the same load.
 */
export function pinClients(): Pins | null {
  if (process.env.BENCH_PIN === '0' || process.platform !== 'linux' || availableParallelism() < 2) return null;
  try {
    execFileSync('taskset', ['-acp', '0', String(process.pid)], { stdio: 'ignore' });
    return { clients: '0', server: '1' };
  } catch {
    return null; // no taskset: unpinned
  }
}

/** This process back on every CPU (after a pinned measurement, for parts that were never pinned). */
export function unpinClients(pins: Pins | null): void {
  if (!pins) return;
  const all = `0-${availableParallelism() - 1}`;
  try { execFileSync('taskset', ['-acp', all, String(process.pid)], { stdio: 'ignore' }); } catch { /* stays pinned: only later figures suffer */ }
}

export const describePins = (pins: Pins | null) => (pins ? `clients on CPU ${pins.clients}, servers on CPU ${pins.server}` : 'not pinned');

export interface StartedLuot {
  url: string;
  stop(): Promise<void>;
}

/** Starts a bench server on a data folder (from `root`, a checkout: this one or an older one). */
export async function startBenchServer(dataDir: string, label: string, root: string, pins: Pins | null): Promise<StartedLuot & { spawnToReadyMs: number; spawnToHealthMs: number; ready: BenchServerReady; pid: number | undefined }> {
  const nodeFlags = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_CPU_PROF, label)}`, `--cpu-prof-interval=${process.env.BENCH_CPU_PROF_US ?? 1000}`]
    : [];
  nodeFlags.push(...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean));
  const server = await spawnTs<BenchServerReady>('tests/bench/bench-server.ts', [dataDir], { cwd: root, label, timeoutMs: 60_000, nodeFlags, cpus: pins?.server });
  const url = `http://127.0.0.1:${server.ready.port}`;
  const spawnToHealthMs = await waitHealthy(`${url}/api/health`, server.spawnedAt);
  // taskset and chrt exec the command they are given: the child's pid is node's.
  return { url, stop: () => server.stop(), spawnToReadyMs: server.spawnToReadyMs, spawnToHealthMs, ready: server.ready, pid: server.child.pid };
}

/** The seeded folder copied, with the voice off when asked (engine none, no chime). */
export async function prepareRun(seedDir: string, dir: string, voiceOff: boolean): Promise<void> {
  await copySeed(seedDir, dir);
  if (!voiceOff) return;
  const path = join(dir, 'config.json');
  const config = JSON.parse(await readFile(path, 'utf8')) as { voice?: Record<string, unknown> };
  config.voice = { ...config.voice, engine: 'none', chime: false };
  await writeFile(path, JSON.stringify(config));
}

export interface FanoutFigures {
  /** Per display per call, ms: voice on, voice off, the bare Socket.IO server. */
  voiceOn: number[];
  voiceOff: number[];
  raw: number[];
  /** The server's own side (bench-server.ts): a call-next's arrival → its last board's packet, ms. */
  serverOn: number[];
  serverOff: number[];
  /** The same to the first board's packet. */
  serverFirstOn: number[];
  serverFirstOff: number[];
  /** call-next → the officer's ack, voice on. */
  acks: number[];
  calls: number;
  receivers: number;
  payloadBytes: number;
  /** A folder left by a voice-on run (its day file: the journal floor of bench.ts). */
  voiceOnDir: string;
  pins: Pins | null;
  turns: number;
  /**
   * Each turn's p99 against that turn's bare fan-out: the pooled p99 is decided by a few calls in
   * each run (1 % of 300), so its spread from turn to turn says how far one figure can be trusted.
   */
  p99Ratios: { voiceOn: number; voiceOff: number }[];
  /** Each server's CPU time over its measured calls (cpu-use.ts; empty where not measured). */
  cpu: { voiceOn: CpuUse[]; voiceOff: CpuUse[]; raw: CpuUse[] };
}

/** "on 1.52× · off 1.20×, on 1.70× · off 0.98×": each turn's p99 ratios to the bare fan-out. */
export const describeTurns = (f: FanoutFigures) => f.p99Ratios.map((t) => `on ${t.voiceOn.toFixed(2)}× · off ${t.voiceOff.toFixed(2)}×`).join(', ');

export interface FanoutSetup {
  root: string;
  base: string;
  seedDir: string;
  creds: BenchCredentials;
  calls: CallOptions;
  turns: number;
  pins: Pins | null;
  log?: (line: string) => void;
}

export async function measureFanout(s: FanoutSetup): Promise<FanoutFigures> {
  const log = s.log ?? (() => {});
  const figures: FanoutFigures = {
    voiceOn: [], voiceOff: [], raw: [], serverOn: [], serverOff: [], serverFirstOn: [], serverFirstOff: [], acks: [], calls: 0, receivers: 0, payloadBytes: 0, voiceOnDir: '', pins: s.pins, turns: s.turns, p99Ratios: [],
    cpu: { voiceOn: [], voiceOff: [], raw: [] },
  };
  let sampleCall: BoardCallView | null = null;
  const luotRun = async (label: string, voiceOff: boolean) => {
    const dir = join(s.base, label);
    await prepareRun(s.seedDir, dir, voiceOff);
    const luot = await startBenchServer(dir, label, s.root, s.pins);
    let result;
    try {
      log(`${label}: ${s.calls.warmup}+${s.calls.rounds} calls to ${DISPLAYS} displays (${COUNTERS} officers, ${KIOSKS} kiosks connected)…`);
      result = await callToDisplay(luot.url, s.creds, s.calls, { cwd: s.root, cpus: s.pins?.clients }, luot.pid);
    } finally {
      await luot.stop();
    }
    // Written by the server as it stopped; an older checkout's server (BENCH_AB_ROOT) writes none.
    const timed = await readFile(join(dir, 'server-fanout.json'), 'utf8').then((t) => JSON.parse(t) as ServerFanout, () => null);
    const server = timed?.lastBoardMs.slice(s.calls.warmup) ?? [];
    const serverFirst = timed?.firstBoardMs.slice(s.calls.warmup) ?? [];
    return { dir, result, server, serverFirst };
  };
  for (let turn = 0; turn < s.turns; turn++) {
    const on = await luotRun(`luot-calls-${turn}`, false);
    if (!on.result.sampleCall) throw new Error('no call reached the displays');
    sampleCall ??= on.result.sampleCall;
    figures.voiceOnDir = on.dir;
    figures.voiceOn.push(...on.result.samples);
    figures.serverOn.push(...on.server);
    figures.serverFirstOn.push(...on.serverFirst);
    figures.acks.push(...on.result.acks);
    if (on.result.cpu) figures.cpu.voiceOn.push(on.result.cpu);
    figures.calls += on.result.rounds;
    figures.receivers = on.result.receivers;
    const off = await luotRun(`luot-calls-quiet-${turn}`, true);
    figures.voiceOff.push(...off.result.samples);
    figures.serverOff.push(...off.server);
    figures.serverFirstOff.push(...off.serverFirst);
    if (off.result.cpu) figures.cpu.voiceOff.push(off.result.cpu);
    const rawServer = await spawnTs<{ port: number }>('tests/bench/raw-fanout-server.ts', [], { cwd: s.root, label: 'raw-socketio', timeoutMs: 30_000, cpus: s.pins?.server });
    try {
      log(`raw-socketio: ${s.calls.warmup}+${s.calls.rounds} fan-outs…`);
      const raw = await rawFanout(`http://127.0.0.1:${rawServer.ready.port}`, sampleCall,
        { officers: COUNTERS, displays: DISPLAYS, kiosks: KIOSKS }, { rounds: s.calls.rounds, warmup: s.calls.warmup }, { cwd: s.root, cpus: s.pins?.clients }, rawServer.child.pid);
      figures.raw.push(...raw.samples);
      if (raw.cpu) figures.cpu.raw.push(raw.cpu);
      const rawP99 = summarize(raw.samples).p99;
      figures.p99Ratios.push({ voiceOn: summarize(on.result.samples).p99 / rawP99, voiceOff: summarize(off.result.samples).p99 / rawP99 });
    } finally {
      await rawServer.stop();
    }
  }
  figures.payloadBytes = Buffer.byteLength(JSON.stringify(sampleCall));
  return figures;
}
