// espeak-ng compiled to WebAssembly (the npm package @echogarden/espeak-ng-emscripten, GPL-3.0,
// like espeak-ng itself; its data has the Vietnamese voices vi, vi-vn-x-central, vi-vn-x-south):
// a voice on any machine after `npm install`, Windows and macOS included, with no program to
// install. Runs only in the voice's worker process (voice-worker.ts): the module is loaded once
// (~25 MB, ~0.3 s) and kept, so a call costs the synthesis alone, never the main thread's time.
import type { Pcm } from './wav.ts';

interface EspeakWorker {
  set_voice(name: string): number;
  set_rate(wpm: number): number;
  get_samplerate(): number;
  synthesize(text: string, onAudio: (samples: Int16Array, events: unknown[]) => boolean): void;
}
interface EspeakModule {
  eSpeakNGWorker: new () => EspeakWorker;
}
type Factory = (options?: object) => Promise<EspeakModule>;

let loading: Promise<EspeakWorker> | null = null;

async function load(): Promise<EspeakWorker> {
  // The package has no type declarations: its default export is Emscripten's module factory.
  const mod = (await import('@echogarden/espeak-ng-emscripten')) as unknown as { default: Factory };
  // Emscripten prints to the console by default; the server's logger tells what matters.
  const m = await mod.default({ print: () => {}, printErr: () => {} });
  return new m.eSpeakNGWorker();
}

/** The loaded synthesizer (loaded on first use, then reused by every call). */
function synthesizer(): Promise<EspeakWorker> {
  loading ??= load().catch((e: unknown) => {
    loading = null; // a failed load is tried again next time
    throw e;
  });
  return loading;
}

export async function wasmSampleRate(): Promise<number> {
  return (await synthesizer()).get_samplerate();
}

/** Says `text` with an espeak-ng voice name (vi, vi-vn-x-south) at `rate` words per minute. */
export async function wasmSpeak(text: string, voice: string, rate: number): Promise<Pcm> {
  const w = await synthesizer();
  if (w.set_voice(voice) !== 0) throw new Error(`espeak-ng (WebAssembly) has no voice ${voice}`);
  w.set_rate(rate);
  const chunks: Int16Array[] = [];
  let length = 0;
  w.synthesize(text.normalize('NFC'), (samples) => {
    if (samples && samples.length > 0) {
      chunks.push(samples);
      length += samples.length;
    }
    return false; // false: go on
  });
  const out = new Int16Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { sampleRate: w.get_samplerate(), samples: out };
}
