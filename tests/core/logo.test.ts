// The logo's pure checks with plain values: what the first bytes say, whether a file is whole,
// the size it is scaled to, its fingerprint.
import { describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import { fitWithin, LOGO_BOX, logoDimensions, logoUrl, logoVersion, parseLogoDataUrl, sniffLogo } from '@core/logo.ts';
import { CenterInfoSchema } from '@core/config.ts';

const canvas = createCanvas(40, 30);
canvas.getContext('2d').fillRect(0, 0, 20, 30);
const png = await canvas.encode('png');
const jpeg = await canvas.encode('jpeg', 80);

describe('logo files', () => {
  it('tells PNG and JPEG by their first bytes, and nothing else', () => {
    expect(sniffLogo(png)).toBe('png');
    expect(sniffLogo(jpeg)).toBe('jpeg');
    expect(sniffLogo(Buffer.from('GIF89a……'))).toBeNull();
    expect(sniffLogo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffLogo(new Uint8Array())).toBeNull();
  });

  it('reads the size of whole files only', () => {
    expect(logoDimensions(png, 'png')).toEqual({ width: 40, height: 30 });
    expect(logoDimensions(jpeg, 'jpeg')).toEqual({ width: 40, height: 30 });
    expect(logoDimensions(png.subarray(0, png.length - 12), 'png')).toBeNull(); // no IEND
    expect(logoDimensions(jpeg.subarray(0, jpeg.length - 10), 'jpeg')).toBeNull(); // no EOI
    const flipped = Buffer.from(png);
    flipped[40] = flipped[40]! ^ 0xff; // a checksum no longer matches
    expect(logoDimensions(flipped, 'png')).toBeNull();
  });

  it('scales down into the box in proportion and never enlarges', () => {
    expect(fitWithin(3000, 1000, LOGO_BOX)).toEqual({ width: 512, height: 171 });
    expect(fitWithin(800, 400, LOGO_BOX)).toEqual({ width: 512, height: 256 });
    expect(fitWithin(100, 1000, LOGO_BOX)).toEqual({ width: 26, height: 256 });
    expect(fitWithin(120, 60, LOGO_BOX)).toEqual({ width: 120, height: 60 });
  });

  it('gives each logo its own stable address, and none without one', () => {
    const a = `data:image/png;base64,${png.toString('base64')}`;
    const b = `data:image/jpeg;base64,${jpeg.toString('base64')}`;
    expect(logoVersion(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(logoVersion(a)).toBe(logoVersion(a));
    expect(logoVersion(a)).not.toBe(logoVersion(b));
    expect(parseLogoDataUrl(b)?.mime).toBe('image/jpeg');
    expect(parseLogoDataUrl('data:image/gif;base64,AAAA')).toBeNull();
    const center = CenterInfoSchema.parse({ nameVi: 'Trung tâm', nameEn: 'Center', logo: a });
    expect(logoUrl(center)).toBe(`/media/logo?v=${logoVersion(a)}`);
    expect(logoUrl({ ...center, logo: null })).toBeNull();
  });
});
