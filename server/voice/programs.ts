// The programs a voice process runs (espeak-ng, say, …), each under an id so that it can be
// killed: by a request's abort, by a timeout, and all at once when the process ends. Shared by the
// voice's worker (voice-worker.ts) and its helper for work ahead (idle-worker.ts).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { wasmSpeak } from './espeak-wasm.ts';
import { normaliseSpeech } from './loudness.ts';
import type { Pcm } from './wav.ts';
import { readWavAs } from './wav.ts';
import type { PieceSynth, ProgramCall, WorkerError } from './worker-protocol.ts';

export interface Ran {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** A piece or a whole phrase run on a program: no answer within this time and it is killed. */
const PROGRAM_TIMEOUT_MS = 10_000;
/** espeak-ng (both builds) speaks at 22,050 Hz; the voice service checks it when it starts. */
export const PIECE_RATE = 22050;

export function errorOf(e: unknown): WorkerError {
  const code = (e as { code?: unknown } | null)?.code;
  return { message: e instanceof Error ? e.message : String(e), ...(typeof code === 'string' ? { code } : {}) };
}

export class Programs {
  private readonly running = new Map<number, ChildProcess>();
  /** Ids of the programs run for pieces (below 0: never a request's id, which `kill` names). */
  private pieceRuns = 0;

  /** Runs a program without a shell, `input` on stdin, at this process's priority (inherited). */
  run(id: number, { command, args, input }: ProgramCall): Promise<Ran> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
      this.running.set(id, child);
      const out: Buffer[] = [];
      let err = '';
      let done = false;
      const finish = (fn: () => void) => {
        if (done) return;
        done = true;
        this.running.delete(id);
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

  /** A program's WAV on stdout as PCM at `sampleRate`; killed after PROGRAM_TIMEOUT_MS. */
  async pcm(id: number, program: ProgramCall, sampleRate: number): Promise<Pcm> {
    const timer = setTimeout(() => this.kill(id), PROGRAM_TIMEOUT_MS);
    try {
      const ran = await this.run(id, program);
      if (ran.code !== 0) throw new Error(`${program.command} exited with ${ran.code}: ${ran.stderr.slice(0, 200)}`);
      return readWavAs(ran.stdout, sampleRate);
    } finally {
      clearTimeout(timer);
    }
  }

  /** One piece of a phrase: a program run, or the built-in espeak-ng (WebAssembly) in this process. */
  piece(synth: PieceSynth): Promise<Pcm> {
    return synth.kind === 'program' ? this.pcm(--this.pieceRuns, synth.program, PIECE_RATE) : wasmSpeak(synth.call.text, synth.call.voice, synth.call.rate);
  }

  /** One piece brought to the speech level (loudness.ts), as the worker keeps it. */
  async levelled(synth: PieceSynth): Promise<Pcm> {
    return normaliseSpeech(await this.piece(synth));
  }

  kill(id: number): void {
    this.running.get(id)?.kill('SIGKILL');
  }

  killAll(): void {
    for (const child of this.running.values()) child.kill('SIGKILL');
  }
}
