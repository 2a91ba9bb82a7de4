// The voice worker's handle on its idle helper (idle-worker.ts): started with the worker, under
// SCHED_IDLE with `chrt` (background-priority.ts), ended with the worker. A helper that dies is
// started again at the next piece; the pieces it was making the worker makes itself (voice-worker.ts).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Pcm } from './wav.ts';
import type { IdleReply, IdleRequest, PieceSynth } from './worker-protocol.ts';

const BOOT = fileURLToPath(new URL('./spawn-worker.mjs', import.meta.url));

type Settle = (reply: IdleReply) => void;

export class IdleHelper {
  private child: ChildProcess | null = null;
  private ready = false;
  private queued: IdleRequest[] = [];
  private readonly waiting = new Map<number, Settle>();
  private nextId = 0;
  private closed = false;

  /** The helper's process id while it runs (for the tests), else null. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** One piece made by the helper; rejects if the helper is lost meanwhile. */
  piece(synth: PieceSynth): Promise<Pcm> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('idle helper closed'));
      const id = ++this.nextId;
      this.waiting.set(id, (reply) => {
        if (reply.kind === 'piece') resolve({ sampleRate: reply.sampleRate, samples: reply.samples });
        else if (reply.kind === 'failed') reject(new Error(reply.error.message));
      });
      const msg: IdleRequest = { id, synth };
      const child = this.spawned();
      if (!this.ready) this.queued.push(msg);
      else child.send(msg);
    });
  }

  close(): void {
    this.closed = true;
    this.failAll('idle helper closed');
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  /** Starts the helper now rather than at the first piece; returns this. */
  start(): this {
    this.spawned();
    return this;
  }

  private spawned(): ChildProcess {
    if (this.child) return this.child;
    // chrt sets SCHED_IDLE and becomes node: the IPC channel's descriptor is inherited across exec.
    const child = spawn('chrt', ['--idle', '0', process.execPath, BOOT, 'idle'], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced', windowsHide: true,
    });
    this.ready = false;
    child.on('message', (reply: IdleReply) => {
      if (reply.kind === 'ready') {
        this.ready = true;
        for (const msg of this.queued.splice(0)) child.send(msg);
        return;
      }
      const settle = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      settle?.(reply);
    });
    const lost = (why: string) => {
      if (this.child !== child) return;
      this.child = null;
      this.queued = [];
      this.failAll(why);
    };
    child.on('error', (e) => lost(`idle helper failed: ${e.message}`));
    child.on('exit', (code, signal) => lost(`idle helper exited (${signal ?? code})`));
    this.child = child;
    return child;
  }

  private failAll(message: string): void {
    const settles = [...this.waiting.values()];
    this.waiting.clear();
    for (const settle of settles) settle({ id: 0, kind: 'failed', error: { message } });
  }
}
