// The voice worker's store of synthesised pieces (see phrase-chunks.ts), each kept as PCM already
// at the speech level (loudness.ts), so an announcement is the pieces copied one after another
// into a WAV: no decoding, no normalising, no joining twice. What a call needs and the store lacks
// is synthesised then (usually the ticket number's words alone); the rest of the time the store
// works ahead, while no announcement is being made: the fixed pieces of the phrase and the
// numbers most likely to be called next (each service's first waiting tickets), so most calls
// synthesise nothing. Bounded: the least recently used pieces go first.
import type { Pcm } from './wav.ts';

/** How a piece is synthesised; `key` names its sound (engine, voice, speed, text) and nothing else. */
export interface ChunkSource<S = unknown> {
  key: string;
  synth: S;
}

/** Work ahead: `fixed` is the phrase's recurring pieces, `likely` the next numbers (each list replaces its previous one). */
export type WarmGroup = 'fixed' | 'likely';

export interface ChunkStoreStats {
  size: number;
  hits: number;
  misses: number;
  warmed: number;
}

/** ~600 pieces of ~1.5 s at 22 kHz: ~40 MB at most. */
const MAX_PIECES = 600;
/** Work ahead starts only after this long without an announcement: calls close together come first. */
const IDLE_MS = 250;

export class ChunkStore<S> {
  /** key → piece, in least-recently-used order (a Map keeps insertion order). */
  private readonly pieces = new Map<string, Pcm>();
  /** Pieces being synthesised; `ahead`: for work ahead (background-priority.ts: maybe at SCHED_IDLE). */
  private readonly making = new Map<string, { made: Promise<Pcm>; ahead: boolean }>();
  private readonly ahead: Record<WarmGroup, ChunkSource<S>[]> = { fixed: [], likely: [] };
  /** Announcements being made: work ahead waits for them. */
  private busy = 0;
  private pumping = false;
  private lastBusy = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly counts = { hits: 0, misses: 0, warmed: 0 };

  /**
   * `synthesise(synth, ahead)` makes a piece at the speech level (normaliseSpeech); `ahead`: made
   * ahead, no call waits for it.
   */
  constructor(private readonly synthesise: (synth: S, ahead: boolean) => Promise<Pcm>, private readonly maxPieces = MAX_PIECES) {}

  stats(): ChunkStoreStats {
    return { size: this.pieces.size, ...this.counts };
  }

  has(key: string): boolean {
    return this.pieces.has(key);
  }

  /** How many of these pieces a call would have to make: neither kept nor being made for a call. */
  missing(sources: readonly ChunkSource<S>[]): number {
    return sources.filter((s) => !this.pieces.has(s.key) && !(this.making.get(s.key)?.ahead === false)).length;
  }

  /** Made ahead before the other work ahead (pieces a call had to do without). */
  soon(sources: readonly ChunkSource<S>[]): void {
    this.ahead.fixed.unshift(...sources);
    this.pump();
  }

  /** The pieces of one announcement, synthesising the missing ones at once (in parallel). */
  take(sources: readonly ChunkSource<S>[]): Promise<Pcm[]> {
    return this.holding(() => Promise.all(sources.map((s) => {
        const hit = this.pieces.get(s.key);
        if (hit) {
          this.counts.hits++;
          this.touch(s.key, hit);
          return hit;
        }
        this.counts.misses++;
        return this.make(s, false);
      })));
  }

  /** Runs an announcement's work: nothing is made ahead meanwhile. */
  async holding<T>(work: () => Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await work();
    } finally {
      this.busy--;
      this.lastBusy = performance.now();
      this.pump();
    }
  }

  /** Replaces the group's list of pieces to make ahead; those already kept are skipped when their turn comes. */
  warm(group: WarmGroup, sources: readonly ChunkSource<S>[]): void {
    this.ahead[group] = [...sources];
    this.pump();
  }

  private touch(key: string, pcm: Pcm): void {
    this.pieces.delete(key);
    this.pieces.set(key, pcm);
  }

  private make(source: ChunkSource<S>, ahead: boolean): Promise<Pcm> {
    const running = this.making.get(source.key);
    // Made ahead, a piece may wait long for a core on a busy machine (SCHED_IDLE): a call that
    // needs it now makes it again as its own (voice-worker.ts), and the first one made is kept.
    if (running && (ahead || !running.ahead)) return running.made;
    const made = this.synthesise(source.synth, ahead).then((pcm) => {
      const first = this.pieces.get(source.key);
      if (first) return first;
      this.touch(source.key, pcm);
      while (this.pieces.size > this.maxPieces) this.pieces.delete(this.pieces.keys().next().value!);
      return pcm;
    }).finally(() => { if (this.making.get(source.key)?.made === made) this.making.delete(source.key); });
    this.making.set(source.key, { made, ahead });
    return made;
  }

  private next(): ChunkSource<S> | undefined {
    // The likely numbers first: the fixed pieces are made anyway by the first call that needs them.
    for (const group of ['likely', 'fixed'] as const) {
      const list = this.ahead[group];
      while (list.length > 0) {
        const s = list.shift()!;
        if (!this.pieces.has(s.key) && !this.making.has(s.key)) return s;
      }
    }
    return undefined;
  }

  /** One piece ahead at a time, only while no announcement has been made for a moment, yielding between pieces. */
  private pump(): void {
    if (this.pumping || this.busy > 0 || this.timer) return;
    const wait = this.lastBusy + IDLE_MS - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => { this.timer = null; this.pump(); }, wait);
      this.timer.unref();
      return;
    }
    const source = this.next();
    if (!source) return;
    this.pumping = true;
    this.make(source, true).then(() => { this.counts.warmed++; }, () => { /* made again when a call needs it */ }).finally(() => {
      this.pumping = false;
      setImmediate(() => this.pump());
    });
  }
}
