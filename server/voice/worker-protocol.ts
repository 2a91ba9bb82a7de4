// What the server and its voice worker (voice-worker.ts) say to each other over the IPC channel.
// Kept apart from both ends so each imports the messages, never the other end.
import type { IdleLevel } from './background-priority.ts';
import type { ChunkSource, WarmGroup } from './chunk-store.ts';

/** A program that reads text on stdin and writes a WAV on stdout, started without a shell. */
export interface ProgramCall {
  command: string;
  args: string[];
  input: string;
}

/** How an announcement is put together; every field is part of its cache key or fixed. */
export interface Recipe {
  sampleRate: number;
  chime: boolean;
  repeat: 1 | 2;
  afterChimeMs: number;
  betweenRepeatsMs: number;
  /** The chime's loudness in % of the speech level (voice.chimeLevel). */
  chimeLevel: number;
  /** Silence before the rest: a second saying sent as its own file keeps the pause between repeats. */
  leadMs?: number;
}

/** A text for the espeak-ng built into the worker (WebAssembly), with its voice and speed. */
export interface WasmCall {
  text: string;
  voice: string;
  rate: number;
}

/** How one piece of a phrase is synthesised in the worker. */
export type PieceSynth = { kind: 'program'; program: ProgramCall } | { kind: 'wasm'; call: WasmCall };
export type Piece = ChunkSource<PieceSynth>;

/** One clip of a voice pack (voice-pack.ts's PlanStep, named here so the messages import no engine). */
export type PackStep = { folder: 'phrases' | 'words' | 'letters' | 'counters'; name: string } | 'pause';

/** A voice pack as the worker loads it: its folder and the fingerprint of its files. */
export interface PackRef {
  dir: string;
  id: string;
}

/**
 * The spoken part: made here by a program or the built-in espeak-ng (a whole phrase), already
 * made on the main thread, the phrase's pieces (kept by the worker between calls), a voice pack's
 * clips, or none (chime alone).
 */
export type SpokenSource =
  | { kind: 'program'; program: ProgramCall }
  | { kind: 'pcm'; sampleRate: number; samples: Int16Array }
  | { kind: 'wasm'; call: WasmCall }
  /**
   * `whole`: for an engine that starts a program per text (espeak-ng installed on the system),
   * the whole phrase in one run, used when more than one piece is missing (one start instead of several).
   */
  | { kind: 'pieces'; pieces: Piece[]; whole?: PieceSynth }
  | { kind: 'pack'; pack: PackRef; steps: PackStep[] }
  | { kind: 'none' };

export type WorkerRequest =
  | { type: 'run'; id: number; program: ProgramCall }
  | { type: 'kill'; id: number }
  | { type: 'speak'; id: number; call: WasmCall }
  | { type: 'compose'; id: number; spoken: SpokenSource; recipe: Recipe; file: string }
  /** Pieces to synthesise while idle; no reply. */
  | { type: 'warm'; id: number; group: WarmGroup; pieces: Piece[] }
  /** Loads a voice pack now, so the first call does not wait for it. */
  | { type: 'load-pack'; id: number; pack: PackRef }
  /**
   * The engine cuts phrases into pieces (espeak-ng, either build): the idle helper that makes them
   * is started now, so the first call does not wait for it to load. Other engines never start it.
   */
  | { type: 'expect-pieces'; id: number };

export interface WorkerError {
  message: string;
  code?: string;
}

export type WorkerReply =
  | { id: number; kind: 'ran'; code: number | null; stdout: Uint8Array; stderr: string }
  | { id: number; kind: 'composed'; durationMs: number }
  | { id: number; kind: 'spoken'; sampleRate: number; samples: Int16Array }
  | { id: number; kind: 'loaded'; sampleRate: number }
  | { id: number; kind: 'failed'; error: WorkerError }
  /** Sent once, when requests may come: messages sent before the listener exists would be lost. */
  | { id: 0; kind: 'ready'; background: WorkerLevel };

/** How far below the server the worker runs (background-priority.ts), as it reports when ready. */
export interface WorkerLevel {
  /** Ten nice steps below the server, every thread (false: not permitted, the server's level). */
  lowered: boolean;
  /** Whether the pieces are made by a helper under SCHED_IDLE. */
  idle: IdleLevel;
}

/** The voice worker → its helper for work ahead (idle-worker.ts): one piece to make. */
export interface IdleRequest {
  id: number;
  synth: PieceSynth;
}

export type IdleReply =
  | { id: number; kind: 'piece'; sampleRate: number; samples: Int16Array }
  | { id: number; kind: 'failed'; error: WorkerError }
  | { id: 0; kind: 'ready' };
