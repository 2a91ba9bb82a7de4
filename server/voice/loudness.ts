// One loudness for every announcement: each phrase is brought to the same speech level (RMS of its
// voiced part), never above −1 dBFS at its peak (espeak-ng's own output peaks at −0.04 dBFS and
// clips on cheap speakers), and the chime is set relative to that level, as the admin chose.
import type { Pcm } from './wav.ts';

/** −1 dBFS: the loudest sample any announcement may have. */
export const PEAK_LIMIT = Math.round(32767 * 10 ** (-1 / 20));
/** The speech level phrases are brought to: −20 dBFS RMS over their voiced part. */
export const SPEECH_RMS = 32767 * 10 ** (-20 / 20);
/**
 * Samples more than 30 dB below the sound's own peak are pauses and fading tails, left out of the
 * level. Relative, so the same sound measures the same at any gain.
 */
const GATE = 10 ** (-30 / 20);

/** RMS over the samples louder than the gate; 0 for silence. */
export function voicedRms(pcm: Pcm): number {
  const gate = peakOf(pcm) * GATE;
  let sum = 0;
  let n = 0;
  for (const s of pcm.samples) {
    if (Math.abs(s) < gate || s === 0) continue;
    sum += s * s;
    n++;
  }
  return n === 0 ? 0 : Math.sqrt(sum / n);
}

export function peakOf(pcm: Pcm): number {
  let peak = 0;
  for (const s of pcm.samples) peak = Math.max(peak, Math.abs(s));
  return peak;
}

function scaled(pcm: Pcm, gain: number): Pcm {
  const out = new Int16Array(pcm.samples.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(pcm.samples[i]! * gain);
  return { sampleRate: pcm.sampleRate, samples: out };
}

/** `pcm` at `rms` (voiced part), lowered further if its peak would pass −1 dBFS. */
export function toLevel(pcm: Pcm, rms: number): Pcm {
  const level = voicedRms(pcm);
  const peak = peakOf(pcm);
  if (level === 0 || peak === 0) return pcm;
  return scaled(pcm, Math.min(rms / level, PEAK_LIMIT / peak));
}

/** A phrase at the speech level. */
export function normaliseSpeech(pcm: Pcm): Pcm {
  return toLevel(pcm, SPEECH_RMS);
}

/** The chime at `percent` % of the speech level. */
export function chimeAt(pcm: Pcm, percent: number): Pcm {
  return toLevel(pcm, SPEECH_RMS * (percent / 100));
}
