// The espeak-ng built into the server (WebAssembly, see espeak-wasm.ts): the same voices, number
// words and templates as the system's espeak-ng, with nothing to install. It speaks in the voice's
// worker process, like every engine, so the main thread never synthesizes.
import type { Phrase } from '@core/announcement.ts';
import type { NumberVariant } from '@core/vietnamese-numbers.ts';
import type { VoiceEngine } from './engine.ts';
import { VoiceSetupError } from './engine.ts';
import { ESPEAK_RATE, espeakVoiceOf } from './espeak.ts';
import type { Pcm } from './wav.ts';
import type { Piece, WasmCall } from './worker-protocol.ts';
import { VoiceWorker } from './worker-client.ts';

const TIMEOUT_MS = 15_000;
/** The first call starts the worker, loads the module (~25 MB) and warms it up: generous, once. */
const LOAD_TIMEOUT_MS = 90_000;

const WARM_UP_TEXTS = ['không trăm hai mươi tư,', 'một trăm mười lăm,', 'chín trăm linh bảy,', 'đến quầy số ba mươi sáu', 'bốn nghìn tám trăm năm mươi mốt,', 'mời số ca,'];

export interface EspeakWasmOptions {
  variant: NumberVariant;
  rate: number;
  worker?: VoiceWorker;
}

export class EspeakWasmEngine implements VoiceEngine {
  readonly id: string;
  readonly sampleRate = ESPEAK_RATE;
  private readonly voice: string;
  private readonly worker: VoiceWorker;

  private constructor(private readonly options: EspeakWasmOptions) {
    this.worker = options.worker ?? new VoiceWorker();
    this.voice = espeakVoiceOf(options.variant);
    this.id = `espeak-ng-wasm:${this.voice}:${options.rate}`;
  }

  /** Loads the module in the worker and says a whole phrase once, so the first call is not the slow one. */
  static async create(options: EspeakWasmOptions, signal: AbortSignal): Promise<EspeakWasmEngine> {
    const engine = new EspeakWasmEngine(options);
    try {
      const warmUp = engine.callFor('Xin mời công dân có số thứ tự a, không trăm linh một, đến quầy số một');
      const pcm = await engine.worker.speak(warmUp, signal, LOAD_TIMEOUT_MS);
      if (pcm.sampleRate !== ESPEAK_RATE) throw new Error(`tần số mẫu ${pcm.sampleRate} Hz, cần ${ESPEAK_RATE} Hz`);
      // The module's first few texts are several times slower than the next ones (its code and
      // data are warmed by use): a few number words, at both speeds, so the first calls are not.
      for (const [i, text] of WARM_UP_TEXTS.entries()) {
        await engine.worker.speak({ ...engine.callFor(text), rate: i % 2 === 0 ? options.rate : Math.round(options.rate * 1.3) }, signal, LOAD_TIMEOUT_MS);
      }
    } catch (e) {
      if (signal.aborted) throw e;
      throw new VoiceSetupError(`espeak-ng có sẵn (WebAssembly) không đọc được bằng giọng ${engine.voice}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return engine;
  }

  speak(phrase: Phrase, signal: AbortSignal): Promise<Pcm> {
    return this.say(phrase.spoken, signal);
  }

  get rate(): number {
    return this.options.rate;
  }

  wasm(phrase: Phrase, rate = this.options.rate): WasmCall {
    return { ...this.callFor(phrase.spoken), rate };
  }

  piece(text: string, rate = this.options.rate): Piece {
    const call = { ...this.callFor(text), rate };
    return { key: `${this.id}@${rate}|${call.text}`, synth: { kind: 'wasm', call } };
  }

  /** Any text, e.g. one word of a voice pack. */
  say(text: string, signal: AbortSignal): Promise<Pcm> {
    return this.worker.speak(this.callFor(text), signal, TIMEOUT_MS);
  }

  private callFor(text: string): WasmCall {
    return { text: text.normalize('NFC'), voice: this.voice, rate: this.options.rate };
  }
}
