// `npx tsx tests/bench/voice-engines-bench.ts`: call → audio ready for each voice engine on this
// machine — the system's espeak-ng (when installed), the espeak-ng built in (WebAssembly, npm), the
// voice pack (clips recorded at first start) — as the server makes it: VoiceService.announce for
// calls never said before (no cache hit), through the voice's worker process. Two ways for the
// espeak-ng engines: `cold`, back to back with nothing made ahead (each call synthesises its
// number's words, the first calls at a counter its words too); `ahead`, a call every 600 ms with
// the next few numbers handed to the voice after each call, as the lobby does with each service's
// first waiting tickets (their words are made while the worker is idle). Targets: p99 ≤ 150 ms
// for either espeak-ng, ≤ 50 ms for the pack. Prints a table and `BENCH_JSON {…}`.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { VoiceEngineName } from '@core/lobby-config.ts';
import { VoiceConfigSchema } from '@core/lobby-config.ts';
import type { CallView } from '@core/views.ts';
import { VoiceService } from '../../server/voice/voice-service.ts';
import { roundSummary, summarize, table } from './stats.ts';

const CALLS = 40;
// Also what keeps the process alive while it waits on the voice's worker (whose channel is unref'd).
const watchdog = setTimeout(() => { console.error('voice-engines-bench: over 2 minutes, stopped'); process.exit(1); }, Number(process.env.BENCH_LIMIT_SEC ?? 115) * 1000); // BENCH_LIMIT_SEC: a crowded machine

function callOf(i: number, prefix: string): CallView {
  const number = `${prefix}-${String(100 + i).padStart(3, '0')}`;
  return {
    ticket: {
      id: number, number, serviceCode: 'S', departmentCode: 'D', priority: null, status: 'called', issuedAt: 0, queuedAt: 0, calledAt: 0,
      startedAt: null, finishedAt: null, counter: 1 + (i % 10), targetCounter: null, calls: 1, transferred: false, seq: 0,
    },
    counter: 1 + (i % 10), zone: 'T1', recall: false, at: 0,
  };
}

const AHEAD = { calls: 30, everyMs: 600, next: 4 };

const dir = await mkdtemp(join(tmpdir(), 'luot-voice-bench-'));
try {
  const hasSystem = spawnSync('espeak-ng', ['--version']).status === 0;
  const all: [VoiceEngineName, string][] = [...(hasSystem ? [['espeak-ng', 'A'] as [VoiceEngineName, string]] : []), ['espeak-ng-wasm', 'B'], ['voice-pack', 'C']];
  // BENCH_ENGINES=espeak-ng,voice-pack: only these (to compare runs back to back).
  const only = process.env.BENCH_ENGINES?.split(',');
  const engines = all.filter(([e]) => !only || only.includes(e));
  const rows = [];
  for (const [engine, prefix] of engines) {
    const t0 = performance.now();
    const v = new VoiceService({
      config: VoiceConfigSchema.parse({ engine }), configProblems: [], needs: { prefixes: [prefix], counters: Array.from({ length: 10 }, (_, i) => i + 1) },
      dir: join(dir, engine), platform: process.platform, logger: pino({ level: 'silent' }),
      warmProgram: true, // as the server's main starts it: the first call made at start, with every engine
    });
    await v.ready;
    const startMs = performance.now() - t0;
    const one = async (i: number) => {
      const t = performance.now();
      const a = await v.announce(callOf(i, prefix));
      if (!a.voiced) throw new Error(`${engine}: not voiced (${v.status().problems.join('; ')})`);
      return performance.now() - t;
    };
    const cold: number[] = [];
    for (let i = 0; i < CALLS; i++) cold.push(await one(i));
    rows.push({ engine, mode: 'cold', active: v.status().active, startMs: Math.round(startMs), ...roundSummary(summarize(cold)) });
    if (engine !== 'voice-pack') {
      // Numbers 500 on: never said above. The next few are "waiting" and handed over after each call.
      const numberOf = (i: number) => callOf(400 + i, prefix).ticket.number;
      const ahead: number[] = [];
      await v.prepare(Array.from({ length: AHEAD.next }, (_, k) => numberOf(k)));
      for (let i = 0; i < AHEAD.calls; i++) {
        await new Promise((r) => setTimeout(r, AHEAD.everyMs));
        ahead.push(await one(400 + i));
        await v.prepare(Array.from({ length: AHEAD.next }, (_, k) => numberOf(i + 1 + k)));
      }
      rows.push({ engine, mode: 'ahead', active: v.status().active, startMs: Math.round(startMs), ...roundSummary(summarize(ahead)) });
    }
    await v.close();
  }
  console.log('\ncall → audio ready (ms), calls never said before, through the voice worker');
  console.log(table([
    ['engine', 'mode', 'active', 'start ms', 'n', 'p50', 'p99', 'max'],
    ...rows.map((r) => [r.engine, r.mode, r.active, r.startMs, r.n, r.p50, r.p99, r.max].map(String)),
  ]));
  console.log(`BENCH_JSON ${JSON.stringify({ engines: rows })}`);
} finally {
  await rm(dir, { recursive: true, force: true });
  clearTimeout(watchdog);
}
