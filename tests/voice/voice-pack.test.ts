// The voice pack: generated with espeak-ng, joined into an announcement exactly as long as its
// clips, open to human recordings in other formats, and refused (naming the file) when a clip is
// broken or missing.
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPhrase, DEFAULT_RECALL_TEMPLATE, DEFAULT_TEMPLATE } from '@core/announcement.ts';
import { VoiceSetupError } from '../../server/voice/engine.ts';
import { EspeakEngine } from '../../server/voice/espeak.ts';
import type { PackNeeds } from '../../server/voice/pack-generator.ts';
import { checkPack, defaultPackContents, generateMissingClips } from '../../server/voice/pack-generator.ts';
import { clipPath, PAUSE_MS, planPhrase, VoicePack } from '../../server/voice/voice-pack.ts';
import { decodeWav, durationMs, readWavAs, trimSilence, WavError } from '../../server/voice/wav.ts';

const needs: PackNeeds = { templates: [DEFAULT_TEMPLATE, DEFAULT_RECALL_TEMPLATE], variant: 'north', prefixes: ['A', 'B', 'CG'], counters: [1, 2, 3, 12] };
const signal = new AbortController().signal;
let root: string;
let packDir: string;

/** A WAV as a recorder might write it: stereo, 24-bit, 48 kHz, a 440 Hz tone with silent margins. */
function recorderWav(seconds: number): Buffer {
  const rate = 48_000;
  const frames = Math.round(rate * seconds);
  const data = Buffer.alloc(frames * 2 * 3);
  for (let i = 0; i < frames; i++) {
    const inMiddle = i > rate * 0.1 && i < frames - rate * 0.1;
    const v = inMiddle ? Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 4_000_000) : 0;
    data.writeIntLE(v, i * 6, 3);
    data.writeIntLE(v, i * 6 + 3, 3);
  }
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii'); h.writeUInt32LE(36 + data.length, 4); h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii'); h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(2, 22);
  h.writeUInt32LE(rate, 24); h.writeUInt32LE(rate * 6, 28); h.writeUInt16LE(6, 32); h.writeUInt16LE(24, 34);
  h.write('data', 36, 'ascii'); h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'luot-pack-'));
  packDir = join(root, 'pack');
  const tts = await EspeakEngine.create({ variant: 'north', rate: 135 }, signal);
  const written = await generateMissingClips(packDir, needs, (text) => tts.say(text, signal));
  expect(written).toBe(defaultPackContents(needs).length);
});
afterAll(async () => { await rm(root, { recursive: true, force: true }); });

describe('default voice pack', () => {
  it('holds words, letters, counters and phrases, named by what they say', async () => {
    for (const path of ['words/mươi.wav', 'words/mười.wav', 'words/lăm.wav', 'words/linh.wav', 'words/lẻ.wav', 'words/ngàn.wav',
      'letters/A.wav', 'letters/Z.wav', 'counters/12.wav', 'phrases/xin mời công dân có số thứ tự.wav', 'phrases/đến quầy số.wav',
      'phrases/xin nhắc lại.wav', 'README.txt']) {
      expect((await stat(join(packDir, path))).size, path).toBeGreaterThan(44);
    }
  });

  it('joins an announcement exactly as long as the sum of its clips', async () => {
    const pack = await VoicePack.load(packDir);
    checkPack(pack, needs);
    const phrase = buildPhrase(DEFAULT_TEMPLATE, { number: 'A-025', counter: 3 }, 'north');
    const plan = planPhrase(phrase, (r) => pack.has(r));
    expect(plan.map((s) => (s === 'pause' ? 'pause' : `${s.folder}/${s.name}`))).toEqual([
      'phrases/xin mời công dân có số thứ tự', 'letters/A', 'pause',
      'words/không', 'words/trăm', 'words/hai', 'words/mươi', 'words/lăm', 'pause', 'phrases/đến quầy số', 'counters/3',
    ]);
    const joined = await pack.speak(phrase);
    // Each clip read back from its file on its own, trimmed as the pack trims: the sum must match.
    let expected = 0;
    for (const step of plan) {
      if (step === 'pause') { expected += Math.round((pack.sampleRate * PAUSE_MS) / 1000); continue; }
      expected += trimSilence(readWavAs(await readFile(clipPath(packDir, step)), pack.sampleRate)).samples.length;
    }
    expect(joined.samples.length).toBe(expected);
    expect(durationMs(joined)).toBeGreaterThan(2000);
  });

  it('takes a human recording in another format in place of a generated clip', async () => {
    const dir = join(root, 'human');
    await cp(packDir, dir, { recursive: true });
    await writeFile(clipPath(dir, { folder: 'letters', name: 'B' }), recorderWav(0.6));
    const pack = await VoicePack.load(dir);
    expect(pack.sampleRate).toBe(22050);
    const joined = await pack.speak(buildPhrase(DEFAULT_TEMPLATE, { number: 'B-001', counter: 1 }, 'north'));
    expect(durationMs(joined)).toBeGreaterThan(1500);
    // A second generation fills gaps only: the recording stays.
    const before = await readFile(clipPath(dir, { folder: 'letters', name: 'B' }));
    expect(await generateMissingClips(dir, needs, () => Promise.reject(new Error('nothing is missing')))).toBe(0);
    expect(await readFile(clipPath(dir, { folder: 'letters', name: 'B' }))).toEqual(before);
  });

  it('refuses a broken clip at load, naming the file', async () => {
    const dir = join(root, 'broken');
    await cp(packDir, dir, { recursive: true });
    await writeFile(clipPath(dir, { folder: 'words', name: 'hai' }), Buffer.from('RIFF....WAVEnot really audio'));
    const err = await VoicePack.load(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VoiceSetupError);
    expect((err as Error).message).toContain('words/hai.wav');
  });

  it('refuses a pack that lacks a clip a call needs, naming it', async () => {
    const dir = join(root, 'missing');
    await cp(packDir, dir, { recursive: true });
    await rm(clipPath(dir, { folder: 'letters', name: 'G' }));
    await rm(clipPath(dir, { folder: 'words', name: 'lăm' }));
    const pack = await VoicePack.load(dir);
    let err: unknown = null;
    try { checkPack(pack, needs); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(VoiceSetupError);
    expect((err as Error).message).toContain('letters/G.wav');
    expect((err as Error).message).toContain('words/lăm.wav');
  });
});

describe('WAV reading', () => {
  it('converts stereo 24-bit 48 kHz to mono 16-bit at the pack rate, same length in time', () => {
    const pcm = readWavAs(recorderWav(1), 22050);
    expect(pcm.sampleRate).toBe(22050);
    expect(pcm.samples.length).toBe(22050);
    expect(Math.max(...pcm.samples)).toBeGreaterThan(10_000);
  });

  it('refuses what is not usable audio, saying why', () => {
    expect(() => decodeWav(Buffer.from('hello'))).toThrow(WavError);
    const noData = recorderWav(0.01).subarray(0, 36);
    expect(() => decodeWav(noData)).toThrow(/không có khối data/);
    const alaw = recorderWav(0.1);
    alaw.writeUInt16LE(6, 20);
    expect(() => decodeWav(alaw)).toThrow(/định dạng âm thanh không hỗ trợ/);
  });
});
