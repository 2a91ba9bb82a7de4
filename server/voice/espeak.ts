// espeak-ng: Debian's offline TTS with Vietnamese voices (vi, vi-vn-x-south). The text goes in on
// stdin, never on the command line, and the WAV comes back on stdout (~20 ms for a call). The
// program runs in the voice's worker process; for announcements its WAV is decoded there too.
import type { NumberVariant } from '@core/vietnamese-numbers.ts';
import type { Phrase } from '@core/announcement.ts';
import type { VoiceEngine } from './engine.ts';
import { isNotFound, VoiceSetupError } from './engine.ts';
import type { Pcm } from './wav.ts';
import { readWavAs } from './wav.ts';
import type { Piece, ProgramCall } from './worker-protocol.ts';
import { VoiceWorker } from './worker-client.ts';

export const ESPEAK_RATE = 22050;
const TIMEOUT_MS = 10_000;
/** The check at configuration time also starts the voice's worker process: slow on a crowded machine. */
const CHECK_TIMEOUT_MS = 60_000;

export interface EspeakOptions {
  variant: NumberVariant;
  /** Words per minute. */
  rate: number;
  binary?: string;
  /** The worker that runs the program; without one the engine starts its own (tests, tools). */
  worker?: VoiceWorker;
}

export function espeakVoiceOf(variant: NumberVariant): string {
  return variant === 'south' ? 'vi-vn-x-south' : 'vi';
}

export class EspeakEngine implements VoiceEngine {
  readonly id: string;
  readonly sampleRate = ESPEAK_RATE;
  private readonly binary: string;
  private readonly voice: string;
  private readonly worker: VoiceWorker;

  private constructor(private readonly options: EspeakOptions) {
    this.binary = options.binary ?? 'espeak-ng';
    this.worker = options.worker ?? new VoiceWorker();
    this.voice = espeakVoiceOf(options.variant);
    this.id = `espeak-ng:${this.voice}:${options.rate}`;
  }

  /** Checks at configuration time that the program and its Vietnamese voice are there. */
  static async create(options: EspeakOptions, signal: AbortSignal): Promise<EspeakEngine> {
    const engine = new EspeakEngine(options);
    try {
      await engine.say('một', signal, CHECK_TIMEOUT_MS);
    } catch (e) {
      if (isNotFound(e)) {
        throw new VoiceSetupError(`không tìm thấy chương trình ${engine.binary}: hãy cài gói espeak-ng (apt-get install espeak-ng)`);
      }
      throw new VoiceSetupError(`${engine.binary} không đọc được bằng giọng ${engine.voice}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return engine;
  }

  speak(phrase: Phrase, signal: AbortSignal): Promise<Pcm> {
    return this.say(phrase.spoken, signal);
  }

  get rate(): number {
    return this.options.rate;
  }

  program(phrase: Phrase, rate = this.options.rate): ProgramCall {
    return this.programFor(phrase.spoken, rate);
  }

  piece(text: string, rate = this.options.rate): Piece {
    const program = this.programFor(text, rate);
    return { key: `${this.id}@${rate}|${program.input}`, synth: { kind: 'program', program } };
  }

  /** Any text, e.g. one word of a voice pack. */
  async say(text: string, signal: AbortSignal, timeoutMs = TIMEOUT_MS): Promise<Pcm> {
    const result = await this.worker.run(this.programFor(text), signal, timeoutMs);
    if (result.code !== 0) throw new Error(`${this.binary} exited with ${result.code}: ${result.stderr.slice(0, 200)}`);
    return readWavAs(result.stdout, this.sampleRate);
  }

  private programFor(text: string, rate = this.options.rate): ProgramCall {
    const args = ['-v', this.voice, '-s', String(rate), '-b', '1', '--stdin', '--stdout'];
    return { command: this.binary, args, input: text.normalize('NFC') };
  }
}
