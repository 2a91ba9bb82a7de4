// The voice: picks and checks the configured engine (in the background, so start-up does not
// wait), turns a call into one WAV (chime, phrase, phrase again) in the audio cache, and falls
// back to the chime alone when the engine is misconfigured or fails, never throwing at callers.
// The audio is made by the voice's worker process (voice-worker.ts): the server's main thread,
// which fans the calls out to the boards, only names the file and hears back its duration.
import { isAbsolute, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Phrase } from '@core/announcement.ts';
import { buildJoinedPhrase, buildPhrase, continuationTemplate, DEFAULT_RECALL_TEMPLATE, DEFAULT_TEMPLATE } from '@core/announcement.ts';
import type { VoiceConfig, VoiceEngineName } from '@core/lobby-config.ts';
import type { AnnouncementView } from '@core/lobby-views.ts';
import type { CallView } from '@core/views.ts';
import { boardCall } from '@core/views.ts';
import { AudioCache, cacheKey } from './audio-cache.ts';
import type { VoiceEngine } from './engine.ts';
import { VoiceSetupError } from './engine.ts';
import { ESPEAK_RATE, EspeakEngine } from './espeak.ts';
import { EspeakWasmEngine } from './espeak-wasm-engine.ts';
import type { PackNeeds } from './pack-generator.ts';
import { checkPack, generateMissingClips, packProblems } from './pack-generator.ts';
import { SayEngine } from './say.ts';
import { planPhrase, VoicePack } from './voice-pack.ts';
import type { PiecedEngine, Wording } from './piece-plan.ts';
import { fixedPieces, numberPieces, piecesOf } from './piece-plan.ts';
import type { Recipe, SpokenSource } from './worker-client.ts';
import { VoiceWorker } from './worker-client.ts';

const AFTER_CHIME_MS = 300;
const BETWEEN_REPEATS_MS = 800;
/** Engines speaking at once across zones: the server has other work and may have two cores. */
const MAX_PARALLEL = 2;
/** Longer than any engine's own limit (espeak-ng 10 s, say 15 s): a stuck worker still gives up. */
const COMPOSE_TIMEOUT_MS = 20_000;
/** The worker reads and checks every clip of a pack: a crowded machine, a big pack. */
const PACK_LOAD_TIMEOUT_MS = 60_000;
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
}

export interface VoiceStatus {
  requested: VoiceEngineName;
  /** What actually speaks: an engine, 'chime-only' (the fallback), or 'silent' (engine none, chime off). */
  active: 'espeak-ng' | 'espeak-ng-wasm' | 'say' | 'voice-pack' | 'chime-only' | 'silent' | 'starting';
  problems: string[];
}

/** What one announcement says: one call, or several of a zone joined, with its chime and repeats. */
export interface UtteranceRequest {
  calls: CallView[];
  repeat: 1 | 2;
  chime: boolean;
  /** Calls wait behind it: spoken faster (BRISK_RATE), where the engine's speed can change. */
  brisk?: boolean;
}

/** Speed with a backlog, relative to the configured rate (135 → 176 words a minute). */
export const BRISK_RATE = 1.3;

export class VoiceService {
  private engine: VoiceEngine | null = null;
  /** False for a center's own voice pack without the clips a joined phrase needs. */
  private joinable = true;
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
    try {
      this.engine = await this.createEngine(engine);
      this.state.active = this.engine instanceof EspeakWasmEngine ? 'espeak-ng-wasm' : engine;
      this.log.info({ engine: this.engine.id }, 'voice ready');
    } catch (e) {
      if (this.signal.aborted) return;
      if (!(e instanceof VoiceSetupError)) throw e;
      this.fallBack(e.message);
    }
  }

  private async createEngine(name: 'espeak-ng' | 'espeak-ng-wasm' | 'say' | 'voice-pack'): Promise<VoiceEngine> {
    const { config, dir, platform } = this.options;
    const wasm = () => EspeakWasmEngine.create({ variant: config.variant, rate: config.rate, worker: this.worker }, this.signal);
    // The system's espeak-ng where it is installed (the fastest), else the one built in.
    const espeak = async (): Promise<EspeakEngine | EspeakWasmEngine> => {
      try {
        return await EspeakEngine.create({ variant: config.variant, rate: config.rate, worker: this.worker }, this.signal);
      } catch (e) {
        if (this.signal.aborted || !(e instanceof VoiceSetupError)) throw e;
        this.log.info({ reason: e.message }, 'no usable system espeak-ng: the built-in espeak-ng (WebAssembly) speaks');
        return wasm();
      }
    };
    if (name === 'espeak-ng') return espeak();
    if (name === 'espeak-ng-wasm') return wasm();
    if (name === 'say') return SayEngine.create({ platform, voice: config.osVoice, rate: config.rate, workDir: join(dir, 'tmp') }, this.signal);
    const needs: PackNeeds = { ...this.options.needs, templates: [config.template, config.recallTemplate], variant: config.variant };
    const joined: PackNeeds = { ...needs, templates: [continuationTemplate(config.template)] };
    const packDir = config.packDir === null ? join(dir, 'pack') : isAbsolute(config.packDir) ? config.packDir : resolve(dir, config.packDir);
    if (config.packDir === null) {
      // The default pack is ours to complete; a center's own folder is only ever read.
      const tts = await espeak();
      const say = (text: string) => tts.say(text, this.signal);
      let written = await generateMissingClips(packDir, needs, say);
      written += await generateMissingClips(packDir, joined, say);
      if (written > 0) this.log.info({ packDir, written }, 'default voice pack generated');
    }
    const pack = await VoicePack.load(packDir);
    checkPack(pack, needs);
    // The worker says the pack: it reads the clips now, so the first call does not wait for them.
    await this.worker.loadPack(pack.ref, this.signal, PACK_LOAD_TIMEOUT_MS);
    // Joined calls need "số … đến quầy số …" clips; a pack without them says each call alone.
    this.joinable = packProblems(pack, joined).length === 0;
    return pack;
  }

  /** Whether several calls may be said as one phrase (a center's own pack may lack the clips). */
  get canJoin(): boolean {
    return this.joinable;
  }

  phraseFor(calls: readonly CallView[]): Phrase {
    const w = this.wording();
    const template = calls[0]!.recall ? w.recallTemplate : w.template;
    const words = calls.map((c) => ({ number: c.ticket.number, counter: c.counter }));
    return words.length === 1 ? buildPhrase(template, words[0]!, w.variant, w.style) : buildJoinedPhrase(template, words, w.variant, w.style);
  }

  /** The announcement of one call as configured (the admin's preview). */
  announce(call: CallView): Promise<AnnouncementView> {
    return this.announceUtterance({ calls: [call], repeat: this.options.config.repeat, chime: this.options.config.chime });
  }

  /** One announcement; never rejects: a failing engine gives the chime alone. */
  async announceUtterance(u: UtteranceRequest): Promise<AnnouncementView> {
    await this.ready;
    const calls = u.calls.length > 1 && !this.joinable ? u.calls.slice(0, 1) : u.calls;
    const phrase = this.phraseFor(calls);
    const call = calls[0]!;
    // What boards get: numbers, never the tickets' ids (the status page's secret).
    const base = { call: boardCall(call), calls: calls.map(boardCall), text: phrase.shown, notAfter: null };
    const { config } = this.options;
    const chime = config.chime && u.chime;
    const engine = this.engine;
    if (engine) {
      try {
        const rate = engine.rate && u.brisk ? this.briskRate(engine.rate) : engine.rate;
        const key = cacheKey([COMPOSITION, engine.id, rate ?? 0, chime, chime ? config.chimeLevel : 0, u.repeat, phrase.spoken]);
        this.warmFixed();
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
          return this.worker.compose(spoken, this.recipe(engine.sampleRate, chime, u.repeat), file, this.signal, COMPOSE_TIMEOUT_MS);
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

  private briskRate(rate: number): number {
    return Math.min(260, Math.round(rate * BRISK_RATE));
  }

  private wording(): Wording {
    const { config } = this.options;
    const ok = this.options.configProblems.length === 0;
    return ok
      ? { template: config.template, recallTemplate: config.recallTemplate, variant: config.variant, style: config.numberStyle }
      : { template: DEFAULT_TEMPLATE, recallTemplate: DEFAULT_RECALL_TEMPLATE, variant: 'north', style: 'full' };
  }

  private pieced(): { engine: PiecedEngine; rates: number[] } | null {
    const engine = this.engine;
    if (!engine?.piece || engine.rate === undefined) return null;
    return { engine: engine as PiecedEngine, rates: [engine.rate, this.briskRate(engine.rate)] };
  }

  /** Once a board listens: the phrase's recurring pieces are made while the worker is idle. */
  private warmFixed(): void {
    const p = this.pieced();
    if (this.warmedFixed || !p) return;
    this.warmedFixed = true;
    const { prefixes, counters } = this.options.needs;
    this.worker.warm('fixed', fixedPieces(p.engine, this.wording(), prefixes, counters, p.rates));
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
    this.worker.warm('likely', numberPieces(p.engine, this.wording(), numbers, this.options.needs.counters[0] ?? 1, p.rates));
  }

  private recipe(sampleRate: number, chime: boolean, repeat: 1 | 2): Recipe {
    return { sampleRate, chime, repeat, afterChimeMs: AFTER_CHIME_MS, betweenRepeatsMs: BETWEEN_REPEATS_MS, chimeLevel: this.options.config.chimeLevel };
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

/**
 * 'auto' is espeak-ng on every OS: the system's where installed, else the built-in one. The OS
 * voice (`say`) is only used when chosen: Windows and macOS rarely have a Vietnamese voice.
 */
export function resolveEngine(name: VoiceEngineName, _platform: NodeJS.Platform): Exclude<VoiceEngineName, 'auto'> {
  return name === 'auto' ? 'espeak-ng' : name;
}
