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
import { getPriority, setPriority } from 'node:os';
import { Composer } from './composer.ts';
import { wasmSpeak } from './espeak-wasm.ts';
import type { Pcm } from './wav.ts';
import { readWavAs } from './wav.ts';
import type { PieceSynth, ProgramCall, SpokenSource, WasmCall, WorkerError, WorkerReply, WorkerRequest } from './worker-protocol.ts';

export type { PackRef, Piece, PieceSynth, ProgramCall, Recipe, SpokenSource, WasmCall, WorkerError, WorkerReply, WorkerRequest } from './worker-protocol.ts';

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

/** A piece or a whole phrase run on a program: no answer within this time and it is killed. */
const PROGRAM_TIMEOUT_MS = 10_000;
/** Ids of the programs run for pieces (below 0: never a request's id, which `kill` names). */
let pieceRuns = 0;

async function programPcm(id: number, program: ProgramCall, sampleRate: number): Promise<Pcm> {
  const timer = setTimeout(() => running.get(id)?.kill('SIGKILL'), PROGRAM_TIMEOUT_MS);
  try {
    const ran = await runProgram(id, program);
    if (ran.code !== 0) throw new Error(`${program.command} exited with ${ran.code}: ${ran.stderr.slice(0, 200)}`);
    return readWavAs(ran.stdout, sampleRate);
  } finally {
    clearTimeout(timer);
  }
}

function wasmPcm(call: WasmCall): Promise<Pcm> {
  return wasmSpeak(call.text, call.voice, call.rate);
}

// espeak-ng (both builds) speaks at 22,050 Hz; the voice service checks it when it starts.
const PIECE_RATE = 22050;

const composer = new Composer({
  synthesise: (synth: PieceSynth) => (synth.kind === 'program' ? programPcm(--pieceRuns, synth.program, PIECE_RATE) : wasmPcm(synth.call)),
  whole: async (spoken: Extract<SpokenSource, { kind: 'program' | 'wasm' | 'pcm' }>, sampleRate: number, id: number) => {
    if (spoken.kind === 'pcm') return { sampleRate: spoken.sampleRate, samples: spoken.samples };
    if (spoken.kind === 'wasm') return wasmPcm(spoken.call);
    return programPcm(id, spoken.program, sampleRate); // the request's id: an abort kills it
  },
});

async function handle(msg: WorkerRequest): Promise<WorkerReply | null> {
  switch (msg.type) {
    case 'run': {
      const ran = await runProgram(msg.id, msg.program);
      return { id: msg.id, kind: 'ran', code: ran.code, stdout: ran.stdout, stderr: ran.stderr };
    }
    case 'speak': {
      const pcm = await wasmPcm(msg.call);
      return { id: msg.id, kind: 'spoken', sampleRate: pcm.sampleRate, samples: pcm.samples };
    }
    case 'compose':
      return { id: msg.id, kind: 'composed', durationMs: await composer.compose(msg.spoken, msg.recipe, msg.file, msg.id) };
    case 'warm':
      composer.warm(msg.group, msg.pieces);
      return null;
    case 'load-pack':
      return { id: msg.id, kind: 'loaded', sampleRate: (await composer.pack(msg.pack)).sampleRate };
    case 'kill':
      return null;
  }
}

function stop(): never {
  for (const child of running.values()) child.kill('SIGKILL');
  process.exit(0);
}

if (process.send) {
  // Speech can wait a few milliseconds; screens, counters and kiosks cannot. The programs started
  // here inherit the priority.
  // Ten steps below the server whatever the server's own priority (a server started with `nice`
  // would otherwise share its level with the voice, and the pieces made ahead would compete).
  try { setPriority(Math.min(19, getPriority() + 10)); } catch { /* not permitted: normal priority */ }
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
    handle(msg).then((reply) => { if (reply) send(reply); }, (e: unknown) => send({ id: msg.id, kind: 'failed', error: errorOf(e) }));
  });
  // The server closed the voice, exited or died: nothing is left to speak for.
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  send({ id: 0, kind: 'ready' });
}
