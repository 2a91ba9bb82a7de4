// The printed ticket as an image: both paper widths, Vietnamese that really draws from the
// bundled font, and a QR code that reads back as the status page's address.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { renderTicket } from '../../printer/render.ts';
import type { TicketPrint } from '../../printer/render.ts';
import { SAMPLE } from './sample.ts';
import { FONT_DIR, registerTicketFonts, TICKET_FONT } from '../../printer/layout.ts';
import { fontCodePoints } from './ttf-cmap.ts';


const PHRASE = 'Đất đai – Quầy – Hộ tịch';
const VOWELS = 'aăâeêioôơuưy';
const TONES = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
/** Every Vietnamese vowel with every tone, lower and upper case, plus đ and Đ (134 letters). */
const VIETNAMESE_LETTERS = [...VOWELS].flatMap((v) => [v, ...TONES.map((t) => (v + t).normalize('NFC'))])
  .flatMap((c) => [c, c.toUpperCase()]).concat(['đ', 'Đ']);

function decode(png: Buffer): PNG {
  return PNG.sync.read(png);
}

/** The glyph's pixels, black or white, as a string: equal strings mean equal drawings. */
function glyphBitmap(ch: string, bold: boolean): { bits: string; ink: number } {
  const canvas = createCanvas(128, 128);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 128, 128);
  ctx.fillStyle = '#000';
  ctx.font = `${bold ? 'bold' : 'normal'} 64px "${TICKET_FONT}"`;
  ctx.fillText(ch, 24, 96);
  const data = ctx.getImageData(0, 0, 128, 128).data;
  let bits = '';
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    const black = data[i]! < 128;
    bits += black ? '1' : '0';
    if (black) ink += 1;
  }
  return { bits, ink };
}

describe('ticket image', () => {
  it.each([576, 384] as const)('is %i dots wide, taller than wide, pure black and white', async (width) => {
    const { png, height } = await renderTicket(SAMPLE, width);
    const image = decode(png);
    expect(image.width).toBe(width);
    expect(image.height).toBe(height);
    expect(height).toBeGreaterThan(width);
    expect(height).toBeLessThan(width * 3);
    let black = 0;
    let grey = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      const v = image.data[i]!;
      if (v === 0) black += 1;
      else if (v !== 255) grey += 1;
    }
    expect(grey).toBe(0);
    const share = black / (image.width * image.height);
    expect(share).toBeGreaterThan(0.05); // text, a large number and a QR code…
    expect(share).toBeLessThan(0.4); // …on white paper
  });

  it('the QR code reads back as the status page address, on both paper widths', async () => {
    for (const width of [576, 384] as const) {
      const image = decode((await renderTicket(SAMPLE, width)).png);
      const found = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
      expect(found?.data).toBe(SAMPLE.statusUrl);
    }
  });

  it('decomposed Vietnamese (letters + combining marks) prints exactly like precomposed', async () => {
    const nfd: TicketPrint = { ...SAMPLE, serviceName: SAMPLE.serviceName.normalize('NFD'), departmentName: SAMPLE.departmentName.normalize('NFD') };
    const a = await renderTicket(SAMPLE, 576);
    const b = await renderTicket(nfd, 576);
    expect(Buffer.compare(decode(a.png).data, decode(b.png).data)).toBe(0);
  });

  it('a priority ticket carries its category on a black band', async () => {
    const normal = await renderTicket(SAMPLE, 576);
    const priority = await renderTicket({ ...SAMPLE, priorityName: 'Người cao tuổi (từ 75 tuổi)' }, 576);
    expect(priority.height).toBeGreaterThan(normal.height);
    const image = decode(priority.png);
    const solidRows = Array.from({ length: image.height }, (_, y) => {
      let black = 0;
      for (let x = 20; x < image.width - 20; x++) if (image.data[(y * image.width + x) * 4] === 0) black += 1;
      return black / (image.width - 40);
    }).filter((share) => share > 0.99).length;
    expect(solidRows).toBeGreaterThan(4); // the band's top and bottom edge, at least
  });
});

describe('the bundled Vietnamese font', () => {
  it('ships with the project, with its licence, and is the family the ticket uses', () => {
    for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'LICENSE-DejaVu.txt']) expect(existsSync(join(FONT_DIR, file))).toBe(true);
    registerTicketFonts();
    const family = GlobalFonts.families.find((f) => f.family === TICKET_FONT);
    expect(family?.styles.map((s) => s.weight).sort()).toEqual([400, 700]);
  });

  it('maps every Vietnamese letter and every character of the sample phrase to a glyph', () => {
    for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
      const points = fontCodePoints(join(FONT_DIR, file));
      const missing = [...new Set([...PHRASE, ...VIETNAMESE_LETTERS])].filter((c) => !points.has(c.codePointAt(0)!));
      expect(missing, file).toEqual([]);
      expect(points.has(0xe000)).toBe(false); // so the missing-glyph comparison below is meaningful
    }
  });

  it(`draws every glyph of "${PHRASE}", not a missing-glyph box`, () => {
    registerTicketFonts();
    for (const bold of [false, true]) {
      const missing = glyphBitmap('\ue000', bold);
      for (const ch of new Set(PHRASE.replace(/ /g, ''))) {
        const glyph = glyphBitmap(ch, bold);
        expect(glyph.ink, `${ch} has ink`).toBeGreaterThan(20);
        expect(glyph.bits === missing.bits, `${ch} is not the missing glyph`).toBe(false);
      }
    }
  });

  it('no two Vietnamese letters draw alike: every tone and vowel mark shows', () => {
    registerTicketFonts();
    for (const bold of [false, true]) {
      const seen = new Map<string, string>();
      for (const ch of VIETNAMESE_LETTERS) {
        const { bits } = glyphBitmap(ch, bold);
        expect(seen.get(bits), `${ch} looks like ${seen.get(bits)}`).toBeUndefined();
        seen.set(bits, ch);
      }
      expect(seen.size).toBe(VIETNAMESE_LETTERS.length);
    }
  });
});
