// The engines, for real: espeak-ng makes a WAV that sox (an independent reader) accepts, of a
// plausible length; the chime really is two tones; and `say` is refused on Linux at
// configuration time, while the guard keeps a missing OS program from crashing the process.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPhrase, DEFAULT_TEMPLATE } from '@core/announcement.ts';
import { VoiceSetupError } from '../../server/voice/engine.ts';
import { EspeakEngine } from '../../server/voice/espeak.ts';
import { SayEngine, sanitizeForSay } from '../../server/voice/say.ts';
import { chime } from '../../server/voice/chime.ts';
import { durationMs, encodeWav } from '../../server/voice/wav.ts';
import type { Pcm } from '../../server/voice/wav.ts';

const signal = () => new AbortController().signal;
const phrase = buildPhrase(DEFAULT_TEMPLATE, { number: 'A-025', counter: 3 }, 'north');
let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'luot-voice-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

function rms(pcm: Pcm, from = 0, to = pcm.samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += pcm.samples[i]! ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
}

/** Goertzel power of one frequency over a window: which tone is ringing. */
function power(pcm: Pcm, hz: number, fromMs: number, toMs: number): number {
  const from = Math.round((fromMs / 1000) * pcm.sampleRate);
  const to = Math.round((toMs / 1000) * pcm.sampleRate);
  const k = 2 * Math.cos((2 * Math.PI * hz) / pcm.sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (let i = from; i < to; i++) {
    const s0 = pcm.samples[i]! / 32768 + k * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - k * s1 * s2;
}

describe('espeak-ng', () => {
  it('says a whole call as a valid WAV of plausible length', async () => {
    const engine = await EspeakEngine.create({ variant: 'north', rate: 135 }, signal());
    const pcm = await engine.speak(phrase, signal());
    const file = join(dir, 'call.wav');
    await writeFile(file, encodeWav(pcm));
    // sox reads the file on its own terms: format and length must agree with ours.
    const info = execFileSync('soxi', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Channels\s*:\s*1/);
    expect(info).toMatch(/Sample Rate\s*:\s*22050/);
    expect(info).toMatch(/16-bit Signed Integer PCM/);
    const soxSeconds = Number(execFileSync('soxi', ['-D', file], { encoding: 'utf8' }));
    expect(soxSeconds * 1000).toBeCloseTo(durationMs(pcm), -1);
    // ~20 syllables at 135 words per minute: between 3 and 12 seconds, and not silence.
    expect(soxSeconds).toBeGreaterThan(3);
    expect(soxSeconds).toBeLessThan(12);
    expect(rms(pcm)).toBeGreaterThan(500);
  });

  it('the southern variant uses the southern voice', async () => {
    const south = await EspeakEngine.create({ variant: 'south', rate: 135 }, signal());
    expect(south.id).toContain('vi-vn-x-south');
    expect(durationMs(await south.say('một trăm lẻ năm', signal()))).toBeGreaterThan(500);
  });

  it('a missing program is a clear configuration error, not a crash', async () => {
    const err = await EspeakEngine.create({ variant: 'north', rate: 135, binary: 'espeak-ng-not-installed' }, signal()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VoiceSetupError);
    expect((err as Error).message).toContain('không tìm thấy chương trình espeak-ng-not-installed');
    expect((err as Error).message).toContain('apt-get install espeak-ng');
  });
});

describe('chime', () => {
  it('is a two-tone ding-dong: E5 first, then C5, fading to silence without a click', () => {
    const c = chime(22050);
    expect(durationMs(c)).toBeCloseTo(1550, -1);
    expect(power(c, 659.25, 50, 400)).toBeGreaterThan(20 * power(c, 523.25, 50, 400));
    expect(power(c, 523.25, 700, 1100)).toBeGreaterThan(5 * power(c, 659.25, 700, 1100));
    expect(Math.abs(c.samples[c.samples.length - 1]!)).toBeLessThan(50);
    expect(Math.max(...c.samples.map(Math.abs))).toBeLessThan(32767 * 0.6);
  });
});

describe('say (OS voices)', () => {
  it('is refused on Linux at configuration time with the reason', async () => {
    const err = await SayEngine.create({ platform: 'linux', voice: null, rate: 135, workDir: dir }, signal()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VoiceSetupError);
    expect((err as Error).message).toContain('festival');
    expect((err as Error).message).toContain('espeak-ng');
  });

  it('is refused where its program is missing (macOS voice on this machine)', async () => {
    const err = await SayEngine.create({ platform: 'darwin', voice: null, rate: 135, workDir: dir }, signal()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VoiceSetupError);
    expect((err as Error).message).toContain('không tìm thấy chương trình say');
  });

  // In a child process, so a crash would be seen as one rather than take the test runner down.
  const runChild = (code: string) => spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: process.cwd(), encoding: 'utf8', timeout: 20_000,
  });

  it('the package alone crashes the process when its program is missing (the hazard guarded)', () => {
    const child = runChild(`
      import say from 'say';
      const s = new say.Say('darwin');
      s.export('một', undefined, 1, '/tmp/luot-never.wav', () => {});
      setTimeout(() => console.log('still alive'), 500);`);
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain('spawn say ENOENT');
    expect(child.stdout).not.toContain('still alive');
  });

  it('the guarded engine turns the same failure into an error and the process lives on', () => {
    const child = runChild(`
      import { SayEngine } from './server/voice/say.ts';
      const engine = new SayEngine({ platform: 'darwin', voice: null, rate: 135, workDir: ${JSON.stringify(dir)} });
      engine.sayText('một', new AbortController().signal).then(
        () => console.log('spoke?'),
        (e) => console.log('refused: ' + e.message));
      setTimeout(() => console.log('still alive'), 500);`);
    expect(child.stderr).not.toContain('Uncaught');
    expect(child.stdout).toContain('refused: spawn say ENOENT');
    expect(child.stdout).toContain('still alive');
    expect(child.status).toBe(0);
  });

  it('never hands the OS voice quotes, shell characters, control characters or a leading dash', () => {
    expect(sanitizeForSay('-v Alex "quầy" $(rm -rf) `x` \\ ; & | 3\n4')).toBe('v Alex quầy (rm -rf) x 3 4');
    expect(sanitizeForSay('Xin mời công dân có số thứ tự a, không trăm hai mươi lăm, đến quầy số ba'))
      .toBe('Xin mời công dân có số thứ tự a, không trăm hai mươi lăm, đến quầy số ba');
  });
});
