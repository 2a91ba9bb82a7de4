// WAV in and out, without dependencies. Everything inside the voice is mono 16-bit PCM at one
// sample rate; recordings in other formats (stereo, 24-bit, float, 44.1/48 kHz) are converted on
// load, so a center can drop in clips from any recorder. A file that is not a usable WAV is
// refused with the reason, never half-read.

export interface Pcm {
  sampleRate: number;
  samples: Int16Array;
}

export class WavError extends Error {}

interface Format {
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
}

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;

function readFormat(buf: Buffer, at: number, size: number): Format {
  if (size < 16) throw new WavError('khối fmt quá ngắn');
  let audioFormat = buf.readUInt16LE(at);
  const channels = buf.readUInt16LE(at + 2);
  const sampleRate = buf.readUInt32LE(at + 4);
  const bitsPerSample = buf.readUInt16LE(at + 14);
  // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of its sub-format GUID.
  if (audioFormat === EXTENSIBLE && size >= 26) audioFormat = buf.readUInt16LE(at + 24);
  if (channels < 1 || channels > 8) throw new WavError(`số kênh không hỗ trợ: ${channels}`);
  if (sampleRate < 4000 || sampleRate > 192_000) throw new WavError(`tần số lấy mẫu không hỗ trợ: ${sampleRate}`);
  const ok = (audioFormat === PCM && [8, 16, 24, 32].includes(bitsPerSample)) || (audioFormat === FLOAT && bitsPerSample === 32);
  if (!ok) throw new WavError(`định dạng âm thanh không hỗ trợ (mã ${audioFormat}, ${bitsPerSample} bit): cần PCM 8/16/24/32 bit hoặc float 32 bit`);
  return { audioFormat, channels, sampleRate, bitsPerSample };
}

function sampleReader(f: Format): (buf: Buffer, at: number) => number {
  if (f.audioFormat === FLOAT) return (b, at) => b.readFloatLE(at);
  switch (f.bitsPerSample) {
    case 8: return (b, at) => (b.readUInt8(at) - 128) / 128;
    case 16: return (b, at) => b.readInt16LE(at) / 32768;
    case 24: return (b, at) => b.readIntLE(at, 3) / 8388608;
    default: return (b, at) => b.readInt32LE(at) / 2147483648;
  }
}

/** Parses a RIFF/WAVE file into mono samples in [-1, 1] at its own rate. */
export function decodeWav(buf: Buffer): { sampleRate: number; mono: Float32Array } {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new WavError('không phải tệp WAV (thiếu phần đầu RIFF/WAVE)');
  }
  let format: Format | null = null;
  let at = 12;
  while (at + 8 <= buf.length) {
    const id = buf.toString('ascii', at, at + 4);
    const declared = buf.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') {
      if (body + declared > buf.length) throw new WavError('khối fmt bị cắt cụt');
      format = readFormat(buf, body, declared);
    } else if (id === 'data') {
      if (!format) throw new WavError('khối data đứng trước khối fmt');
      // espeak-ng writing to a pipe cannot seek back, so it declares a huge size: use what is there.
      const size = Math.min(declared, buf.length - body);
      return { sampleRate: format.sampleRate, mono: toMono(buf, body, size, format) };
    }
    at = body + declared + (declared % 2);
  }
  throw new WavError(format ? 'không có khối data' : 'không có khối fmt');
}

function toMono(buf: Buffer, start: number, size: number, f: Format): Float32Array {
  const bytes = f.bitsPerSample / 8;
  const frameBytes = bytes * f.channels;
  const frames = Math.floor(size / frameBytes);
  if (frames === 0) throw new WavError('tệp không có âm thanh (0 mẫu)');
  const read = sampleReader(f);
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    const base = start + i * frameBytes;
    for (let c = 0; c < f.channels; c++) sum += read(buf, base + c * bytes);
    out[i] = sum / f.channels;
  }
  return out;
}

/**
 * Linear-interpolation resampling; going down, a box filter first so speech recorded at 48 kHz
 * does not alias into the 22 kHz output. Plenty for a voice in a hall.
 */
export function resample(input: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return input;
  let source = input;
  if (to < from) {
    const width = Math.max(1, Math.round(from / to));
    if (width > 1) {
      source = new Float32Array(input.length);
      let acc = 0;
      for (let i = 0; i < input.length; i++) {
        acc += input[i]!;
        if (i >= width) acc -= input[i - width]!;
        source[i] = acc / Math.min(i + 1, width);
      }
    }
  }
  const length = Math.max(1, Math.round((source.length * to) / from));
  const out = new Float32Array(length);
  const step = from / to;
  for (let i = 0; i < length; i++) {
    const pos = i * step;
    const j = Math.floor(pos);
    const a = source[Math.min(j, source.length - 1)]!;
    const b = source[Math.min(j + 1, source.length - 1)]!;
    out[i] = a + (b - a) * (pos - j);
  }
  return out;
}

export function toInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]!));
    out[i] = Math.round(s * 32767);
  }
  return out;
}

/** Reads any supported WAV as mono 16-bit PCM at `sampleRate`. */
export function readWavAs(buf: Buffer, sampleRate: number): Pcm {
  const { sampleRate: from, mono } = decodeWav(buf);
  return { sampleRate, samples: toInt16(resample(mono, from, sampleRate)) };
}

/** A canonical 44-byte-header WAV: mono, 16-bit PCM. */
export function encodeWav(pcm: Pcm): Buffer {
  const dataBytes = pcm.samples.length * 2;
  const buf = Buffer.alloc(44 + dataBytes);
  writeHeader(buf, pcm.sampleRate, dataBytes);
  Buffer.from(pcm.samples.buffer, pcm.samples.byteOffset, dataBytes).copy(buf, 44);
  return buf;
}

function writeHeader(buf: Buffer, sampleRate: number, dataBytes: number): void {
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(PCM, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataBytes, 40);
}

/** A stretch of an announcement: samples, or a number of silent samples. */
export type SoundPiece = Int16Array | number;

/**
 * The pieces one after another as a canonical WAV (like encodeWav), written straight into the
 * file's bytes: one copy of each piece, nothing joined first, silence left as the zeroed buffer.
 */
export function encodeWavPieces(sampleRate: number, pieces: readonly SoundPiece[]): { wav: Buffer; frames: number } {
  let frames = 0;
  for (const p of pieces) frames += typeof p === 'number' ? p : p.length;
  const wav = Buffer.alloc(44 + frames * 2);
  writeHeader(wav, sampleRate, frames * 2);
  let at = 44;
  for (const p of pieces) {
    if (typeof p === 'number') {
      at += p * 2;
      continue;
    }
    Buffer.from(p.buffer, p.byteOffset, p.byteLength).copy(wav, at);
    at += p.byteLength;
  }
  return { wav, frames };
}

export function silence(sampleRate: number, ms: number): Pcm {
  return { sampleRate, samples: new Int16Array(Math.round((sampleRate * ms) / 1000)) };
}

/** Concatenates clips of one sample rate: the result is exactly as long as the clips together. */
export function joinPcm(clips: readonly Pcm[]): Pcm {
  if (clips.length === 0) throw new WavError('không có đoạn âm thanh nào để ghép');
  const sampleRate = clips[0]!.sampleRate;
  let total = 0;
  for (const c of clips) {
    if (c.sampleRate !== sampleRate) throw new WavError(`không ghép được ${c.sampleRate} Hz với ${sampleRate} Hz`);
    total += c.samples.length;
  }
  const samples = new Int16Array(total);
  let at = 0;
  for (const c of clips) {
    samples.set(c.samples, at);
    at += c.samples.length;
  }
  return { sampleRate, samples };
}

export function durationMs(pcm: Pcm): number {
  return (pcm.samples.length / pcm.sampleRate) * 1000;
}

/**
 * Trims near-silence at both ends (keeping a few ms), so word clips from a TTS engine or a
 * recorder join without gaps that make the announcement stutter.
 */
export function trimSilence(pcm: Pcm, threshold = 400, keepMs = 15): Pcm {
  const s = pcm.samples;
  let start = 0;
  while (start < s.length && Math.abs(s[start]!) < threshold) start++;
  let end = s.length;
  while (end > start && Math.abs(s[end - 1]!) < threshold) end--;
  if (start >= end) return pcm;
  const keep = Math.round((pcm.sampleRate * keepMs) / 1000);
  return { sampleRate: pcm.sampleRate, samples: s.slice(Math.max(0, start - keep), Math.min(s.length, end + keep)) };
}
