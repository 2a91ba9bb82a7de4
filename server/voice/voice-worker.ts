// The voice's worker: a small child process of the server (booted by spawn-worker.mjs), talking
// over the IPC channel. Two costs of an announcement are kept out of the server process, whose
// main thread fans every call out to the boards:
//  - starting a program: libuv forks, and a fork copies the page tables of the whole process and
//    makes its memory copy-on-write. From a worker thread of the server that still stalls the main
//    thread (page faults, the memory map lock); from this small process it costs the server nothing;
//  - the audio itself: decoding the engine's WAV, the chime, joining, encoding and writing the
//    file, a few milliseconds of CPU per call that would delay the next call's fan-out.
// The server sends a recipe and gets back the duration; the audio bytes never cross over.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { chime } from './chime.ts';
import { wasmSpeak } from './espeak-wasm.ts';
import { chimeAt, normaliseSpeech } from './loudness.ts';
import type { Pcm } from './wav.ts';
import { durationMs, encodeWav, joinPcm, readWavAs, silence } from './wav.ts';

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
}

/** A text for the espeak-ng built into the worker (WebAssembly), with its voice and speed. */
export interface WasmCall {
  text: string;
  voice: string;
  rate: number;
}

/** The spoken part: made here by a program, already made on the main thread, or none (chime alone). */
export type SpokenSource =
  | { kind: 'program'; program: ProgramCall }
  | { kind: 'pcm'; sampleRate: number; samples: Int16Array }
  | { kind: 'wasm'; call: WasmCall }
  | { kind: 'none' };

export type WorkerRequest =
  | { type: 'run'; id: number; program: ProgramCall }
  | { type: 'kill'; id: number }
  | { type: 'speak'; id: number; call: WasmCall }
  | { type: 'compose'; id: number; spoken: SpokenSource; recipe: Recipe; file: string };

export interface WorkerError {
  message: string;
  code?: string;
}

export type WorkerReply =
  | { id: number; kind: 'ran'; code: number | null; stdout: Uint8Array; stderr: string }
  | { id: number; kind: 'composed'; durationMs: number }
  | { id: number; kind: 'spoken'; sampleRate: number; samples: Int16Array }
  | { id: number; kind: 'failed'; error: WorkerError }
  /** Sent once, when requests may come: messages sent before the listener exists would be lost. */
  | { id: 0; kind: 'ready' };

interface Ran {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

const running = new Map<number, ChildProcess>();

function errorOf(e: unknown): WorkerError {
  const code = (e as { code?: unknown } | null)?.code;
  return { message: e instanceof Error ? e.message : String(e), ...(typeof code === 'string' ? { code } : {}) };
}

function runProgram(id: number, { command, args, input }: ProgramCall): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    running.set(id, child); // at this worker's low priority, inherited
    const out: Buffer[] = [];
    let err = '';
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      running.delete(id);
      fn();
    };
    // 'error' (ENOENT) is handled, so a missing program is a rejection, never an uncaught event.
    child.on('error', (e) => finish(() => reject(e)));
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => { if (err.length < 2000) err += chunk.toString('utf8'); });
    child.stdin!.on('error', () => { /* the program exited before reading: its exit code tells */ });
    child.on('close', (code) => finish(() => resolve({ code, stdout: Buffer.concat(out), stderr: err.trim() })));
    child.stdin!.end(input, 'utf8');
  });
}

async function spokenPcm(id: number, spoken: SpokenSource, sampleRate: number): Promise<Pcm | null> {
  if (spoken.kind === 'none') return null;
  if (spoken.kind === 'pcm') {
    if (spoken.sampleRate !== sampleRate) throw new Error(`spoken audio at ${spoken.sampleRate} Hz, expected ${sampleRate} Hz`);
    return { sampleRate, samples: spoken.samples };
  }
  if (spoken.kind === 'wasm') {
    const pcm = await wasmSpeak(spoken.call.text, spoken.call.voice, spoken.call.rate);
    if (pcm.sampleRate !== sampleRate) throw new Error(`spoken audio at ${pcm.sampleRate} Hz, expected ${sampleRate} Hz`);
    return pcm;
  }
  const { command } = spoken.program;
  const ran = await runProgram(id, spoken.program);
  if (ran.code !== 0) throw new Error(`${command} exited with ${ran.code}: ${ran.stderr.slice(0, 200)}`);
  return readWavAs(ran.stdout, sampleRate);
}

/**
 * Chime, pause, phrase, and with repeat 2 a longer pause and the phrase again; the phrase at the
 * one speech level (peak ≤ −1 dBFS), the chime at the admin's level relative to it.
 */
export function composeAnnouncement(raw: Pcm | null, recipe: Recipe): Pcm {
  const { sampleRate } = recipe;
  const parts: Pcm[] = recipe.chime ? [chimeAt(chime(sampleRate), recipe.chimeLevel)] : [];
  const spoken = raw ? normaliseSpeech(raw) : null;
  if (spoken) {
    if (recipe.chime) parts.push(silence(sampleRate, recipe.afterChimeMs));
    parts.push(spoken);
    if (recipe.repeat === 2) parts.push(silence(sampleRate, recipe.betweenRepeatsMs), spoken);
  }
  return joinPcm(parts);
}

async function handle(msg: WorkerRequest): Promise<WorkerReply> {
  if (msg.type === 'run') {
    const ran = await runProgram(msg.id, msg.program);
    return { id: msg.id, kind: 'ran', code: ran.code, stdout: ran.stdout, stderr: ran.stderr };
  }
  if (msg.type === 'kill') throw new Error('kill has no reply');
  if (msg.type === 'speak') {
    const pcm = await wasmSpeak(msg.call.text, msg.call.voice, msg.call.rate);
    return { id: msg.id, kind: 'spoken', sampleRate: pcm.sampleRate, samples: pcm.samples };
  }
  const pcm = composeAnnouncement(await spokenPcm(msg.id, msg.spoken, msg.recipe.sampleRate), msg.recipe);
  await writeFile(msg.file, encodeWav(pcm));
  return { id: msg.id, kind: 'composed', durationMs: Math.round(durationMs(pcm)) };
}

function stop(): never {
  for (const child of running.values()) child.kill('SIGKILL');
  process.exit(0);
}

if (process.send) {
  // Speech can wait a few milliseconds; screens, counters and kiosks cannot. The programs started
  // here inherit the priority.
  try { setPriority(10); } catch { /* not permitted: normal priority */ }
  // The server may go away between the check and the write (EPIPE): then there is nobody to answer.
  const send = (reply: WorkerReply) => {
    if (process.connected) process.send!(reply, undefined, {}, (err) => { if (err) stop(); });
  };
  process.on('error', stop);
  process.on('message', (msg: WorkerRequest) => {
    if (msg.type === 'kill') {
      running.get(msg.id)?.kill('SIGKILL');
      return;
    }
    handle(msg).then(send, (e: unknown) => send({ id: msg.id, kind: 'failed', error: errorOf(e) }));
  });
  // The server closed the voice, exited or died: nothing is left to speak for.
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  send({ id: 0, kind: 'ready' });
}
