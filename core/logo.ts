// The center's logo: what an uploaded file must look like before anything decodes it, the size it
// is scaled to, and the address screens load it from. Pure: the decoding itself is the server's
// (server/admin/logo.ts), the printing the printer's (printer/render.ts).
import type { CenterInfo } from './config.ts';

/** Where screens fetch the logo; `?v=` changes with the image, so browsers may keep it for good. */
export const LOGO_PATH = '/media/logo';

/** The largest upload accepted, before scaling (a phone photo of a sign fits). */
export const MAX_LOGO_UPLOAD_BYTES = 2 * 1024 * 1024;

/** An upload is scaled down to fit this box (kept in proportion, never enlarged). */
export const LOGO_BOX = { width: 512, height: 256 } as const;

/**
 * Images with more pixels are refused before decoding: a small file can declare a huge picture
 * (a PNG of one colour compresses ~1000:1) and decoding it would take gigabytes.
 */
export const MAX_LOGO_SOURCE_PIXELS = 16_000_000;

export type LogoFormat = 'png' | 'jpeg';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format the first bytes announce, or null for anything else. */
export function sniffLogo(bytes: Uint8Array): LogoFormat | null {
  if (bytes.length >= 8 && PNG_MAGIC.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;

let crcTable: Uint32Array | null = null;
function crc32(bytes: Uint8Array, from: number, to: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = from; i < to; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The picture's size from a whole, well-formed file, or null. A PNG's chunks must all be there
 * with correct checksums, ending in IEND; a JPEG must reach its image data and end with EOI. The
 * decoder would otherwise turn a cut-off upload into a half-drawn logo instead of an error.
 */
export function logoDimensions(bytes: Uint8Array, format: LogoFormat): { width: number; height: number } | null {
  return format === 'png' ? pngDimensions(bytes) : jpegDimensions(bytes);
}

function pngDimensions(b: Uint8Array): { width: number; height: number } | null {
  let at = 8;
  let size: { width: number; height: number } | null = null;
  let sawData = false;
  while (at + 12 <= b.length) {
    const length = u32(b, at);
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    const end = at + 12 + length;
    if (end > b.length || crc32(b, at + 4, at + 8 + length) !== u32(b, at + 8 + length)) return null;
    if (at === 8 && (type !== 'IHDR' || length !== 13)) return null;
    if (type === 'IHDR') size = { width: u32(b, at + 8), height: u32(b, at + 12) };
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') return size && sawData && size.width > 0 && size.height > 0 ? size : null;
    at = end;
  }
  return null;
}

function jpegDimensions(b: Uint8Array): { width: number; height: number } | null {
  let at = 2;
  let size: { width: number; height: number } | null = null;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) { at += 1; continue; } // fill byte
    const length = u16(b, at + 2);
    if (length < 2 || at + 2 + length > b.length) return null;
    // SOF0…SOF15, except DHT (C4), JPG (C8) and DAC (CC), carry the frame's size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc && length >= 7) {
      size = { width: u16(b, at + 7), height: u16(b, at + 5) };
    }
    if (marker === 0xda) {
      // Entropy-coded data follows; the file must still end with EOI (allowing trailing padding).
      let last = b.length - 1;
      while (last > at && b[last] === 0x00) last--;
      const ended = b[last - 1] === 0xff && b[last] === 0xd9;
      return size && ended && size.width > 0 && size.height > 0 ? size : null;
    }
    at += 2 + length;
  }
  return null;
}

/** The size that fits `box`, in proportion, at least 1×1, never larger than the source. */
export function fitWithin(width: number, height: number, box: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(1, box.width / width, box.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The media type and bytes of a stored logo data URL, or null if it is not one. */
export function parseLogoDataUrl(dataUrl: string): { mime: 'image/png' | 'image/jpeg'; base64: string } | null {
  const m = /^data:(image\/(?:png|jpeg));base64,([A-Za-z0-9+/]+=*)$/.exec(dataUrl);
  return m ? { mime: m[1] as 'image/png' | 'image/jpeg', base64: m[2]! } : null;
}

/** A short fingerprint of the logo (two FNV-1a lanes: 64 bits), for the cache-busting address. */
export function logoVersion(dataUrl: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ dataUrl.length;
  for (let i = 0; i < dataUrl.length; i++) {
    const c = dataUrl.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

// Snapshots are built for every connected screen after each change: fingerprint each logo once.
const urls = new WeakMap<CenterInfo, string | null>();

/** The address screens load the logo from, or null when the center has none. */
export function logoUrl(center: CenterInfo): string | null {
  let url = urls.get(center);
  if (url === undefined) {
    url = center.logo === null ? null : `${LOGO_PATH}?v=${logoVersion(center.logo)}`;
    urls.set(center, url);
  }
  return url;
}
