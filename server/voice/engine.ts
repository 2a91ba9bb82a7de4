// The one interface every voice engine implements: a phrase in, mono PCM out. Engines are made
// and checked at configuration time (a missing binary, a platform without export, a broken clip
// are found then, with the reason), so speaking only fails for reasons of the moment.
import { spawn } from 'node:child_process';
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

/**
 * Runs a program without a shell, feeding `input` on stdin. Never throws for a missing program:
 * spawn's 'error' (ENOENT) becomes a rejection instead of the uncaught event that kills a server.
 */
export function run(command: string, args: string[], input: string, signal: AbortSignal, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    let err = '';
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => { child.kill('SIGKILL'); finish(() => reject(new Error('aborted'))); };
    const timer = setTimeout(() => { child.kill('SIGKILL'); finish(() => reject(new Error(`${command}: no answer within ${timeoutMs} ms`))); }, timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => finish(() => reject(e)));
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => { if (err.length < 2000) err += chunk.toString('utf8'); });
    child.stdin.on('error', () => { /* the program exited before reading: its exit code tells */ });
    child.on('close', (code) => finish(() => resolve({ code, stdout: Buffer.concat(out), stderr: err.trim() })));
    child.stdin.end(input, 'utf8');
  });
}

/** True when `e` is Node's "program not found". */
export function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === 'ENOENT';
}
