// The voice: picks and checks the configured engine (in the background, so start-up does not
// wait), turns a call into one WAV (chime, phrase, phrase again) in the audio cache, and falls
// back to the chime alone when the engine is misconfigured or fails, never throwing at callers.
// The audio is made by the voice's worker process (voice-worker.ts): the server's main thread,
// which fans the calls out to the boards, only names the file and hears back its duration.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Phrase } from '@core/announcement.ts';
import type { VoiceConfig, VoiceEngineName } from '@core/lobby-config.ts';
import type { AnnouncementView } from '@core/lobby-views.ts';
import type { CallView } from '@core/views.ts';
import { boardCall } from '@core/views.ts';
import { AudioCache, cacheKey } from './audio-cache.ts';
import type { VoiceEngine } from './engine.ts';
import { VoiceSetupError } from './engine.ts';
import { createEngine, resolveEngine } from './engine-choice.ts';
import { ESPEAK_RATE } from './espeak.ts';
import { EspeakWasmEngine } from './espeak-wasm-engine.ts';
import type { PackNeeds } from './pack-generator.ts';
import { planPhrase, VoicePack } from './voice-pack.ts';
import type { Manner, PiecedEngine, Wording } from './piece-plan.ts';
import { fixedPieces, numberPieces, piecesOf } from './piece-plan.ts';
import type { Saying } from './voice-wording.ts';
import { briskRate, firstCallOf, mannersOf, utterancePhrase, wordingOf } from './voice-wording.ts';
import type { Recipe, SpokenSource } from './worker-client.ts';
import { VoiceWorker } from './worker-client.ts';

const AFTER_CHIME_MS = 300;
const BETWEEN_REPEATS_MS = 800;
/** Engines speaking at once across zones: the server has other work and may have two cores. */
const MAX_PARALLEL = 2;
/** Longer than any engine's own limit (espeak-ng 10 s, say 15 s): a stuck worker still gives up. */
const COMPOSE_TIMEOUT_MS = 20_000;
/** Bumped when the way announcements are put together changes: files made the old way are not reused. */
const COMPOSITION = 2;

export interface VoiceOptions {
  config: VoiceConfig;
  /** Problems found in the stored voice section: the voice then uses the chime alone. */
  configProblems: string[];
  needs: Omit<PackNeeds, 'templates' | 'variant'>;
  /** Holds cache/ and the default pack/. */
  dir: string;
  platform: NodeJS.Platform;
  logger: Logger;
  /**
   * The engine starts once this settles (the server listening): its worker process, spawned and
   * loading espeak-ng, would otherwise take a core from the start-up. Calls made before wait, as
   * they wait for any engine still starting.
   */
  startAfter?: Promise<void>;
  /**
   * Make the morning's first call at start with the system's espeak-ng too (one program run, after
   * listening, at the worker's low priority): its first call is the slow one (159 ms against
   * ~60 ms after, quiet machine). The server's main sets it; test servers, started by the hundred,
   * do not.
   */
  warmProgram?: boolean;
}

export interface VoiceStatus {
  requested: VoiceEngineName;
  /** What actually speaks: an engine, 'chime-only' (the fallback), or 'silent' (engine none, chime off). */
  active: 'espeak-ng' | 'espeak-ng-wasm' | 'say' | 'voice-pack' | 'chime-only' | 'silent' | 'starting';
  problems: string[];
}

/**
 * What one announcement says: one call, or several of a zone joined, with its chime and repeats;
 * brisk (faster where the engine's speed can change, short number style) and burst (short opening)
 * as the planner decided (voice-wording.ts).
 */
export interface UtteranceRequest extends Saying {
  calls: CallView[];
  repeat: 1 | 2;
  chime: boolean;
}

export class VoiceService {
  private engine: VoiceEngine | null = null;
  /** False for a center's own voice pack without the clips a joined phrase needs. */
  private joinable = true;
  /** False for a center's own voice pack without the clips of the burst's short opening ("mời"). */
  private burstable = true;
  private cache: AudioCache | null = null;
  private readonly durations = new Map<string, number>();
  private readonly controller = new AbortController();
  private readonly worker = new VoiceWorker();
  private readonly state: VoiceStatus;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** The recurring pieces were sent to the worker to make ahead (once a board listens). */
  private warmedFixed = false;
  /** The numbers last sent to be made ahead, to send a list only when it changes. */
  private likely = '';
  readonly ready: Promise<void>;
  private readonly log: Logger;

  constructor(private readonly options: VoiceOptions) {
    this.log = options.logger.child({ module: 'voice' });
    this.state = { requested: options.config.engine, active: 'starting', problems: [...options.configProblems] };
    this.ready = this.init().catch((err: unknown) => {
      this.fallBack(`giọng đọc không khởi động được: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  status(): VoiceStatus {
    return { ...this.state, problems: [...this.state.problems] };
  }

  /** The cached file for a key, or null. */
  fileFor(key: string): string | null {
    return this.cache?.has(key) ? this.cache.path(key) : null;
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  private fallBack(problem: string): void {
    this.engine = null;
    this.state.problems.push(problem);
    this.state.active = 'chime-only';
    this.log.error({ problem }, 'voice unavailable: calls are announced with the chime and shown on the boards');
  }

  private async init(): Promise<void> {
    const { config, dir } = this.options;
    if (this.options.startAfter) {
      const aborted = new Promise<void>((resolve) => this.signal.addEventListener('abort', () => resolve(), { once: true }));
      await Promise.race([this.options.startAfter, aborted]);
      if (this.signal.aborted) return;
    }
    this.cache = await AudioCache.open(join(dir, 'cache'));
    if (this.options.configProblems.length > 0) {
      this.fallBack(`cấu hình giọng đọc không hợp lệ: ${this.options.configProblems.join('; ')}`);
      return;
    }
    const engine = resolveEngine(config.engine, this.options.platform);
    if (engine === 'none') {
      this.state.active = config.chime ? 'chime-only' : 'silent';
      return;
    }
    // espeak-ng (either build) cuts its phrases into pieces, made by the worker's idle helper:
    // started now, while the engine is checked, so that it is up before the first call.
    if (engine === 'espeak-ng' || engine === 'espeak-ng-wasm') this.worker.expectPieces();
    try {
      const made = await createEngine(engine, {
        config, dir, needs: this.options.needs, platform: this.options.platform, worker: this.worker, signal: this.signal, log: this.log,
      });
      this.engine = made.engine;
      this.joinable = made.joinable;
      this.burstable = made.burstable;
      // The morning's first call made now, as a quiet hall says it: every step of the way (this
      // thread, the worker, the cache) has run once, so the first real call is not the slow one.
      // Its file is kept. The system's espeak-ng only when asked (warmProgram): a program run at start.
      if (!this.engine.program || this.options.warmProgram) await this.utter({ calls: [firstCallOf(this.options.needs)], repeat: 1, chime: config.chime }, false);
      this.state.active = this.engine instanceof EspeakWasmEngine ? 'espeak-ng-wasm' : engine;
      this.log.info({ engine: this.engine.id, worker: this.worker.background }, 'voice ready');
    } catch (e) {
      if (this.signal.aborted) return;
      if (!(e instanceof VoiceSetupError)) throw e;
      this.fallBack(e.message);
    }
  }

  /** Whether several calls may be said as one phrase (a center's own pack may lack the clips). */
  get canJoin(): boolean {
    return this.joinable;
  }

  phraseFor(calls: readonly CallView[], saying: Saying = {}): Phrase {
    return utterancePhrase(this.wording(), calls, saying, this.burstable);
  }

  /** The announcement of one call as configured (the admin's preview). */
  announce(call: CallView): Promise<AnnouncementView> {
    return this.announceUtterance({ calls: [call], repeat: this.options.config.repeat, chime: this.options.config.chime });
  }

  /** One announcement; never rejects: a failing engine gives the chime alone. */
  async announceUtterance(u: UtteranceRequest): Promise<AnnouncementView> {
    await this.ready;
    return this.utter(u);
  }

  /** `warm`: a board is listening, so the recurring pieces may be made ahead. */
  private async utter(u: UtteranceRequest, warm = true): Promise<AnnouncementView> {
    const calls = u.calls.length > 1 && !this.joinable ? u.calls.slice(0, 1) : u.calls;
    const phrase = this.phraseFor(calls, u);
    const call = calls[0]!;
    // What boards get: numbers, never the tickets' ids (the status page's secret).
    const base = { call: boardCall(call), calls: calls.map(boardCall), text: phrase.shown, notAfter: null };
    const { config } = this.options;
    const chime = config.chime && u.chime;
    const engine = this.engine;
    if (engine) {
      try {
        const rate = engine.rate && u.brisk ? briskRate(engine.rate) : engine.rate;
        const key = cacheKey([COMPOSITION, engine.id, rate ?? 0, chime, chime ? config.chimeLevel : 0, u.repeat, u.again === true, phrase.spoken]);
        if (warm) this.warmFixed();
        await this.ensure(key, (file) => this.limited(async () => {
          // espeak-ng (either build) says the phrase in pieces the worker keeps; a pack's clips are
          // in the worker too; only the OS voice hands over its PCM from here.
          const spoken: SpokenSource = engine.piece
            ? { kind: 'pieces', pieces: piecesOf(engine as PiecedEngine, phrase, rate), ...(engine.program ? { whole: { kind: 'program', program: engine.program(phrase, rate) } } : {}) }
            : engine instanceof VoicePack
              ? { kind: 'pack', pack: engine.ref, steps: planPhrase(phrase, (r) => engine.has(r)) }
              : engine.program
                ? { kind: 'program', program: engine.program(phrase, rate) }
                : { kind: 'pcm', ...(await engine.speak(phrase, this.signal)) };
          return this.worker.compose(spoken, this.recipe(engine.sampleRate, chime, u.repeat, u.again), file, this.signal, COMPOSE_TIMEOUT_MS);
        }));
        return { ...base, audioUrl: `/audio/${key}.wav`, durationMs: this.durations.get(key) ?? null, voiced: true };
      } catch (e) {
        if (this.signal.aborted) return { ...base, audioUrl: null, durationMs: null, voiced: false };
        this.log.warn({ err: e, number: call.ticket.number }, 'voice failed for this call; chime only');
      }
    } else if (this.state.active === 'silent') {
      return { ...base, audioUrl: null, durationMs: null, voiced: false };
    }
    // The chime alone; inside a burst not even that: the boards show the calls.
    if (!u.chime) return { ...base, audioUrl: null, durationMs: null, voiced: false };
    const key = cacheKey(['chime', ESPEAK_RATE, config.chimeLevel]);
    try {
      await this.ensure(key, (file) =>
        this.worker.compose({ kind: 'none' }, this.recipe(ESPEAK_RATE, true, 1), file, this.signal, COMPOSE_TIMEOUT_MS));
      return { ...base, audioUrl: `/audio/${key}.wav`, durationMs: this.durations.get(key) ?? null, voiced: false };
    } catch (e) {
      this.log.error({ err: e }, 'could not write the chime');
      return { ...base, audioUrl: null, durationMs: null, voiced: false };
    }
  }

  private wording(): Wording {
    return wordingOf(this.options.config, this.options.configProblems.length === 0);
  }

  private pieced(): { engine: PiecedEngine; manners: Manner[] } | null {
    const engine = this.engine;
    if (!engine?.piece || engine.rate === undefined) return null;
    return { engine: engine as PiecedEngine, manners: mannersOf(this.wording(), engine.rate, this.burstable) };
  }

  /** Once a board listens: the phrase's recurring pieces are made while the worker is idle. */
  private warmFixed(): void {
    const p = this.pieced();
    if (this.warmedFixed || !p) return;
    this.warmedFixed = true;
    const { prefixes, counters } = this.options.needs;
    this.worker.warm('fixed', fixedPieces(p.engine, p.manners, prefixes, counters));
  }

  /**
   * The tickets likely to be called next (each service's first waiting ones): their number words
   * are made while the worker is idle, so their calls synthesise nothing. Cheap to call often.
   */
  async prepare(numbers: readonly string[]): Promise<void> {
    await this.ready;
    const p = this.pieced();
    if (!p || this.signal.aborted) return;
    this.warmFixed();
    const list = [...numbers].sort().join(' ');
    if (list === this.likely) return;
    this.likely = list;
    this.worker.warm('likely', numberPieces(p.engine, p.manners, numbers, this.options.needs.counters[0] ?? 1));
  }

  private recipe(sampleRate: number, chime: boolean, repeat: 1 | 2, again = false): Recipe {
    return {
      sampleRate, chime, repeat, afterChimeMs: AFTER_CHIME_MS, betweenRepeatsMs: BETWEEN_REPEATS_MS, chimeLevel: this.options.config.chimeLevel,
      ...(again ? { leadMs: BETWEEN_REPEATS_MS } : {}),
    };
  }

  /** Makes the cached file for `key` unless it exists; `make` writes it at the path given and returns its duration. */
  private async ensure(key: string, make: (file: string) => Promise<number>): Promise<void> {
    const cache = this.cache!;
    if (cache.has(key)) return;
    let duration = 0;
    await cache.putWith(key, async (file) => { duration = await make(file); });
    if (this.durations.size > 1000) this.durations.clear(); // bounded; a miss only loses the hint
    this.durations.set(key, duration);
  }

  private async limited<T>(task: () => Promise<T>): Promise<T> {
    // A finishing task hands its slot straight to the next waiting one, so the count never overshoots.
    if (this.running >= MAX_PARALLEL) await new Promise<void>((r) => this.waiting.push(r));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Stops speaking: running engines are killed, start-up work is abandoned, the worker process ends. */
  async close(): Promise<void> {
    this.controller.abort();
    for (const wake of this.waiting.splice(0)) wake();
    await this.ready;
    await this.worker.terminate();
  }
}
