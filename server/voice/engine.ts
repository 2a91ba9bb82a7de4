// The one interface every voice engine implements: a phrase in, mono PCM out. Engines are made
// and checked at configuration time (a missing binary, a platform without export, a broken clip
// are found then, with the reason), so speaking only fails for reasons of the moment.
import type { Phrase } from '@core/announcement.ts';
import type { Pcm } from './wav.ts';
import type { Piece, ProgramCall, WasmCall } from './worker-protocol.ts';

export interface VoiceEngine {
  /** The voice and every setting that changes its sound: part of each cached file's key. */
  readonly id: string;
  readonly sampleRate: number;
  /** Words per minute, for an engine whose speed can change per phrase (espeak-ng). */
  readonly rate?: number;
  speak(phrase: Phrase, signal: AbortSignal): Promise<Pcm>;
  /**
   * For an engine that is one program writing a WAV on stdout: the program for a phrase, so the
   * voice's worker process runs it and decodes its output without the main thread touching audio.
   */
  program?(phrase: Phrase, rate?: number): ProgramCall;
  /** For the espeak-ng built into the worker: the text, voice and speed the worker says. */
  wasm?(phrase: Phrase, rate?: number): WasmCall;
  /**
   * For an engine whose phrase can be said in pieces (phrase-chunks.ts): one piece, named by its
   * sound, for the worker to synthesise once and keep.
   */
  piece?(text: string, rate?: number): Piece;
}

/** A configuration-time refusal: what is wrong, in Vietnamese, and what to do about it. */
export class VoiceSetupError extends Error {}

/** True when `e` is Node's "program not found". */
export function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === 'ENOENT';
}
