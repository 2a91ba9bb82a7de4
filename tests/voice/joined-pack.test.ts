// Two calls joined into one phrase ("… số A-025 đến quầy số 3, số B-011 đến quầy số 5") with a
// center's own voice pack: some clips in a recorder's format, the folder only ever read. The WAV is
// real, checked by sox (an independent reader: format, length, not silence, peaks ≤ −1 dBFS), and
// sample for sample against the clips read back here, each at the speech level, in the order the
// phrase says them. A pack without the clip "số" cannot join: each call is then said alone.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJoinedPhrase, continuationTemplate, DEFAULT_RECALL_TEMPLATE, DEFAULT_TEMPLATE } from '@core/announcement.ts';
import { VoiceConfigSchema } from '@core/lobby-config.ts';
import type { CallView } from '@core/views.ts';
import { EspeakEngine } from '../../server/voice/espeak.ts';
import { normaliseSpeech } from '../../server/voice/loudness.ts';
import { generateMissingClips } from '../../server/voice/pack-generator.ts';
import { clipPath, planPhrase, VoicePack } from '../../server/voice/voice-pack.ts';
import { VoiceService } from '../../server/voice/voice-service.ts';

const signal = new AbortController().signal;
let root: string;
let packDir: string;

function callOf(number: string, counter: number): CallView {
  const ticket = {
    id: `t-${number}`, seq: 1, number, serviceCode: 'S1', departmentCode: 'D1', priority: null, status: 'called' as const,
    issuedAt: 0, queuedAt: 0, calledAt: 0, startedAt: null, finishedAt: null, counter, targetCounter: null, calls: 1, transferred: false,
  };
  return { ticket, counter, zone: 'T1', recall: false, at: 0 };
}

function soxStat(file: string): Record<string, number> {
  const out = spawnSync('sox', [file, '-n', 'stat'], { encoding: 'utf8' }).stderr;
  const stats: Record<string, number> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s+(-?[\d.]+)/.exec(line);
    if (m) stats[m[1]!.replace(/\s+/g, ' ').trim()] = Number(m[2]);
  }
  return stats;
}

/** Names and modification times of every file under `dir`: a read-only folder keeps them. */
async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.push(`${path}:${(await stat(path)).mtimeMs}`);
  }
  return out.sort();
}

const voiceFor = (dir: string, sub: string) => new VoiceService({
  config: VoiceConfigSchema.parse({ engine: 'voice-pack', packDir: dir, chime: false, repeat: 1 }), configProblems: [],
  needs: { prefixes: ['A', 'B'], counters: [3, 5] }, dir: join(root, sub), platform: 'linux', logger: pino({ level: 'silent' }),
});

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'luot-joined-pack-'));
  packDir = join(root, 'center-pack');
  // The center's pack: recorded once (here with espeak-ng), including the "số" of joined calls…
  const tts = await EspeakEngine.create({ variant: 'north', rate: 135 }, signal);
  const needs = { templates: [DEFAULT_TEMPLATE, DEFAULT_RECALL_TEMPLATE, continuationTemplate(DEFAULT_TEMPLATE)], variant: 'north' as const, prefixes: ['A', 'B'], counters: [3, 5] };
  await generateMissingClips(packDir, needs, (text) => tts.say(text, signal));
  // …and two clips as a recorder writes them: 44.1 kHz, stereo, 24-bit.
  for (const ref of [{ folder: 'letters', name: 'A' }, { folder: 'phrases', name: 'đến quầy số' }] as const) {
    const path = clipPath(packDir, ref);
    execFileSync('sox', [path, '-r', '44100', '-c', '2', '-b', '24', `${path}.rec.wav`]);
    await rename(`${path}.rec.wav`, path);
  }
}, 120_000);
afterAll(async () => { await rm(root, { recursive: true, force: true }); });

describe('a joined phrase with a center’s own voice pack', { timeout: 120_000 }, () => {
  it('says "số A-025 đến quầy số 3, số B-011 đến quầy số 5" as one WAV of the clips in order', async () => {
    const before = await snapshot(packDir);
    const voice = voiceFor(packDir, 'joined');
    try {
      await voice.ready;
      expect(voice.status()).toMatchObject({ active: 'voice-pack', problems: [] });
      expect(voice.canJoin).toBe(true);
      const calls = [callOf('A-025', 3), callOf('B-011', 5)];
      const a = await voice.announceUtterance({ calls, repeat: 1, chime: false, brisk: true });
      expect(a.voiced).toBe(true);
      expect(a.calls.map((c) => c.ticket.number)).toEqual(['A-025', 'B-011']);
      expect(a.text).toBe('Xin mời công dân có số thứ tự A-025 đến quầy số 3, số B-011 đến quầy số 5');
      const file = voice.fileFor(a.audioUrl!.slice('/audio/'.length, -'.wav'.length))!;

      // sox's view: mono 16-bit at the pack's rate, as long as we say, voiced, under −1 dBFS.
      const info = execFileSync('soxi', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Channels\s*:\s*1/);
      expect(info).toMatch(/Sample Rate\s*:\s*22050/);
      const s = soxStat(file);
      expect(s['Length (seconds)']! * 1000).toBeCloseTo(a.durationMs!, -1);
      expect(s['RMS amplitude']).toBeGreaterThan(0.02);
      expect(s['Maximum amplitude']).toBeLessThanOrEqual(10 ** (-1 / 20) + 1e-4);

      // The clips read back here, each brought to the speech level, pauses as silence, in order.
      const pack = await VoicePack.load(packDir);
      // Brisk (a backlog): the numbers the short way, "hai mươi lăm" for 025.
      const phrase = buildJoinedPhrase(DEFAULT_TEMPLATE, [{ number: 'A-025', counter: 3 }, { number: 'B-011', counter: 5 }], 'north', 'short');
      const steps = planPhrase(phrase, (r) => pack.has(r));
      expect(steps.filter((x) => x !== 'pause').map((x) => `${x.folder}/${x.name}`)).toEqual([
        'phrases/xin mời công dân có số thứ tự', 'letters/A', 'words/hai', 'words/mươi', 'words/lăm',
        'phrases/đến quầy số', 'counters/3', 'phrases/số', 'letters/B', 'words/mười', 'words/một',
        'phrases/đến quầy số', 'counters/5',
      ]);
      const expected = pack.clipsFor(steps).flatMap((clip, i) => [...(steps[i] === 'pause' ? clip.samples : normaliseSpeech(clip).samples)]);
      const bytes = await readFile(file);
      const got = new Int16Array(Buffer.from(bytes.subarray(44)).buffer, 0, (bytes.length - 44) / 2);
      expect(got.length).toBe(expected.length);
      expect(Array.from(got)).toEqual(expected);

      // Shorter than the two calls said one after the other, longer than either.
      const one = await voice.announceUtterance({ calls: [calls[0]!], repeat: 1, chime: false });
      const two = await voice.announceUtterance({ calls: [calls[1]!], repeat: 1, chime: false });
      expect(a.durationMs!).toBeLessThan(one.durationMs! + two.durationMs!);
      expect(a.durationMs!).toBeGreaterThan(Math.max(one.durationMs!, two.durationMs!));
      // The pack has no clip for the burst's "mời số": in a burst it keeps the template's opening.
      const burst = await voice.announceUtterance({ calls: [calls[0]!], repeat: 1, chime: false, brisk: true, burst: true });
      expect(burst.text).toBe('Xin mời công dân có số thứ tự A-025 đến quầy số 3');
    } finally {
      await voice.close();
    }
    expect(await snapshot(packDir)).toEqual(before); // a center's folder is only read
  });

  it('with a clip "mời số" recorded, a call in a burst opens with it', async () => {
    const dir = join(root, 'moi-so');
    execFileSync('cp', ['-r', packDir, dir]);
    execFileSync('cp', [clipPath(dir, { folder: 'phrases', name: 'số' }), clipPath(dir, { folder: 'phrases', name: 'mời số' })]);
    const voice = voiceFor(dir, 'moi-so-voice');
    try {
      await voice.ready;
      const a = await voice.announceUtterance({ calls: [callOf('A-025', 3), callOf('B-011', 5)], repeat: 1, chime: false, brisk: true, burst: true });
      expect(a.text).toBe('Mời số A-025 đến quầy số 3, số B-011 đến quầy số 5');
      const plain = await voice.announceUtterance({ calls: [callOf('A-025', 3), callOf('B-011', 5)], repeat: 1, chime: false, brisk: true });
      expect(a.durationMs!).toBeLessThan(plain.durationMs! - 500);
    } finally {
      await voice.close();
    }
  });

  it('without the clip "số", calls are said one by one: the first alone, the rest left for later', async () => {
    const dir = join(root, 'no-so');
    execFileSync('cp', ['-r', packDir, dir]);
    await rm(clipPath(dir, { folder: 'phrases', name: 'số' }));
    const voice = voiceFor(dir, 'no-so-voice');
    try {
      await voice.ready;
      expect(voice.status()).toMatchObject({ active: 'voice-pack', problems: [] });
      expect(voice.canJoin).toBe(false);
      const a = await voice.announceUtterance({ calls: [callOf('A-025', 3), callOf('B-011', 5)], repeat: 1, chime: false, brisk: true });
      expect(a.voiced).toBe(true);
      expect(a.calls.map((c) => c.ticket.number)).toEqual(['A-025']);
      expect(a.text).toBe('Xin mời công dân có số thứ tự A-025 đến quầy số 3');
    } finally {
      await voice.close();
    }
  });
});
