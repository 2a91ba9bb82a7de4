// A voice on a machine without the espeak-ng package: in a fresh copy of the repository (its tracked
// files only, with the installed node_modules, as `git clone && npm install` leaves it) and with no
// espeak-ng on PATH, `auto` falls back to the espeak-ng built into the server (WebAssembly, from
// npm) and still makes a voiced WAV, checked by sox (an independent reader): not silence, a
// plausible length, peaks under −1 dBFS.
// Also: every announcement at one speech level, and the chime at the level the admin chose.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VoiceConfigSchema } from '@core/lobby-config.ts';
import type { CallView } from '@core/views.ts';
import { PEAK_LIMIT, peakOf, voicedRms } from '../../server/voice/loudness.ts';
import { VoiceService } from '../../server/voice/voice-service.ts';
import { decodeWav } from '../../server/voice/wav.ts';
import { readFile } from 'node:fs/promises';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'luot-wasm-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

/** sox's own figures for a file: "Maximum amplitude", "RMS amplitude", "Length (seconds)". */
function soxStat(file: string): Record<string, number> {
  const out = spawnSync('sox', [file, '-n', 'stat'], { encoding: 'utf8' }).stderr;
  const stats: Record<string, number> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s+(-?[\d.]+)/.exec(line);
    if (m) stats[m[1]!.trim()] = Number(m[2]);
  }
  return stats;
}

const callOf = (number: string, counter: number): CallView => ({
  ticket: {
    id: number, number, serviceCode: 'X', departmentCode: 'Y', priority: null, status: 'called', issuedAt: 0, queuedAt: 0, calledAt: 0,
    startedAt: null, finishedAt: null, counter, targetCounter: null, calls: 1, transferred: false, seq: 0,
  },
  counter, zone: 'T1', recall: false, at: 0,
});

describe('no espeak-ng on the machine', () => {
  // A whole server voice in a child process, loading a 25 MB module: minutes on a crowded machine.
  it('auto speaks with the built-in espeak-ng: a voiced WAV that sox reads', { timeout: 180_000 }, () => {
    const emptyPath = join(dir, 'empty-path');
    execFileSync('mkdir', ['-p', emptyPath]);
    // The same PATH really hides the program: a spawn of espeak-ng fails there.
    expect(spawnSync('espeak-ng', ['--version'], { env: { PATH: emptyPath } }).error).toMatchObject({ code: 'ENOENT' });
    // The clone: what git tracks, nothing a developer's machine made (no data/, no voice pack, no build).
    const clone = join(dir, 'clone');
    const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
    expect(tracked).toContain('server/voice/espeak-wasm.ts');
    for (const file of tracked) {
      if (!existsSync(file)) continue; // deleted in the working tree, not yet committed
      mkdirSync(dirname(join(clone, file)), { recursive: true });
      copyFileSync(file, join(clone, file));
    }
    symlinkSync(resolve('node_modules'), join(clone, 'node_modules'));
    const script = `
      import pino from 'pino';
      import { VoiceConfigSchema } from '@core/lobby-config.ts';
      import { VoiceService } from './server/voice/voice-service.ts';
      const voice = new VoiceService({ config: VoiceConfigSchema.parse({}), configProblems: [], needs: { prefixes: ['A'], counters: [3] },
        dir: ${JSON.stringify(join(dir, 'voice'))}, platform: process.platform, logger: pino({ level: 'silent' }) });
      await voice.ready;
      const call = { ticket: { id: 't', number: 'A-025', serviceCode: 'X', departmentCode: 'Y', priority: null, status: 'called', issuedAt: 0,
        queuedAt: 0, calledAt: 0, startedAt: null, finishedAt: null, counter: 3, targetCounter: null, calls: 1, transferred: false },
        counter: 3, zone: 'T1', recall: false, at: 0 };
      const a = await voice.announce(call);
      const file = voice.fileFor(a.audioUrl.slice('/audio/'.length, -'.wav'.length));
      console.log(JSON.stringify({ status: voice.status(), a, file }));
      await voice.close();`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: clone, encoding: 'utf8', timeout: 170_000, env: { PATH: emptyPath, HOME: process.env.HOME ?? '/tmp' },
    });
    expect(child.stderr).toBe('');
    const out = JSON.parse(child.stdout.trim().split('\n').pop()!) as { status: { active: string; problems: string[] }; a: { voiced: boolean; durationMs: number; text: string }; file: string };
    expect(out.status).toEqual({ requested: 'auto', active: 'espeak-ng-wasm', problems: [] });
    expect(out.a).toMatchObject({ voiced: true, text: 'Xin mời công dân có số thứ tự A-025 đến quầy số 3' });
    const info = execFileSync('soxi', [out.file], { encoding: 'utf8' });
    expect(info).toMatch(/Channels\s*:\s*1/);
    expect(info).toMatch(/Sample Rate\s*:\s*22050/);
    const stat = soxStat(out.file);
    // Chime 1.55 s, then ~17 syllables at 135 words a minute, twice: 10–30 s; sox and we agree.
    expect(stat['Length (seconds)']).toBeGreaterThan(10);
    expect(stat['Length (seconds)']).toBeLessThan(30);
    expect(stat['Length (seconds)']! * 1000).toBeCloseTo(out.a.durationMs, -2);
    expect(stat['RMS     amplitude'] ?? stat['RMS amplitude']).toBeGreaterThan(0.02); // not silence
    expect(stat['Maximum amplitude']).toBeLessThanOrEqual(10 ** (-1 / 20) + 1e-4); // ≤ −1 dBFS
  });
});

describe('loudness', () => {
  const voiceWith = (config: object, sub: string) => new VoiceService({
    config: VoiceConfigSchema.parse({ engine: 'espeak-ng-wasm', ...config }), configProblems: [], needs: { prefixes: ['A', 'B'], counters: [1, 12] },
    dir: join(dir, sub), platform: 'linux', logger: pino({ level: 'warn' }),
  });
  interface Wav { file: string; sampleRate: number; samples: Int16Array }
  const wavOf = async (voice: VoiceService, call: CallView): Promise<Wav> => {
    const a = await voice.announce(call);
    const file = voice.fileFor(a.audioUrl!.slice('/audio/'.length, -'.wav'.length))!;
    const { sampleRate, mono } = decodeWav(await readFile(file));
    return { file, sampleRate, samples: Int16Array.from(mono, (x) => Math.round(x * 32767)) };
  };

  it('phrases at one level, peaks under −1 dBFS; the chime at the chosen share of that level', { timeout: 240_000 }, async () => {
    // One voice at a time: each loads the module in its own worker, and the machine may be busy.
    const one = async (config: object, sub: string, calls: CallView[]) => {
      const voice = voiceWith(config, sub);
      try {
        const out = [];
        for (const c of calls) out.push(await wavOf(voice, c));
        return out;
      } finally {
        await voice.close();
      }
    };
    {
      const [a, b] = (await one({ chime: false, repeat: 1 }, 'plain', [callOf('A-001', 1), callOf('B-1017', 12)])) as [Wav, Wav];
      const level = (x: { samples: Int16Array; sampleRate: number }) => 20 * Math.log10(voicedRms(x));
      expect(Math.abs(level(a) - level(b))).toBeLessThan(1); // dB
      for (const x of [a, b]) expect(peakOf(x)).toBeLessThanOrEqual(PEAK_LIMIT + 1);
      // The chime is the first 1.55 s: its level against the phrase's, as set.
      const chimeOf = (x: { samples: Int16Array; sampleRate: number }) => ({ sampleRate: x.sampleRate, samples: x.samples.subarray(0, Math.round(1.5 * x.sampleRate)) });
      const [l] = (await one({ chime: true, chimeLevel: 100, repeat: 1 }, 'loud', [callOf('A-001', 1)])) as [Wav];
      const [s] = (await one({ chime: true, chimeLevel: 25, repeat: 1 }, 'soft', [callOf('A-001', 1)])) as [Wav];
      expect(level(chimeOf(l)) - level(a)).toBeCloseTo(0, 0);
      expect(level(chimeOf(s)) - level(a)).toBeCloseTo(20 * Math.log10(0.25), 0);
      expect(soxStat(l.file)['Maximum amplitude']).toBeLessThanOrEqual(10 ** (-1 / 20) + 1e-4);
    }
  });
});
