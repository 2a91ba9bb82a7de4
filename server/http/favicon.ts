// /favicon.ico: every browser asks for it, and a 404 on every page is noise in every log. A
// 32×32 icon (the brand blue with a white queue mark: three bars, the first one short), drawn
// at the first request (not at start: pngjs is not worth loading before the server answers) and
// stored in the ICO container as PNG (supported by every browser since IE 11).
import express from 'express';
import type { Router } from 'express';

const SIZE = 32;
const BLUE = [0x0b, 0x3d, 0x91];

async function iconPng(): Promise<Buffer> {
  const { PNG } = await import('pngjs');
  const png = new PNG({ width: SIZE, height: SIZE });
  // Each bar: first row, last row (exclusive), first column, last column (exclusive).
  const bars = [[7, 11, 7, 18], [14, 18, 7, 25], [21, 25, 7, 25]] as const;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const i = (y * SIZE + x) * 4;
      // Rounded corners: transparent outside a 5-pixel radius.
      const cx = Math.min(x, SIZE - 1 - x);
      const cy = Math.min(y, SIZE - 1 - y);
      const outside = cx < 5 && cy < 5 && (5 - cx) ** 2 + (5 - cy) ** 2 > 25;
      const bar = bars.some(([y0, y1, x0, x1]) => y >= y0 && y < y1 && x >= x0 && x < x1);
      const [r, g, b] = bar ? [255, 255, 255] : BLUE;
      png.data[i] = r!;
      png.data[i + 1] = g!;
      png.data[i + 2] = b!;
      png.data[i + 3] = outside ? 0 : 255;
    }
  }
  return PNG.sync.write(png);
}

/** An ICO file holding one PNG image. */
export async function faviconIco(): Promise<Buffer> {
  const png = await iconPng();
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(SIZE, 6);
  header.writeUInt8(SIZE, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, png]);
}

export function faviconRouter(): Router {
  let ico: Promise<Buffer> | null = null;
  const router = express.Router();
  router.get('/favicon.ico', async (_req, res) => {
    ico ??= faviconIco();
    res.set({ 'Content-Type': 'image/x-icon', 'Cache-Control': 'public, max-age=86400' }).send(await ico);
  });
  return router;
}
