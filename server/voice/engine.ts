// The one interface every voice engine implements: a phrase in, mono PCM out. Engines are made
// and checked at configuration time (a missing binary, a platform without export, a broken clip
// are found then, with the reason), so speaking only fails for reasons of the moment.
import { Worker } from 'node:worker_threads';
import type { Phrase } from '@core/announcement.ts';
import type { Pcm } from './wav.ts';

export interface VoiceEngine {
  /** The voice and every setting that changes its sound: part of each cached file's key. */
  readonly id: string;
  readonly sampleRate: number;
  speak(phrase: Phrase, signal: AbortSignal): Promise<Pcm>;
}

/** A configuration-time refusal: what is wrong, in Vietnamese, and what to do about it. */
export class VoiceSetupError extends Error {}

export interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

interface WorkerReply {
  id: number;
  code?: number | null;
  stdout?: ArrayBuffer;
  stderr?: string;
  error?: { message: string; code?: string };
}

/** One worker thread starts the voice's programs for the whole server (see spawn-worker.mjs). */
let spawner: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (reply: WorkerReply) => void>();

function spawnerThread(): Worker {
  if (spawner) return spawner;
  const worker = new Worker(new URL('./spawn-worker.mjs', import.meta.url));
  worker.unref(); // never keeps the server alive by itself
  worker.on('message', (reply: WorkerReply) => {
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
  });
  worker.on('error', (e) => {
    for (const settle of waiting.values()) settle({ id: -1, error: { message: `voice worker failed: ${e.message}` } });
    waiting.clear();
    spawner = null;
  });
  spawner = worker;
  return worker;
}

/**
 * Runs a program without a shell, feeding `input` on stdin, on the voice's worker thread. Never
 * throws for a missing program: spawn's 'error' (ENOENT) becomes a rejection instead of the
 * uncaught event that kills a server.
 */
export function run(command: string, args: string[], input: string, signal: AbortSignal, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const worker = spawnerThread();
    const id = ++nextId;
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      waiting.delete(id);
      fn();
    };
    const kill = () => worker.postMessage({ type: 'kill', id });
    const onAbort = () => { kill(); finish(() => reject(new Error('aborted'))); };
    const timer = setTimeout(() => { kill(); finish(() => reject(new Error(`${command}: no answer within ${timeoutMs} ms`))); }, timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    waiting.set(id, (reply) => finish(() => {
      if (reply.error) return reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
      resolve({ code: reply.code ?? null, stdout: Buffer.from(reply.stdout ?? new ArrayBuffer(0)), stderr: reply.stderr ?? '' });
    }));
    worker.postMessage({ type: 'run', id, command, args, input });
  });
}

/** True when `e` is Node's "program not found". */
export function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === 'ENOENT';
}
