// Announcements put together in the voice's worker: chime, pause, phrase, and with repeat 2 a
// longer pause and the phrase again. Every spoken piece is brought to the one speech level once
// (the phrase's pieces when first synthesised, a pack's clips when first used, the chime once per
// level), so a call is the pieces copied into the WAV's bytes: peaks ≤ −1 dBFS and one loudness
// with no pass over the whole. Pieces and packs are kept between calls (chunk-store.ts).
import { writeFile } from 'node:fs/promises';
import { chime } from './chime.ts';
import type { ChunkStoreStats } from './chunk-store.ts';
import { ChunkStore } from './chunk-store.ts';
import { chimeAt, normaliseSpeech } from './loudness.ts';
import type { Pcm } from './wav.ts';
import { encodeWavPieces } from './wav.ts';
import type { SoundPiece } from './wav.ts';
import { VoicePack } from './voice-pack.ts';
import type { PackRef, Piece, PieceSynth, Recipe, SpokenSource } from './worker-protocol.ts';
import type { WarmGroup } from './chunk-store.ts';

export interface ComposerDeps {
  /**
   * Synthesises one piece (a program run or the built-in espeak-ng) and brings it to the speech
   * level; `ahead`: for work ahead, not a call due now.
   */
  synthesise(synth: PieceSynth, ahead: boolean): Promise<Pcm>;
  /** The whole-phrase sources of engines that are not cut into pieces. */
  whole(spoken: Extract<SpokenSource, { kind: 'program' | 'wasm' | 'pcm' }>, sampleRate: number, requestId: number): Promise<Pcm>;
}

/** Packs kept loaded: the current one and the one an admin just replaced. */
const MAX_PACKS = 2;

export class Composer {
  private readonly store: ChunkStore<PieceSynth>;
  private readonly packs = new Map<string, Promise<VoicePack>>();
  /** A pack clip (as the pack keeps it) → the same clip at the speech level. */
  private readonly levelled = new WeakMap<Pcm, Pcm>();
  private readonly chimes = new Map<string, Pcm>();

  constructor(private readonly deps: ComposerDeps) {
    this.store = new ChunkStore((synth, ahead) => deps.synthesise(synth, ahead));
  }

  stats(): ChunkStoreStats {
    return this.store.stats();
  }

  warm(group: WarmGroup, pieces: Piece[]): void {
    this.store.warm(group, pieces);
  }

  /** The pack of this fingerprint, loaded once (a changed folder has another fingerprint). */
  pack(ref: PackRef): Promise<VoicePack> {
    let loading = this.packs.get(ref.id);
    if (!loading) {
      // Every clip is brought to the speech level now, at start, rather than by the first calls.
      loading = VoicePack.load(ref.dir).then((pack) => {
        for (const clip of pack.allClips()) this.level(clip);
        return pack;
      });
      loading.catch(() => this.packs.delete(ref.id));
      this.packs.set(ref.id, loading);
      while (this.packs.size > MAX_PACKS) this.packs.delete(this.packs.keys().next().value!);
    }
    return loading;
  }

  /** Writes the announcement WAV at `file`; returns its duration in ms. */
  async compose(spoken: SpokenSource, recipe: Recipe, file: string, requestId = 0): Promise<number> {
    const phrase = await this.spokenPieces(spoken, recipe.sampleRate, requestId);
    const { sampleRate } = recipe;
    const samples = (ms: number) => Math.round((sampleRate * ms) / 1000);
    const parts: SoundPiece[] = recipe.leadMs ? [samples(recipe.leadMs)] : [];
    if (recipe.chime) parts.push(this.chime(sampleRate, recipe.chimeLevel).samples);
    if (phrase.length > 0) {
      if (recipe.chime) parts.push(samples(recipe.afterChimeMs));
      parts.push(...phrase);
      if (recipe.repeat === 2) parts.push(samples(recipe.betweenRepeatsMs), ...phrase);
    }
    const { wav, frames } = encodeWavPieces(sampleRate, parts);
    await writeFile(file, wav);
    return Math.round((frames / sampleRate) * 1000);
  }

  private async spokenPieces(spoken: SpokenSource, sampleRate: number, requestId: number): Promise<SoundPiece[]> {
    const at = (pcm: Pcm) => {
      if (pcm.sampleRate !== sampleRate) throw new Error(`spoken audio at ${pcm.sampleRate} Hz, expected ${sampleRate} Hz`);
      return pcm.samples;
    };
    switch (spoken.kind) {
      case 'none': return [];
      case 'pieces': {
        if (spoken.whole && this.store.missing(spoken.pieces) > 1) {
          // Starting a program costs more than what it says: one run says the whole phrase now,
          // and its pieces are made afterwards, while idle, for the calls to come.
          const whole = spoken.whole;
          const pcm = await this.store.holding(() => this.deps.synthesise(whole, false));
          this.store.soon(spoken.pieces);
          return [at(pcm)];
        }
        return (await this.store.take(spoken.pieces)).map(at);
      }
      case 'pack': {
        const pack = await this.pack(spoken.pack);
        return pack.clipsFor(spoken.steps).map((clip, i) => (spoken.steps[i] === 'pause' ? clip.samples.length : at(this.level(clip))));
      }
      default: return [at(normaliseSpeech(await this.deps.whole(spoken, sampleRate, requestId)))];
    }
  }

  private level(clip: Pcm): Pcm {
    let out = this.levelled.get(clip);
    if (!out) this.levelled.set(clip, (out = normaliseSpeech(clip)));
    return out;
  }

  private chime(sampleRate: number, level: number): Pcm {
    const key = `${sampleRate}:${level}`;
    let out = this.chimes.get(key);
    if (!out) this.chimes.set(key, (out = chimeAt(chime(sampleRate), level)));
    return out;
  }
}
