// Parts 2, 2q and 3 of bench.ts alone (tests/bench/fanout.ts), for working on the broadcast path:
// call-next → 50 displays with the voice on and off, and the bare Socket.IO fan-out of the same
// payload, in turns. `npx tsx tests/bench/fanout-bench.ts`; BENCH_CPU_PROF=<dir> profiles the
// Lượt server children; BENCH_ROUNDS=n calls per run (300), BENCH_TURNS=n turns (2); BENCH_PIN=0
// leaves the processes unpinned; BENCH_CPU_PROF_US=n samples every n µs (1000); BENCH_KEEP=1 keeps
// the runs' folders (each has server-fanout.json: the server's side of every call);
// BENCH_NODE_FLAGS="--trace-opt --trace-gc" passes node flags to the Lượt servers.
// Before/after: BENCH_AB_ROOT=<a checkout of the old code> runs the old and this server in turns
// (old, new, old, new; BENCH_AB_TURNS pairs, 2 by default), voice off, and pools each side, so that
// the machine's drift falls on both alike.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describePins, describeTurns, measureFanout, pinClients, prepareRun, startBenchServer } from './fanout.ts';
import { describeCpu, pooledCpu } from './cpu-use.ts';
import { callToDisplay } from './phases.ts';
import { killAllChildren } from './proc.ts';
import { seedBench } from './seed.ts';
import { ms, summarize, table } from './stats.ts';
import type { Summary } from './stats.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CALLS = { rounds: Number(process.env.BENCH_ROUNDS ?? 300), warmup: 20, preIssue: 800 };
process.on('exit', killAllChildren);
const pins = pinClients();

const lat = (s: Summary) => `p50 ${ms(s.p50)} · p90 ${ms(s.p90)} · p99 ${ms(s.p99)}`;
const versus = (s: Summary, raw: Summary) => `p50 ${(s.p50 / raw.p50).toFixed(2)}× · p99 ${(s.p99 / raw.p99).toFixed(2)}×`;

async function main(): Promise<void> {
  const base = await mkdtemp(join(tmpdir(), 'luot-fanout-'));
  try {
    const seedDir = join(base, 'seed');
    const creds = await seedBench(seedDir);
    const abRoot = process.env.BENCH_AB_ROOT;
    if (abRoot) {
      const run = async (label: string, root: string) => {
        const dir = join(base, label);
        await prepareRun(seedDir, dir, true);
        const luot = await startBenchServer(dir, label, root, pins);
        try {
          return (await callToDisplay(luot.url, creds, CALLS, { cwd: ROOT, cpus: pins?.clients })).samples;
        } finally {
          await luot.stop();
        }
      };
      const turns = Number(process.env.BENCH_AB_TURNS ?? 2);
      const before: number[] = [];
      const after: number[] = [];
      for (let i = 0; i < turns; i++) {
        before.push(...(await run(`before-${i}`, resolve(abRoot))));
        after.push(...(await run(`after-${i}`, ROOT)));
      }
      const [b, a] = [summarize(before), summarize(after)];
      process.stdout.write('\n' + table([
        ['call-next → displays, voice off', 'Result'],
        [`before (${abRoot})`, lat(b)],
        ['after (this checkout)', lat(a)],
        ['after / before', `p50 ${(a.p50 / b.p50).toFixed(2)}× · p99 ${(a.p99 / b.p99).toFixed(2)}×`],
        ['', describePins(pins)],
      ]) + '\n');
      return;
    }
    const turns = Number(process.env.BENCH_TURNS ?? 2);
    const f = await measureFanout({ root: ROOT, base, seedDir, creds, calls: CALLS, turns, pins });
    const [on, off, raw] = [summarize(f.voiceOn), summarize(f.voiceOff), summarize(f.raw)];
    process.stdout.write('\n' + table([
      ['Measure', 'Result', 'vs raw'],
      [`call-next → ${f.receivers} displays`, lat(on), versus(on, raw)],
      ['  voice off', lat(off), versus(off, raw)],
      [`raw Socket.IO fan-out (${f.payloadBytes} B)`, lat(raw), ''],
      ['p99 / raw, turn by turn', describeTurns(f), ''],
      ['call-next ack', lat(summarize(f.acks)), ''],
      ['server: call-next in → first board packet, voice on', f.serverFirstOn.length ? lat(summarize(f.serverFirstOn)) : 'not measured', ''],
      ['  voice off', f.serverFirstOff.length ? lat(summarize(f.serverFirstOff)) : 'not measured', ''],
      ['server: call-next in → last board packet, voice on', f.serverOn.length ? lat(summarize(f.serverOn)) : 'not measured', ''],
      ['  voice off', f.serverOff.length ? lat(summarize(f.serverOff)) : 'not measured', ''],
      [`server CPU over the calls, voice on${pins ? ` (all on CPU ${pins.server})` : ''}`, describeCpu(pooledCpu(f.cpu.voiceOn)), ''],
      ['  voice off', describeCpu(pooledCpu(f.cpu.voiceOff)), ''],
      ['  raw Socket.IO server', describeCpu(pooledCpu(f.cpu.raw)), ''],
      ['', `${turns} turns × ${CALLS.rounds} calls; ${describePins(pins)}`, ''],
    ]) + '\n');
  } finally {
    if (!process.env.BENCH_KEEP) await rm(base, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`fanout-bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
