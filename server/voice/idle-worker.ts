// The voice worker's idle helper: a child process of the voice's worker (booted by
// spawn-worker.mjs with the argument `idle`), started under SCHED_IDLE (background-priority.ts),
// so everything it does yields the CPU at once to the server: starting espeak-ng (a fork of this
// small process), decoding its WAV, the built-in espeak-ng, bringing the piece to the speech level.
// It makes one piece per request and sends back its PCM; the worker keeps it (chunk-store.ts).
import { errorOf, Programs } from './programs.ts';
import type { IdleReply, IdleRequest } from './worker-protocol.ts';

const programs = new Programs();

function stop(): never {
  programs.killAll();
  process.exit(0);
}

if (process.send) {
  const send = (reply: IdleReply) => {
    if (process.connected) process.send!(reply, undefined, {}, (err) => { if (err) stop(); });
  };
  process.on('error', stop);
  process.on('message', (msg: IdleRequest) => {
    programs.levelled(msg.synth).then(
      (pcm) => send({ id: msg.id, kind: 'piece', sampleRate: pcm.sampleRate, samples: pcm.samples }),
      (e: unknown) => send({ id: msg.id, kind: 'failed', error: errorOf(e) }),
    );
  });
  // The worker closed, exited or died: nothing is left to make pieces for.
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  send({ id: 0, kind: 'ready' });
}
