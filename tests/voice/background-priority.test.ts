// The voice's worker yields the CPU to the server (server/voice/background-priority.ts): every one
// of its threads (not only the main one) is ten nice steps below the server, and so is what it
// runs when its idle helper (SCHED_IDLE, Linux) is slow to make a call's piece; the helper makes
// the pieces. Read from /proc (by the programs themselves), not from the code under test.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VoiceConfigSchema } from '@core/lobby-config.ts';
import { encodeWav } from '../../server/voice/wav.ts';
import { childrenOf, NICE, POLICY, SCHED_IDLE, SCHED_OTHER, statFields, threadsOf } from '../helpers/proc.ts';
import type { Piece } from '../../server/voice/worker-client.ts';
import { VoiceWorker } from '../../server/voice/worker-client.ts';
import { VoiceService } from '../../server/voice/voice-service.ts';
import { firstCallOf } from '../../server/voice/voice-wording.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A voice worker's idle helpers: its child processes started with the argument `idle`. */
const helpersOf = (workerPid: number) => childrenOf(workerPid).filter((p) => p.args.includes('idle'));

/** The voice worker's idle helper: its one child process started with the argument `idle`. */
function idleHelperOf(workerPid: number): number {
  const helpers = helpersOf(workerPid);
  expect(helpers).toHaveLength(1);
  return helpers[0]!.pid;
}

/** What each run of a reporting piece's program said about itself: policy and nice, in order. */
function reports(file: string): { policy: number; nice: number }[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const field = statFields(line);
    return { policy: field(POLICY), nice: field(NICE) };
  });
}

const signal = () => new AbortController().signal;
let worker: VoiceWorker | null = null;
afterEach(async () => { await worker?.terminate(); worker = null; });
let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'luot-voice-level-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

/** A piece whose program appends its own /proc stat line to `report`, then writes a short WAV on stdout. */
async function reportingPiece(name: string): Promise<{ piece: Piece; report: string }> {
  const wav = join(dir, `${name}.wav`);
  await writeFile(wav, encodeWav({ sampleRate: 22050, samples: new Int16Array(2205).fill(1000) }));
  const report = join(dir, `${name}.stat`);
  // One line per run (the worker and its helper may both make a call's piece), written at once.
  const script = `line=$(cat /proc/self/stat) && echo "$line" >> '${report}' && cat '${wav}'`;
  return { piece: { key: name, synth: { kind: 'program', program: { command: 'sh', args: ['-c', script], input: '' } } }, report };
}
const RECIPE = { sampleRate: 22050, chime: false, repeat: 1 as const, afterChimeMs: 300, betweenRepeatsMs: 800, chimeLevel: 60 };

describe.runIf(process.platform === 'linux')('the voice worker runs below the server', () => {
  it('every thread of the worker is ten nice steps down; the pieces are made by its helper, every thread of which is SCHED_IDLE', async () => {
    worker = new VoiceWorker();
    const expectedNice = Math.min(19, getPriority() + 10);
    // A piece an announcement needs now: made by the idle helper (on a crowded machine the worker
    // may make it too, after a head start: then its line says so).
    const now = await reportingPiece('now');
    const durationMs = await worker.compose({ kind: 'pieces', pieces: [now.piece] }, RECIPE, join(dir, 'now-call.wav'), signal(), 30_000);
    expect(durationMs).toBe(100);
    expect(worker.background).toEqual({ lowered: true, idle: 'idle-policy' });
    await expect.poll(() => reports(now.report).map((r) => r.policy), { timeout: 60_000 }).toContain(SCHED_IDLE);
    for (const r of reports(now.report)) expect(r.policy === SCHED_IDLE || (r.policy === SCHED_OTHER && r.nice === expectedNice)).toBe(true);
    // A piece made ahead (after the worker's short quiet time).
    const ahead = await reportingPiece('ahead');
    worker.warm('likely', [ahead.piece]);
    await expect.poll(() => reports(ahead.report).length, { timeout: 60_000 }).toBe(1);
    expect(reports(ahead.report)[0]!.policy).toBe(SCHED_IDLE);
    const helperThreads = threadsOf(idleHelperOf(worker.pid!));
    expect(helperThreads.length).toBeGreaterThan(4);
    expect(helperThreads.map((t) => t.policy)).toEqual(helperThreads.map(() => SCHED_IDLE));
    // Every thread of the worker, V8's and libuv's too; the server (this process) untouched.
    const workerThreads = threadsOf(worker.pid!);
    expect(workerThreads.length).toBeGreaterThan(4);
    expect(workerThreads).toEqual(workerThreads.map(() => ({ policy: SCHED_OTHER, nice: expectedNice })));
    expect(threadsOf(process.pid).map((t) => t.nice)).not.toContain(expectedNice);
  });

  it('a helper that gets no CPU: the worker makes the call’s piece itself, and a call never waits for a piece made ahead', async () => {
    worker = new VoiceWorker();
    const expectedNice = Math.min(19, getPriority() + 10);
    const first = await reportingPiece('first');
    await worker.compose({ kind: 'pieces', pieces: [first.piece] }, RECIPE, join(dir, 'first-call.wav'), signal(), 30_000);
    const helper = idleHelperOf(worker.pid!);
    // Stopped, the helper is a SCHED_IDLE process on a machine whose cores are all busy.
    process.kill(helper, 'SIGSTOP');
    try {
      const called = await reportingPiece('called');
      await worker.compose({ kind: 'pieces', pieces: [called.piece] }, RECIPE, join(dir, 'called.wav'), signal(), 30_000);
      expect(reports(called.report)).toEqual([{ policy: SCHED_OTHER, nice: expectedNice }]);
      // A piece being made ahead by the stopped helper, then needed by a call.
      const likely = await reportingPiece('likely');
      worker.warm('likely', [likely.piece]);
      // After the worker's quiet time (250 ms) the piece goes to the helper (on a crowded machine it
      // may go later: the call must not wait either way).
      await new Promise((r) => setTimeout(r, 600));
      expect(reports(likely.report)).toEqual([]);
      const durationMs = await worker.compose({ kind: 'pieces', pieces: [likely.piece] }, RECIPE, join(dir, 'likely.wav'), signal(), 30_000);
      expect(durationMs).toBe(100);
      expect(reports(likely.report)).toEqual([{ policy: SCHED_OTHER, nice: expectedNice }]);
    } finally {
      process.kill(helper, 'SIGCONT');
    }
  });

  it('the idle helper starts for espeak-ng before any call, and never for the chime alone', { timeout: 120_000 }, async () => {
    const needs = { prefixes: ['A'], counters: [3] };
    const voiceOf = (engine: string, name: string) => new VoiceService({
      config: VoiceConfigSchema.parse({ engine, chime: true, repeat: 1 }), configProblems: [],
      needs, dir: join(dir, name), platform: 'linux', logger: pino({ level: 'silent' }),
    });
    const workers = () => childrenOf(process.pid).filter((p) => p.args.some((a) => a.endsWith('spawn-worker.mjs')));

    const chimeOnly = voiceOf('none', 'chime-only');
    try {
      // The chime is put together by the worker: it runs, and it has answered.
      const said = await chimeOnly.announceUtterance({ calls: [firstCallOf(needs)], repeat: 1, chime: true });
      expect(said.audioUrl).not.toBeNull();
      expect(workers()).toHaveLength(1);
      expect(helpersOf(workers()[0]!.pid)).toEqual([]);
    } finally {
      await chimeOnly.close();
    }

    const espeak = voiceOf('espeak-ng', 'espeak');
    try {
      await espeak.ready;
      expect(espeak.status().active).toBe('espeak-ng');
      await expect.poll(() => workers().flatMap((w) => helpersOf(w.pid)).length, { timeout: 30_000 }).toBe(1);
    } finally {
      await espeak.close();
    }
  });

  it('without chrt, every thread of the process is still ten nice steps down, and there is no idle helper', async () => {
    // A process of its own (lowering this one would slow the rest of the suite), with no PATH: no chrt.
    const script = `
      import { readdirSync, readFileSync } from 'node:fs';
      import { idleLevel, lowerThisProcess } from './server/voice/background-priority.ts';
      await new Promise((r) => setTimeout(r, 50)); // libuv's threads exist by now
      const lowered = lowerThisProcess('linux');
      const idle = await idleLevel('linux');
      const nices = readdirSync('/proc/self/task').map((tid) => {
        const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[${NICE - 3}]);
      });
      console.log(JSON.stringify({ lowered, idle, nices }));`;
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, PATH: '' }, timeout: 60_000 },
        (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
    });
    const { lowered, idle, nices } = JSON.parse(out.trim().split('\n').pop()!) as { lowered: boolean; idle: string; nices: number[] };
    expect([lowered, idle]).toEqual([true, 'worker']);
    const expected = Math.min(19, getPriority() + 10);
    expect(nices.length).toBeGreaterThan(4);
    expect(nices).toEqual(nices.map(() => expected));
  });
});
