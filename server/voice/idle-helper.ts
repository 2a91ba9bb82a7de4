// The voice worker's handle on its idle helper (idle-worker.ts): started under SCHED_IDLE with
// `chrt` (background-priority.ts) once the engine is known to cut its phrases into pieces
// ('expect-pieces'), ended with the worker. A helper that dies is started again at the next piece;
// the pieces it was making the worker makes itself (voice-worker.ts).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ChildChannel } from './child-channel.ts';
import type { Pcm } from './wav.ts';
import type { IdleReply, IdleRequest, PieceSynth } from './worker-protocol.ts';

const BOOT = fileURLToPath(new URL('./spawn-worker.mjs', import.meta.url));

export class IdleHelper {
  // chrt sets SCHED_IDLE and becomes node: the IPC channel's descriptor is inherited across exec.
  private readonly channel = new ChildChannel<IdleRequest, IdleReply>('idle helper', () => spawn('chrt', ['--idle', '0', process.execPath, BOOT, 'idle'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced', windowsHide: true,
  }));

  /** Starts the helper now rather than at the first piece; returns this. */
  start(): this {
    this.channel.start();
    return this;
  }

  /** One piece made by the helper; rejects if the helper is lost meanwhile. */
  piece(synth: PieceSynth): Promise<Pcm> {
    return new Promise((resolve, reject) => {
      if (this.channel.closed) return reject(new Error('idle helper closed'));
      const id = this.channel.id();
      this.channel.await(id, (reply) => {
        if (reply.kind === 'piece') resolve({ sampleRate: reply.sampleRate, samples: reply.samples });
        else if (reply.kind === 'failed') reject(new Error(reply.error.message));
      });
      this.channel.post({ id, synth });
    });
  }

  close(): void {
    this.channel.close()?.kill('SIGKILL');
  }
}
