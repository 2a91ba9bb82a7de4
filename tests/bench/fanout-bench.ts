// Parts 2, 2q and 3 of bench.ts alone, for working on the broadcast path: call-next → 50 displays
// with the voice on and off, and the bare Socket.IO fan-out of the same payload, in one run.
// `npx tsx tests/bench/fanout-bench.ts`; BENCH_CPU_PROF=<dir> profiles the Lượt server children;
// BENCH_ROUNDS=n changes the number of calls (300 by default).
// Before/after: BENCH_AB_ROOT=<a checkout of the old code> runs the old and this server in turns
// (old, new, old, new; BENCH_AB_TURNS pairs, 2 by default), voice off, and pools each side, so that
// the machine's drift falls on both alike.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchServerReady } from './bench-server.ts';
import type { BoardCallView } from '@core/views.ts';
import { callToDisplay, rawFanout } from './phases.ts';
import { killAllChildren, spawnTs, waitHealthy } from './proc.ts';
import { copySeed, COUNTERS, DISPLAYS, KIOSKS, seedBench } from './seed.ts';
import { ms, summarize, table } from './stats.ts';
import type { Summary } from './stats.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CALLS = { rounds: Number(process.env.BENCH_ROUNDS ?? 300), warmup: 20, preIssue: 800 };
process.on('exit', killAllChildren);

async function startLuot(dataDir: string, label: string, root = ROOT) {
  const nodeFlags = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_CPU_PROF, label)}`] : [];
  const server = await spawnTs<BenchServerReady>('tests/bench/bench-server.ts', [dataDir], { cwd: root, label, timeoutMs: 60_000, nodeFlags, cpus: pins?.server });
  const url = `http://127.0.0.1:${server.ready.port}`;
  await waitHealthy(`${url}/api/health`, server.spawnedAt);
  return { server, url };
}

/**
 * The boards, consoles and kiosks are other machines in a center: here they share the server's two
 * cores. Left free, the 170 bench clients and the voice's worker take turns on the same cores and
 * the figure measures their contention, not the server. So, where taskset is found and there are
 * two CPUs or more, the clients run on one CPU and each server (with its voice worker) on another:
 * raw and Lượt alike. BENCH_PIN=0 turns it off.
 */
function pinning(): { clients: string; server: string } | null {
  if (process.env.BENCH_PIN === '0' || process.platform !== 'linux' || availableParallelism() < 2) return null;
  try {
    execFileSync('taskset', ['-acp', '0', String(process.pid)], { stdio: 'ignore' });
    return { clients: '0', server: '1' };
  } catch {
    return null; // no taskset: unpinned, as before
  }
}
const pins = pinning();

const lat = (s: Summary) => `p50 ${ms(s.p50)} · p90 ${ms(s.p90)} · p99 ${ms(s.p99)}`;

async function main(): Promise<void> {
  const base = await mkdtemp(join(tmpdir(), 'luot-fanout-'));
  try {
    const seedDir = join(base, 'seed');
    const creds = await seedBench(seedDir);
    const run = async (label: string, voiceOff: boolean, root = ROOT) => {
      const dir = join(base, label);
      await copySeed(seedDir, dir);
      if (voiceOff) {
        const path = join(dir, 'config.json');
        const config = JSON.parse(await readFile(path, 'utf8')) as { voice?: Record<string, unknown> };
        config.voice = { ...config.voice, engine: 'none', chime: false };
        await writeFile(path, JSON.stringify(config));
      }
      const luot = await startLuot(dir, label, root);
      try {
        return await callToDisplay(luot.url, creds, CALLS);
      } finally {
        await luot.server.stop();
      }
    };
    const abRoot = process.env.BENCH_AB_ROOT;
    if (abRoot) {
      const turns = Number(process.env.BENCH_AB_TURNS ?? 2);
      const before: number[] = [];
      const after: number[] = [];
      for (let i = 0; i < turns; i++) {
        before.push(...(await run(`before-${i}`, true, resolve(abRoot))).samples);
        after.push(...(await run(`after-${i}`, true)).samples);
      }
      const [b, a] = [summarize(before), summarize(after)];
      process.stdout.write('\n' + table([
        ['call-next → displays, voice off', 'Result'],
        [`before (${abRoot})`, lat(b)],
        ['after (this checkout)', lat(a)],
        ['after / before', `p50 ${(a.p50 / b.p50).toFixed(2)}× · p99 ${(a.p99 / b.p99).toFixed(2)}×`],
      ]) + '\n');
      return;
    }
    // Turns of raw, voice on, voice off, pooled per side, so that the machine's drift falls on all three.
    const turns = Number(process.env.BENCH_TURNS ?? 2);
    const pooled = { calls: [] as number[], quiet: [] as number[], raw: [] as number[], acks: [] as number[] };
    let sampleCall: BoardCallView | null = null;
    let receivers = 0;
    for (let turn = 0; turn < turns; turn++) {
      const calls = await run(`luot-calls-${turn}`, false);
      if (!calls.sampleCall) throw new Error('no call reached the displays');
      sampleCall ??= calls.sampleCall;
      receivers = calls.receivers;
      pooled.calls.push(...calls.samples);
      pooled.acks.push(...calls.acks);
      pooled.quiet.push(...(await run(`luot-calls-quiet-${turn}`, true)).samples);
      const rawServer = await spawnTs<{ port: number }>('tests/bench/raw-fanout-server.ts', [], { cwd: ROOT, label: 'raw-socketio', timeoutMs: 30_000, cpus: pins?.server });
      try {
        const raw = await rawFanout(`http://127.0.0.1:${rawServer.ready.port}`, sampleCall,
          { officers: COUNTERS, displays: DISPLAYS, kiosks: KIOSKS }, { rounds: CALLS.rounds, warmup: CALLS.warmup });
        pooled.raw.push(...raw.samples);
      } finally {
        await rawServer.stop();
      }
    }
    const payloadBytes = Buffer.byteLength(JSON.stringify(sampleCall));
    const [c, q, r] = [summarize(pooled.calls), summarize(pooled.quiet), summarize(pooled.raw)];
    process.stdout.write('\n' + table([
      ['Measure', 'Result', 'vs raw'],
      [`call-next → ${receivers} displays`, lat(c), `p50 ${(c.p50 / r.p50).toFixed(2)}× · p99 ${(c.p99 / r.p99).toFixed(2)}×`],
      ['  voice off', lat(q), `p50 ${(q.p50 / r.p50).toFixed(2)}× · p99 ${(q.p99 / r.p99).toFixed(2)}×`],
      [`raw Socket.IO fan-out (${payloadBytes} B)`, lat(r), ''],
      ['call-next ack', lat(summarize(pooled.acks)), ''],
      ['', pins ? `clients on CPU ${pins.clients}, servers on CPU ${pins.server}` : 'not pinned', ''],
    ]) + '\n');
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`fanout-bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
