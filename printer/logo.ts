// The center's logo as a thermal printer can print it: scaled to a modest size at the top of the
// ticket, laid on white (transparency), then pure black and white: levels stretched so dark logo
// colours print solid and pale tints as paper, and Atkinson dithering for what lies between
// (gradients become even dots). Prepared once per logo and paper width, reused for every ticket.
import { createCanvas, Image } from '@napi-rs/canvas';
import type { Canvas } from '@napi-rs/canvas';
import type { PaperWidth } from '@core/config.ts';
import { fitWithin, parseLogoDataUrl } from '@core/logo.ts';

export interface PrintedLogo {
  canvas: Canvas;
  width: number;
  height: number;
}

/** At most half the paper wide and 12 mm tall (96 dots at 203 dpi): the number stays the star. */
export function printedLogoBox(paper: PaperWidth): { width: number; height: number } {
  const k = paper / 576;
  return { width: Math.round(288 * k), height: Math.round(96 * k) };
}

// The print worker prints one center's tickets: remembering the last logo per width is enough.
const prepared = new Map<PaperWidth, { dataUrl: string; logo: PrintedLogo | null }>();

/** The logo ready to draw, or null (no logo, or one that does not decode: the ticket prints without it). */
export function printedLogo(dataUrl: string | null | undefined, paper: PaperWidth): PrintedLogo | null {
  if (!dataUrl) return null;
  const hit = prepared.get(paper);
  if (hit?.dataUrl === dataUrl) return hit.logo;
  const logo = prepare(dataUrl, paper);
  prepared.set(paper, { dataUrl, logo });
  return logo;
}

function prepare(dataUrl: string, paper: PaperWidth): PrintedLogo | null {
  const parsed = parseLogoDataUrl(dataUrl);
  if (!parsed) return null;
  const image = new Image();
  try {
    image.src = Buffer.from(parsed.base64, 'base64');
  } catch {
    return null;
  }
  if (image.width === 0 || image.height === 0) return null;
  const { width, height } = fitWithin(image.width, image.height, printedLogoBox(paper));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, 0, 0, width, height);
  const pixels = ctx.getImageData(0, 0, width, height);
  dither(pixels.data, width, height);
  ctx.putImageData(pixels, 0, 0);
  return { canvas, width, height };
}

/** Luminance at or below this prints solid black, at or above LEVEL_WHITE solid white; between, dots. */
const LEVEL_BLACK = 64;
const LEVEL_WHITE = 200;

/** Atkinson dithering in place: RGBA in, pixels of pure black or white out. */
export function dither(rgba: Uint8ClampedArray, width: number, height: number): void {
  const lum = new Float32Array(width * height);
  for (let i = 0; i < lum.length; i++) {
    const l = 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!;
    // Levels first: dark colours (a logo's navy or red) print solid, pale tints print as paper.
    lum[i] = Math.min(255, Math.max(0, ((l - LEVEL_BLACK) * 255) / (LEVEL_WHITE - LEVEL_BLACK)));
  }
  // Atkinson spreads 6/8 of the error to six neighbours (the rest is dropped, which keeps contrast).
  const spread: [number, number][] = [[1, 0], [2, 0], [-1, 1], [0, 1], [1, 1], [0, 2]];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const old = lum[i]!;
      const v = old < 128 ? 0 : 255;
      const share = (old - v) / 8;
      for (const [dx, dy] of spread) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx >= 0 && nx < width && ny < height) {
          const j = ny * width + nx;
          lum[j] = lum[j]! + share;
        }
      }
      rgba[i * 4] = v;
      rgba[i * 4 + 1] = v;
      rgba[i * 4 + 2] = v;
      rgba[i * 4 + 3] = 255;
    }
  }
}
