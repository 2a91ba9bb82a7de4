// The chime before every announcement, made here rather than shipped as a file: a two-tone
// "ding-dong" (E5 then C5, a falling major third, like a doorbell), each tone a struck bell:
// a quick attack, an exponential decay and two soft overtones so it rings rather than beeps.
import type { Pcm } from './wav.ts';
import { toInt16 } from './wav.ts';

interface Tone {
  hz: number;
  startMs: number;
  lengthMs: number;
}

const TONES: Tone[] = [
  { hz: 659.25, startMs: 0, lengthMs: 900 },
  { hz: 523.25, startMs: 450, lengthMs: 1100 },
];
/** Overtones of a small bell, relative to the fundamental: (frequency ratio, loudness). */
const PARTIALS: [number, number][] = [[1, 1], [2, 0.28], [3.01, 0.1]];
const ATTACK_MS = 6;
const DECAY_PER_SEC = 3.2;
const PEAK = 0.42;

/** The chime is the same for every call: made once per sample rate, then reused. */
const made = new Map<number, Pcm>();

export function chime(sampleRate: number): Pcm {
  let pcm = made.get(sampleRate);
  if (!pcm) made.set(sampleRate, (pcm = makeChime(sampleRate)));
  return pcm;
}

function makeChime(sampleRate: number): Pcm {
  const totalMs = Math.max(...TONES.map((t) => t.startMs + t.lengthMs));
  const out = new Float32Array(Math.round((sampleRate * totalMs) / 1000));
  for (const tone of TONES) {
    const start = Math.round((sampleRate * tone.startMs) / 1000);
    const length = Math.round((sampleRate * tone.lengthMs) / 1000);
    const attack = (sampleRate * ATTACK_MS) / 1000;
    const fadeOut = Math.round(sampleRate * 0.05);
    for (let i = 0; i < length && start + i < out.length; i++) {
      const t = i / sampleRate;
      let v = 0;
      for (const [ratio, gain] of PARTIALS) v += gain * Math.sin(2 * Math.PI * tone.hz * ratio * t);
      // Higher partials die faster, as in a real bell; the last 50 ms fade to zero to avoid a click.
      const envelope = Math.min(1, i / attack) * Math.exp(-DECAY_PER_SEC * t) * Math.min(1, (length - i) / fadeOut);
      out[start + i]! += (v / 1.38) * envelope * PEAK;
    }
  }
  return { sampleRate, samples: toInt16(out) };
}
