// The server's handle on one voice worker (voice-worker.ts), a small child process where programs
// are started and announcements composed and written. Each VoiceService owns one, started on first
// use and ended on close; it never keeps the server alive by itself, and it ends by itself when the
// server goes away (its IPC channel closes).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ChildChannel } from './child-channel.ts';
import type { WarmGroup } from './chunk-store.ts';
import type { PackRef, Piece, ProgramCall, Recipe, SpokenSource, WasmCall, WorkerLevel, WorkerReply, WorkerRequest } from './worker-protocol.ts';
import type { Pcm } from './wav.ts';

export type { PackRef, Piece, ProgramCall, Recipe, SpokenSource, WasmCall } from './worker-protocol.ts';

export interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** How the worker process ended: its exit code, or the signal that ended it. */
export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const BOOT = fileURLToPath(new URL('./spawn-worker.mjs', import.meta.url));

export class VoiceWorker {
  private level: WorkerLevel | null = null;
  private readonly channel = new ChildChannel<WorkerRequest, WorkerReply>('voice worker', () => {
    // No inherited flags (tsx's, a test runner's): the boot file loads what the worker needs.
    const child = fork(BOOT, [], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.unref();
    child.channel?.unref();
    return child;
  }, (ready) => { if (ready.kind === 'ready') this.level = ready.background; });

  /** How far below the server the worker runs (background-priority.ts), once it said it is ready. */
  get background(): WorkerLevel | null {
    return this.level;
  }

  /** The worker's process id while it runs (for the operator and the tests), else null. */
  get pid(): number | null {
    return this.channel.pid;
  }

  /** Runs a program without a shell, `input` on stdin; a missing program rejects with code ENOENT. */
  async run(program: ProgramCall, signal: AbortSignal, timeoutMs: number): Promise<RunResult> {
    const reply = await this.request((id) => ({ type: 'run', id, program }), program.command, signal, timeoutMs);
    if (reply.kind !== 'ran') throw new Error('voice worker: unexpected reply');
    const out = reply.stdout;
    return { code: reply.code, stdout: Buffer.from(out.buffer, out.byteOffset, out.byteLength), stderr: reply.stderr };
  }

  /** Says a text with the worker's built-in espeak-ng (WebAssembly). */
  async speak(call: WasmCall, signal: AbortSignal, timeoutMs: number): Promise<Pcm> {
    const reply = await this.request((id) => ({ type: 'speak', id, call }), 'espeak-ng (WebAssembly)', signal, timeoutMs);
    if (reply.kind !== 'spoken') throw new Error('voice worker: unexpected reply');
    return { sampleRate: reply.sampleRate, samples: reply.samples };
  }

  /** Makes the announcement WAV at `file` in the worker; resolves with its duration in ms. */
  async compose(spoken: SpokenSource, recipe: Recipe, file: string, signal: AbortSignal, timeoutMs: number): Promise<number> {
    const what = spoken.kind === 'program' ? spoken.program.command : 'compose';
    const reply = await this.request((id) => ({ type: 'compose', id, spoken, recipe, file }), what, signal, timeoutMs);
    if (reply.kind !== 'composed') throw new Error('voice worker: unexpected reply');
    return reply.durationMs;
  }

  /**
   * Pieces for the worker to synthesise while it makes no announcement (each group's list
   * replaces the previous one). Nothing is answered: a piece that fails is made when a call needs it.
   */
  warm(group: WarmGroup, pieces: Piece[]): void {
    if (pieces.length === 0) return;
    this.channel.post({ type: 'warm', id: this.channel.id(), group, pieces });
  }

  /**
   * The engine cuts its phrases into pieces: the worker starts the idle helper that makes them now
   * (worker-protocol.ts). No answer: a helper that cannot start leaves the worker making them.
   */
  expectPieces(): void {
    this.channel.post({ type: 'expect-pieces', id: this.channel.id() });
  }

  /** Loads a voice pack in the worker (once per fingerprint); resolves with its sample rate. */
  async loadPack(pack: PackRef, signal: AbortSignal, timeoutMs: number): Promise<number> {
    const reply = await this.request((id) => ({ type: 'load-pack', id, pack }), 'voice pack', signal, timeoutMs);
    if (reply.kind !== 'loaded') throw new Error('voice worker: unexpected reply');
    return reply.sampleRate;
  }

  /** Ends the worker and the programs it runs; later requests are refused. Resolves with how it ended (null: none ran). */
  async terminate(): Promise<WorkerExit | null> {
    const loading = !this.channel.answering;
    const child = this.channel.close();
    if (!child) return null;
    const exited = new Promise<WorkerExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    // A worker still loading its code runs nothing of ours yet (requests wait for its 'ready') and
    // would hear the disconnect only once loaded, ~0.4 s later: a server closed just after it
    // started (a test's, an operator's restart) waited that long. Ended now.
    if (loading) child.kill('SIGTERM');
    else if (child.connected) child.disconnect(); // the worker kills its programs and exits
    const force = setTimeout(() => child.kill('SIGKILL'), 2_000);
    const exit = await exited;
    clearTimeout(force);
    return exit;
  }

  private request(make: (id: number) => WorkerRequest, what: string, signal: AbortSignal, timeoutMs: number): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new Error('aborted'));
      if (this.channel.closed) return reject(new Error('voice worker closed'));
      const id = this.channel.id();
      let done = false;
      const finish = (fn: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.channel.forget(id);
        fn();
      };
      const kill = () => { if (this.channel.running) this.channel.post({ type: 'kill', id }); };
      const onAbort = () => { kill(); finish(() => reject(new Error('aborted'))); };
      const timer = setTimeout(() => { kill(); finish(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms`))); }, timeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });
      this.channel.await(id, (reply) => finish(() => {
        if (reply.kind === 'failed') reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
        else resolve(reply);
      }));
      this.channel.post(make(id));
    });
  }
}
