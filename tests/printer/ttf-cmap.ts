// Reads which code points a TrueType font maps to glyphs (its cmap table, formats 4 and 12), so
// a test can prove a character comes from the bundled font and not from a system fallback.
import { readFileSync } from 'node:fs';

export function fontCodePoints(path: string): Set<number> {
  const buf = readFileSync(path);
  const tables = buf.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const rec = 12 + i * 16;
    if (buf.toString('latin1', rec, rec + 4) === 'cmap') cmap = buf.readUInt32BE(rec + 8);
  }
  if (cmap < 0) throw new Error(`${path}: no cmap table`);
  const points = new Set<number>();
  const subtables = buf.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const offset = cmap + buf.readUInt32BE(cmap + 4 + i * 8 + 4);
    const format = buf.readUInt16BE(offset);
    if (format === 4) readFormat4(buf, offset, points);
    else if (format === 12) readFormat12(buf, offset, points);
  }
  return points;
}

function readFormat4(buf: Buffer, offset: number, points: Set<number>): void {
  const segments = buf.readUInt16BE(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = buf.readUInt16BE(ends + s * 2);
    const start = buf.readUInt16BE(starts + s * 2);
    const delta = buf.readInt16BE(deltas + s * 2);
    const rangeOffset = buf.readUInt16BE(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const at = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
        glyph = buf.readUInt16BE(at);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) points.add(c);
    }
  }
}

function readFormat12(buf: Buffer, offset: number, points: Set<number>): void {
  const groups = buf.readUInt32BE(offset + 12);
  for (let g = 0; g < groups; g++) {
    const at = offset + 16 + g * 12;
    const start = buf.readUInt32BE(at);
    const end = buf.readUInt32BE(at + 4);
    for (let c = start; c <= end; c++) points.add(c);
  }
}
