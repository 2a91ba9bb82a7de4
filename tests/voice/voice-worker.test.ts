// The announcement is made outside the server process: the voice worker (a child process) runs
// espeak-ng, decodes it, adds the chime and the pauses and writes the WAV, and the server only
// learns the duration. Checked sample by sample against the parts made independently, and the
// worker is checked to be another process that really ends when the voice is closed.
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPhrase, DEFAULT_TEMPLATE } from '@core/announcement.ts';
import { VoiceConfigSchema } from '@core/lobby-config.ts';
import type { CallView } from '@core/views.ts';
import { chimeAt, normaliseSpeech } from '../../server/voice/loudness.ts';
import { chime } from '../../server/voice/chime.ts';
import { EspeakEngine } from '../../server/voice/espeak.ts';
import { VoiceService } from '../../server/voice/voice-service.ts';
import { decodeWav, durationMs } from '../../server/voice/wav.ts';
import { VoiceWorker } from '../../server/voice/worker-client.ts';

const RATE = 22050;
const signal = () => new AbortController().signal;
const samplesOf = (ms: number) => Math.round((RATE * ms) / 1000);
let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'luot-voice-worker-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

/** Live voice workers started by this process (read from /proc: no help from the code under test). */
function voiceWorkerPids(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const [state, ppid] = [fields[0], Number(fields[1])];
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (ppid === process.pid && state !== 'Z' && cmdline.includes('spawn-worker.mjs')) pids.push(Number(name));
    } catch { /* the process ended while we looked */ }
  }
  return pids;
}

/** The samples of a canonical mono 16-bit WAV exactly as stored (no conversion that could round). */
function storedSamples(bytes: Buffer): Int16Array {
  expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
  expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8);
  expect(bytes.toString('ascii', 8, 16)).toBe('WAVEfmt ');
  expect([bytes.readUInt16LE(20), bytes.readUInt16LE(22), bytes.readUInt32LE(24), bytes.readUInt16LE(34)]).toEqual([1, 1, RATE, 16]);
  expect(bytes.toString('ascii', 36, 40)).toBe('data');
  expect(bytes.readUInt32LE(40)).toBe(bytes.length - 44);
  const copy = Buffer.from(bytes.subarray(44));
  return new Int16Array(copy.buffer, copy.byteOffset, copy.byteLength / 2);
}

function callOf(number: string, counter: number): CallView {
  const ticket = {
    id: `t-${number}`, seq: 1, number, serviceCode: 'S1', departmentCode: 'D1', priority: null, status: 'called' as const,
    issuedAt: 0, queuedAt: 0, calledAt: 0, startedAt: null, finishedAt: null, counter, targetCounter: null, calls: 1, transferred: false,
  };
  return { ticket, counter, zone: 'T1', recall: false, at: 0 };
}

describe('voice worker', () => {
  it('composes chime, pause, phrase, pause, phrase in another process, sample for sample', async () => {
    const worker = new VoiceWorker();
    try {
      const engine = await EspeakEngine.create({ variant: 'north', rate: 135, worker }, signal());
      const phrase = buildPhrase(DEFAULT_TEMPLATE, { number: 'B-107', counter: 12 }, 'north');
      const file = join(dir, 'composed.wav');
      const recipe = { sampleRate: RATE, chime: true, repeat: 2 as const, afterChimeMs: 300, betweenRepeatsMs: 800, chimeLevel: 60 };
      const reported = await worker.compose({ kind: 'program', program: engine.program(phrase) }, recipe, file, signal(), 20_000);

      const pid = worker.pid;
      expect(pid).not.toBeNull();
      expect(pid).not.toBe(process.pid);
      expect(voiceWorkerPids()).toContain(pid);

      const bytes = await readFile(file);
      const wav = { sampleRate: RATE, samples: storedSamples(bytes) };
      expect(decodeWav(bytes).sampleRate).toBe(RATE); // and the server's own reader accepts it

      // The parts, made here: espeak-ng's output is the same for the same text and settings.
      // Both at their levels: the phrase at the speech level, the chime at 60 % of it.
      const spoken = normaliseSpeech(await engine.speak(phrase, signal())).samples;
      const bell = chimeAt(chime(RATE), 60).samples;
      const gap1 = samplesOf(300);
      const gap2 = samplesOf(800);
      expect(wav.samples.length).toBe(bell.length + gap1 + spoken.length + gap2 + spoken.length);
      expect(reported).toBe(Math.round(durationMs(wav)));
      let at = 0;
      const next = (n: number) => wav.samples.subarray(at, (at += n));
      expect(next(bell.length)).toEqual(bell);
      expect(next(gap1).every((s) => s === 0)).toBe(true);
      expect(next(spoken.length)).toEqual(spoken);
      expect(next(gap2).every((s) => s === 0)).toBe(true);
      expect(next(spoken.length)).toEqual(spoken);
    } finally {
      await worker.terminate();
    }
  });

  it('a VoiceService announces through its own worker process and ends it on close', async () => {
    const before = new Set(voiceWorkerPids());
    const voice = new VoiceService({
      config: VoiceConfigSchema.parse({ engine: 'espeak-ng', repeat: 1 }),
      configProblems: [],
      needs: { prefixes: ['A'], counters: [3] },
      dir: join(dir, 'service'),
      platform: 'linux',
      logger: pino({ level: 'silent' }),
    });
    try {
      const announcement = await voice.announce(callOf('A-025', 3));
      expect(voice.status().active).toBe('espeak-ng');
      expect(announcement.voiced).toBe(true);
      const key = /^\/audio\/([a-f0-9]{32})\.wav$/.exec(announcement.audioUrl ?? '')?.[1];
      expect(key).toBeDefined();
      const file = voice.fileFor(key!);
      expect(file).not.toBeNull();
      const wav = { sampleRate: RATE, samples: storedSamples(await readFile(file!)) };
      expect(announcement.durationMs).toBe(Math.round(durationMs(wav)));
      // chime + 300 ms + the phrase once: longer than the chime by more than the pause
      expect(wav.samples.length).toBeGreaterThan(chime(RATE).samples.length + samplesOf(300) + samplesOf(1000));

      const mine = voiceWorkerPids().filter((pid) => !before.has(pid));
      expect(mine).toHaveLength(1);
      await voice.close();
      await expect.poll(() => voiceWorkerPids().filter((pid) => mine.includes(pid))).toEqual([]);
    } finally {
      await voice.close();
    }
  });

  it('closing while a call is being made: the announcement still settles, without audio or with it', async () => {
    const voice = new VoiceService({
      config: VoiceConfigSchema.parse({ engine: 'espeak-ng' }),
      configProblems: [],
      needs: { prefixes: ['A'], counters: [3] },
      dir: join(dir, 'closing'),
      platform: 'linux',
      logger: pino({ level: 'silent' }),
    });
    await voice.ready;
    const pending = voice.announce(callOf('A-031', 3));
    await voice.close();
    const announcement = await pending;
    expect(announcement.text).toContain('A');
    if (announcement.audioUrl === null) expect(announcement.voiced).toBe(false);
  });

  it('a worker ended while it still loads its code is stopped at once, not left to load first', async () => {
    const worker = new VoiceWorker();
    worker.expectPieces(); // starts the process; the request waits for its 'ready'
    const pid = worker.pid;
    expect(pid).not.toBeNull();
    // Loading takes hundreds of milliseconds (tsx, the worker's modules): the signal comes first.
    // Left to load, it would hear the closed channel only then and exit by itself (code 0).
    expect(await worker.terminate()).toEqual({ code: null, signal: 'SIGTERM' });
    expect(voiceWorkerPids()).not.toContain(pid);
    expect(await worker.terminate()).toBeNull();
  });
});
