// The center's logo on printed tickets: black and white a thermal head can print, modest in
// size, at the top of both paper widths.
import { describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import { dither } from '../../printer/logo.ts';
import { renderTicketBitmap } from '../../printer/render.ts';
import { SAMPLE } from './sample.ts';

describe('the printed logo', () => {
  it('prints dark colours solid, pale tints as paper, and a mid grey as about half dots', () => {
    const pixels = (r: number, g: number, b: number) => {
      const data = new Uint8ClampedArray(32 * 32 * 4);
      for (let i = 0; i < data.length; i += 4) data.set([r, g, b, 255], i);
      dither(data, 32, 32);
      let black = 0;
      for (let i = 0; i < data.length; i += 4) {
        expect(data[i] === 0 || data[i] === 255).toBe(true);
        if (data[i] === 0) black += 1;
      }
      return black / (32 * 32);
    };
    expect(pixels(0x0b, 0x3d, 0x91)).toBe(1); // navy
    expect(pixels(0xff, 0xf3, 0xb0)).toBe(0); // pale yellow
    expect(pixels(132, 132, 132)).toBeGreaterThan(0.35);
    expect(pixels(132, 132, 132)).toBeLessThan(0.65);
  });

  it('sits at the top of both paper widths, half the paper wide and 12 mm tall at most', () => {
    const wide = createCanvas(1000, 250);
    wide.getContext('2d').fillRect(0, 0, 1000, 250);
    const logo = `data:image/png;base64,${wide.toBuffer('image/png').toString('base64')}`;
    for (const [paper, logoHeight, gap] of [[576, 72, 10], [384, 48, 7]] as const) {
      const plain = renderTicketBitmap(SAMPLE, paper);
      const withLogo = renderTicketBitmap({ ...SAMPLE, logo }, paper);
      // 1000×250 fits half the paper (288 or 192 dots) first: 288×72 or 192×48.
      expect(withLogo.height - plain.height).toBe(logoHeight + gap);
      const margin = Math.round(16 * (paper / 576));
      const at = (x: number, y: number) => withLogo.rgba[(y * paper + x) * 4];
      expect(at(paper / 2, margin + logoHeight / 2)).toBe(0);
      expect(at(paper / 4 - 4, margin + logoHeight / 2)).toBe(255);
    }
  });
});
