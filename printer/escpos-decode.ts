// Reads ESC/POS the way a receipt printer does, enough of it to check what we send: raster
// images (GS v 0), cuts, feeds, text and the common mode commands. Anything else is reported as
// unknown rather than guessed at.

export interface Raster {
  /** Width in dots (a multiple of 8). */
  width: number;
  height: number;
  /** One byte per dot: 1 = black. */
  dots: Uint8Array;
}

export interface DecodedPage {
  rasters: Raster[];
  /** Lines and dots fed (LF, ESC d n, ESC J n) — not drawn into the image. */
  feeds: number;
  text: string;
  /** Ended by a cut (GS V); false for data that ended without one. */
  cut: boolean;
}

export interface Decoded {
  pages: DecodedPage[];
  /** Commands this decoder does not know, as hex, with their offset. */
  unknown: string[];
}

/** ESC commands with a fixed number of parameter bytes. */
const ESC_PARAMS: Record<number, number> = {
  0x21: 1, 0x2d: 1, 0x32: 0, 0x33: 1, 0x45: 1, 0x47: 1, 0x4a: 1, 0x4d: 1, 0x52: 1,
  0x61: 1, 0x64: 1, 0x74: 1, 0x7b: 1, 0x20: 1, 0x56: 1, 0x72: 1,
};
/** GS commands with a fixed number of parameter bytes (GS v 0 and GS V are handled apart). */
const GS_PARAMS: Record<number, number> = { 0x21: 1, 0x42: 1, 0x48: 1, 0x66: 1, 0x68: 1, 0x77: 1, 0x4c: 2, 0x57: 2, 0x62: 1 };

function newPage(): DecodedPage {
  return { rasters: [], feeds: 0, text: '', cut: false };
}

export function decodeEscPos(bytes: Uint8Array): Decoded {
  const pages: DecodedPage[] = [];
  const unknown: string[] = [];
  let page = newPage();
  const hex = (from: number, n: number) => Array.from(bytes.subarray(from, from + n), (b) => b.toString(16).padStart(2, '0')).join(' ');
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x1b) {
      const cmd = bytes[i + 1];
      if (cmd === 0x40) { i += 2; continue; } // ESC @ initialise
      if (cmd === 0x64 || cmd === 0x4a) page.feeds += bytes[i + 2] ?? 0;
      const n = cmd === undefined ? undefined : ESC_PARAMS[cmd];
      if (n === undefined) { unknown.push(`@${i}: ${hex(i, 3)}`); i += 2; continue; }
      i += 2 + n;
    } else if (b === 0x1d) {
      const cmd = bytes[i + 1];
      if (cmd === 0x76 && bytes[i + 2] === 0x30) {
        const m = bytes[i + 3]! & 0x03;
        const widthBytes = bytes[i + 4]! + bytes[i + 5]! * 256;
        const rows = bytes[i + 6]! + bytes[i + 7]! * 256;
        const start = i + 8;
        const data = bytes.subarray(start, start + widthBytes * rows);
        if (data.length < widthBytes * rows) { unknown.push(`@${i}: raster cut short (${data.length}/${widthBytes * rows} bytes)`); break; }
        page.rasters.push(raster(data, widthBytes, rows, m & 1 ? 2 : 1, m & 2 ? 2 : 1));
        i = start + widthBytes * rows;
      } else if (cmd === 0x56) {
        const m = bytes[i + 2] ?? 0;
        i += m === 65 || m === 66 ? 4 : 3;
        page.cut = true;
        pages.push(page);
        page = newPage();
      } else {
        const n = cmd === undefined ? undefined : GS_PARAMS[cmd];
        if (n === undefined) { unknown.push(`@${i}: ${hex(i, 3)}`); i += 2; continue; }
        i += 2 + n;
      }
    } else if (b === 0x10 && bytes[i + 1] === 0x04) {
      i += 3; // DLE EOT n: a status request, answered by the emulator's socket if at all
    } else if (b === 0x0a) {
      page.feeds += 1;
      page.text += '\n';
      i += 1;
    } else if (b === 0x0b || b === 0x0d || b === 0x09) {
      i += 1;
    } else if (b >= 0x20) {
      page.text += String.fromCharCode(b);
      i += 1;
    } else {
      unknown.push(`@${i}: ${hex(i, 1)}`);
      i += 1;
    }
  }
  if (page.rasters.length > 0 || page.text.trim() !== '') pages.push(page);
  return { pages, unknown };
}

function raster(data: Uint8Array, widthBytes: number, rows: number, scaleX: number, scaleY: number): Raster {
  const width = widthBytes * 8 * scaleX;
  const height = rows * scaleY;
  const dots = new Uint8Array(width * height);
  for (let y = 0; y < rows; y++) {
    for (let xb = 0; xb < widthBytes; xb++) {
      const byte = data[y * widthBytes + xb]!;
      if (byte === 0) continue;
      for (let bit = 0; bit < 8; bit++) {
        if (!(byte & (0x80 >> bit))) continue;
        const x = (xb * 8 + bit) * scaleX;
        for (let sy = 0; sy < scaleY; sy++) for (let sx = 0; sx < scaleX; sx++) dots[(y * scaleY + sy) * width + x + sx] = 1;
      }
    }
  }
  return { width, height, dots };
}

/** The page's rasters stacked top to bottom, as RGBA (black on white). */
export function pageImage(page: DecodedPage): { width: number; height: number; rgba: Buffer } {
  const width = Math.max(0, ...page.rasters.map((r) => r.width));
  const height = page.rasters.reduce((sum, r) => sum + r.height, 0);
  const rgba = Buffer.alloc(width * height * 4, 255);
  let top = 0;
  for (const r of page.rasters) {
    for (let y = 0; y < r.height; y++) {
      for (let x = 0; x < r.width; x++) {
        if (!r.dots[y * r.width + x]) continue;
        const o = ((top + y) * width + x) * 4;
        rgba[o] = 0;
        rgba[o + 1] = 0;
        rgba[o + 2] = 0;
      }
    }
    top += r.height;
  }
  return { width, height, rgba };
}
