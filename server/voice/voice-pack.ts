// A voice pack: a folder of WAV clips joined into announcements. Best quality when a person
// records it, offline and instant. Layout (names are the words themselves, in Vietnamese):
//   phrases/xin mời công dân có số thứ tự.wav   the template's text between placeholders
//   words/hai.wav, words/mươi.wav, words/lăm.wav  number words (and any word a phrase lacks)
//   letters/A.wav … letters/Z.wav                 ticket prefixes, said as letter names
//   counters/3.wav                                 optional: a counter number said whole
// A text without its phrase clip is read word by word from words/. Every clip is checked when the
// pack loads; one that cannot be read makes the pack unusable, with the file named.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Phrase } from '@core/announcement.ts';
import type { VoiceEngine } from './engine.ts';
import { VoiceSetupError } from './engine.ts';
import type { Pcm } from './wav.ts';
import { decodeWav, joinPcm, resample, silence, toInt16, trimSilence } from './wav.ts';

export const PACK_FOLDERS = ['phrases', 'words', 'letters', 'counters'] as const;
export type PackFolder = (typeof PACK_FOLDERS)[number];
export const PAUSE_MS = 220;

export interface ClipRef {
  folder: PackFolder;
  /** The file name without .wav: a phrase key, a word, a capital letter or a counter number. */
  name: string;
}

/** A phrase or word as its file is named: NFC, lower case, no punctuation, single spaces. */
export function clipKey(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

export function clipPath(dir: string, ref: ClipRef): string {
  return join(dir, ref.folder, `${ref.name}.wav`);
}

export type PlanStep = ClipRef | 'pause';

/**
 * The clips that say a phrase, in order. `has` tells which optional clips exist (whole phrases,
 * whole counter numbers); without them the words are used.
 */
export function planPhrase(phrase: Phrase, has: (ref: ClipRef) => boolean): PlanStep[] {
  const steps: PlanStep[] = [];
  const words = (list: string[]) => { for (const w of list) steps.push({ folder: 'words', name: clipKey(w) }); };
  for (const part of phrase.parts) {
    switch (part.kind) {
      case 'pause': steps.push('pause'); break;
      case 'letter': steps.push({ folder: 'letters', name: part.letter }); break;
      case 'number': words(part.words); break;
      case 'counter': {
        const whole: ClipRef = { folder: 'counters', name: String(part.counter) };
        if (has(whole)) steps.push(whole);
        else words(part.words);
        break;
      }
      case 'text': {
        const whole: ClipRef = { folder: 'phrases', name: clipKey(part.text) };
        if (has(whole)) steps.push(whole);
        else words(clipKey(part.text).split(' '));
        break;
      }
    }
  }
  return steps;
}

const refId = (r: ClipRef) => `${r.folder}/${r.name}`;

export class VoicePack implements VoiceEngine {
  readonly id: string;

  private constructor(
    readonly dir: string,
    readonly sampleRate: number,
    private readonly clips: Map<string, Pcm>,
    fingerprint: string,
  ) {
    this.id = `voice-pack:${fingerprint}`;
  }

  /** Reads and checks every clip. Throws VoiceSetupError naming each file that cannot be used. */
  static async load(dir: string): Promise<VoicePack> {
    const decoded = new Map<string, { sampleRate: number; mono: Float32Array }>();
    const broken: string[] = [];
    const hash = createHash('sha256');
    for (const folder of PACK_FOLDERS) {
      let names: string[];
      try {
        names = await readdir(join(dir, folder));
      } catch {
        continue; // a pack may leave out a folder (counters/ is optional)
      }
      for (const file of names.sort()) {
        if (!file.toLowerCase().endsWith('.wav')) continue;
        const name = file.slice(0, -4).normalize('NFC');
        const key = refId({ folder, name: folder === 'letters' ? name.toUpperCase() : clipKey(name) });
        const path = join(dir, folder, file);
        try {
          const [buf, info] = await Promise.all([readFile(path), stat(path)]);
          decoded.set(key, decodeWav(buf));
          hash.update(`${key}:${info.size}:${info.mtimeMs};`);
        } catch (e) {
          broken.push(`${folder}/${file}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    if (broken.length > 0) throw new VoiceSetupError(`bộ giọng ${dir} có tệp hỏng: ${broken.join('; ')}`);
    if (decoded.size === 0) throw new VoiceSetupError(`bộ giọng ${dir} không có tệp WAV nào`);
    const sampleRate = mostCommon([...decoded.values()].map((d) => d.sampleRate));
    const clips = new Map<string, Pcm>();
    for (const [key, d] of decoded) {
      clips.set(key, trimSilence({ sampleRate, samples: toInt16(resample(d.mono, d.sampleRate, sampleRate)) }));
    }
    return new VoicePack(dir, sampleRate, clips, hash.digest('hex').slice(0, 16));
  }

  /** What the voice's worker loads to say this pack's clips (the fingerprint changes with any file). */
  get ref(): { dir: string; id: string } {
    return { dir: this.dir, id: this.id };
  }

  /** Every clip, e.g. to bring them all to the speech level before the first call. */
  allClips(): IterableIterator<Pcm> {
    return this.clips.values();
  }

  has(ref: ClipRef): boolean {
    return this.clips.has(refId(ref));
  }

  /** The clips of a plan; throws naming the first missing ones. */
  clipsFor(steps: PlanStep[]): Pcm[] {
    const missing = steps.filter((s): s is ClipRef => s !== 'pause' && !this.has(s)).map(refId);
    if (missing.length > 0) throw new VoiceSetupError(`bộ giọng ${this.dir} thiếu tệp: ${[...new Set(missing)].map((m) => `${m}.wav`).join(', ')}`);
    const pause = silence(this.sampleRate, PAUSE_MS);
    return steps.map((s) => (s === 'pause' ? pause : this.clips.get(refId(s))!));
  }

  /** Throws VoiceSetupError when the pack cannot say this phrase (used to check it at load). */
  check(phrase: Phrase): void {
    this.clipsFor(planPhrase(phrase, (r) => this.has(r)));
  }

  async speak(phrase: Phrase): Promise<Pcm> {
    return joinPcm(this.clipsFor(planPhrase(phrase, (r) => this.has(r))));
  }
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
}
