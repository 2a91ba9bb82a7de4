// The voice's worker: a small child process of the server (booted by spawn-worker.mjs), talking
// over the IPC channel. Two costs of an announcement are kept out of the server process, whose
// main thread fans every call out to the boards:
//  - starting a program: libuv forks, and a fork copies the page tables of the whole process and
//    makes its memory copy-on-write. From a worker thread of the server that still stalls the main
//    thread (page faults, the memory map lock); from this small process it costs the server nothing;
//  - the audio itself: decoding the engine's WAV, the chime, joining, encoding and writing the
//    file, a few milliseconds of CPU per call that would delay the next call's fan-out.
// The server sends a recipe and gets back the duration; the audio bytes never cross over. On Linux
// the pieces of the phrases are made by the worker's idle helper (idle-worker.ts, SCHED_IDLE: see
// background-priority.ts), the worker standing in when the helper is slow or lost.
import { IdleHelper } from './idle-helper.ts';
import { idleLevel, lowerThisProcess } from './background-priority.ts';
import type { IdleLevel } from './background-priority.ts';
import { Composer } from './composer.ts';
import { errorOf, Programs } from './programs.ts';
import type { Pcm } from './wav.ts';
import type { PieceSynth, SpokenSource, WorkerReply, WorkerRequest } from './worker-protocol.ts';

export type { PackRef, Piece, PieceSynth, ProgramCall, Recipe, SpokenSource, WasmCall, WorkerError, WorkerReply, WorkerRequest } from './worker-protocol.ts';

const programs = new Programs();
/** How the idle helper runs here: set before the worker says it is ready. */
let idle: IdleLevel = 'worker';
let helper: IdleHelper | null = null;

/**
 * A call's piece goes to the idle helper first, and is made here as well if the helper has not
 * answered within this time: the helper runs only when a core has nothing else to do, which on a
 * machine whose cores are all busy may be never. On a quiet one a piece takes 5–60 ms.
 */
const HEAD_START_MS = 250;
/**
 * After the helper was late for a call, the calls' pieces are made here at once for this long: the
 * machine is busy, and each call would otherwise wait the head start for nothing.
 */
const BUSY_FOR_MS = 10_000;
let helperLateUntil = 0;

/**
 * A piece at the speech level. Where there is an idle helper (background-priority.ts) it makes
 * every piece, so the worker's own level only stands in: for a call's piece the helper is slow to
 * make, and for any piece when the helper is lost (killed, crashed; the next piece starts another).
 */
function piece(synth: PieceSynth, ahead: boolean): Promise<Pcm> {
  if (idle !== 'idle-policy') return programs.levelled(synth);
  helper ??= new IdleHelper();
  if (!ahead && performance.now() < helperLateUntil) return programs.levelled(synth);
  const fromHelper = helper.piece(synth);
  if (ahead) return fromHelper.catch(() => programs.levelled(synth));
  return firstOf(fromHelper, () => {
    helperLateUntil = performance.now() + BUSY_FOR_MS;
    return programs.levelled(synth);
  }, HEAD_START_MS);
}

/**
 * `first`'s result, unless it fails or takes longer than `headStartMs`: then whichever of it and
 * `second()` succeeds first; rejected with `second`'s error when both fail.
 */
function firstOf<T>(first: Promise<T>, second: () => Promise<T>, headStartMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    let started = false;
    let failures = 0;
    let settled = false;
    const win = (value: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const start = () => {
      if (started || settled) return;
      started = true;
      second().then(win, (e: unknown) => { if (++failures === 2 && !settled) { settled = true; reject(e); } });
    };
    const timer = setTimeout(start, headStartMs);
    first.then(win, () => {
      clearTimeout(timer);
      if (++failures === 2 && !settled) { settled = true; reject(new Error('piece failed')); }
      start();
    });
  });
}

const composer = new Composer({
  synthesise: piece,
  whole: async (spoken: Extract<SpokenSource, { kind: 'program' | 'wasm' | 'pcm' }>, sampleRate: number, id: number) => {
    if (spoken.kind === 'pcm') return { sampleRate: spoken.sampleRate, samples: spoken.samples };
    if (spoken.kind === 'wasm') return programs.piece({ kind: 'wasm', call: spoken.call });
    return programs.pcm(id, spoken.program, sampleRate); // the request's id: an abort kills it
  },
});

async function handle(msg: WorkerRequest): Promise<WorkerReply | null> {
  switch (msg.type) {
    case 'run': {
      const ran = await programs.run(msg.id, msg.program);
      return { id: msg.id, kind: 'ran', code: ran.code, stdout: ran.stdout, stderr: ran.stderr };
    }
    case 'speak': {
      const pcm = await programs.piece({ kind: 'wasm', call: msg.call });
      return { id: msg.id, kind: 'spoken', sampleRate: pcm.sampleRate, samples: pcm.samples };
    }
    case 'compose':
      return { id: msg.id, kind: 'composed', durationMs: await composer.compose(msg.spoken, msg.recipe, msg.file, msg.id) };
    case 'warm':
      composer.warm(msg.group, msg.pieces);
      return null;
    case 'load-pack':
      return { id: msg.id, kind: 'loaded', sampleRate: (await composer.pack(msg.pack)).sampleRate };
    case 'expect-pieces':
      // Started before the first call, which would otherwise wait for it to load (at SCHED_IDLE).
      if (idle === 'idle-policy') helper ??= new IdleHelper().start();
      return null;
    case 'kill':
      return null;
  }
}

function stop(): never {
  programs.killAll();
  helper?.close();
  process.exit(0);
}

if (process.send) {
  // The server may go away between the check and the write (EPIPE): then there is nobody to answer.
  const send = (reply: WorkerReply) => {
    if (process.connected) process.send!(reply, undefined, {}, (err) => { if (err) stop(); });
  };
  process.on('error', stop);
  process.on('message', (msg: WorkerRequest) => {
    if (msg.type === 'kill') {
      programs.kill(msg.id);
      return;
    }
    handle(msg).then((reply) => { if (reply) send(reply); }, (e: unknown) => send({ id: msg.id, kind: 'failed', error: errorOf(e) }));
  });
  // The server closed the voice, exited or died: nothing is left to speak for.
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  // Below the server before the first request (background-priority.ts): the programs started here
  // inherit it, and the work ahead goes lower still.
  const lowered = lowerThisProcess();
  // The helper (a process of ~60 MB) starts only for an engine cut into pieces ('expect-pieces'):
  // a voice pack, the OS voice and the chime alone never need it.
  idle = await idleLevel();
  send({ id: 0, kind: 'ready', background: { lowered, idle } });
}
