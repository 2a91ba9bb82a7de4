// A tiny top-to-bottom layout for receipt paper: blocks are measured first (so the canvas is
// exactly as tall as the ticket), then drawn. Text uses the bundled font only.
import { GlobalFonts } from '@napi-rs/canvas';
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The family name the bundled DejaVu Sans files are registered under (never a system font). */
export const TICKET_FONT = 'Luot Ticket Sans';
export const FONT_DIR = fileURLToPath(new URL('./fonts/', import.meta.url));

let registered = false;
/** Registers the bundled fonts once per process: the canvas font registry is itself process-wide. */
export function registerTicketFonts(): void {
  if (registered) return;
  const regular = GlobalFonts.registerFromPath(join(FONT_DIR, 'DejaVuSans.ttf'), TICKET_FONT);
  const bold = GlobalFonts.registerFromPath(join(FONT_DIR, 'DejaVuSans-Bold.ttf'), TICKET_FONT);
  if (!regular || !bold) throw new Error(`could not load the ticket fonts from ${FONT_DIR}`);
  registered = true;
}

export interface TextStyle {
  size: number;
  bold?: boolean;
  /** Drawn white on a black band (the priority mark). */
  inverted?: boolean;
}

export type Block =
  | { kind: 'text'; text: string; style: TextStyle }
  | { kind: 'gap'; height: number }
  | { kind: 'rule'; thickness: number }
  | { kind: 'qr'; modules: { size: number; get(row: number, col: number): number | boolean }; moduleSize: number }
  /** A picture already in black and white (the center's logo), drawn centred at its own size. */
  | { kind: 'image'; image: Canvas; width: number; height: number };

export function fontOf(style: TextStyle): string {
  return `${style.bold ? 'bold' : 'normal'} ${style.size}px "${TICKET_FONT}"`;
}

/**
 * Ascent and descent that leave room for Vietnamese stacked marks (Ấ, Ỗ sit above the font's
 * nominal ascent) and descenders with a dot below (ỵ).
 */
function lineMetrics(ctx: SKRSContext2D, style: TextStyle): { ascent: number; descent: number } {
  ctx.font = fontOf(style);
  const tall = ctx.measureText('ẤỖỄÁ');
  const deep = ctx.measureText('ỵgjpqỹ');
  return {
    ascent: Math.ceil(Math.max(tall.fontBoundingBoxAscent, tall.actualBoundingBoxAscent)),
    descent: Math.ceil(Math.max(deep.fontBoundingBoxDescent, deep.actualBoundingBoxDescent)),
  };
}

/**
 * Word wrap into as few lines as fit, then as even as those lines allow, so a sentence does not
 * end with one orphaned word ("Xin cảm / ơn!").
 */
export function wrap(ctx: SKRSContext2D, text: string, style: TextStyle, maxWidth: number): string[] {
  const lines = greedyWrap(ctx, text, style, maxWidth);
  if (lines.length < 2) return lines;
  let best = lines;
  for (let width = maxWidth - 8; width > maxWidth / 3; width -= 8) {
    const narrower = greedyWrap(ctx, text, style, width);
    if (narrower.length !== lines.length) break;
    best = narrower;
  }
  return best;
}

/** Greedy word wrap; a single word wider than the line is left whole (it is shrunk elsewhere). */
function greedyWrap(ctx: SKRSContext2D, text: string, style: TextStyle, maxWidth: number): string[] {
  ctx.font = fontOf(style);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(candidate).width > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The largest size ≤ max at which `text` fits on one line. */
export function fitSize(ctx: SKRSContext2D, text: string, bold: boolean, maxSize: number, maxWidth: number): number {
  let size = maxSize;
  for (;;) {
    ctx.font = fontOf({ size, bold });
    if (ctx.measureText(text).width <= maxWidth || size <= 12) return size;
    size -= 2;
  }
}

interface Placed {
  block: Block;
  y: number;
  height: number;
  lines: string[];
  ascent: number;
  lineHeight: number;
}

export interface Layout {
  placed: Placed[];
  height: number;
}

export function measure(ctx: SKRSContext2D, blocks: Block[], width: number, margin: number): Layout {
  const placed: Placed[] = [];
  let y = margin;
  for (const block of blocks) {
    let height = 0;
    let lines: string[] = [];
    let ascent = 0;
    let lineHeight = 0;
    if (block.kind === 'gap') height = block.height;
    else if (block.kind === 'rule') height = block.thickness;
    else if (block.kind === 'qr') height = block.modules.size * block.moduleSize;
    else if (block.kind === 'image') height = block.height;
    else {
      const pad = block.style.inverted ? Math.round(block.style.size * 0.3) : 0;
      lines = wrap(ctx, block.text, block.style, width - 2 * margin - 2 * pad);
      const m = lineMetrics(ctx, block.style);
      ascent = m.ascent;
      lineHeight = m.ascent + m.descent + Math.round(block.style.size * 0.12);
      height = lines.length * lineHeight + 2 * pad;
    }
    placed.push({ block, y, height, lines, ascent, lineHeight });
    y += height;
  }
  return { placed, height: y + margin };
}

export function draw(ctx: SKRSContext2D, layout: Layout, width: number, margin: number): void {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, layout.height);
  ctx.fillStyle = '#000';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  for (const p of layout.placed) {
    const b = p.block;
    if (b.kind === 'rule') {
      ctx.fillStyle = '#000';
      ctx.fillRect(margin, p.y, width - 2 * margin, b.thickness);
    } else if (b.kind === 'qr') {
      const size = b.modules.size * b.moduleSize;
      const left = Math.round((width - size) / 2);
      ctx.fillStyle = '#000';
      for (let row = 0; row < b.modules.size; row++) {
        for (let col = 0; col < b.modules.size; col++) {
          if (b.modules.get(row, col)) ctx.fillRect(left + col * b.moduleSize, p.y + row * b.moduleSize, b.moduleSize, b.moduleSize);
        }
      }
    } else if (b.kind === 'image') {
      ctx.drawImage(b.image, Math.round((width - b.width) / 2), p.y);
    } else if (b.kind === 'text') {
      const pad = b.style.inverted ? Math.round(b.style.size * 0.3) : 0;
      if (b.style.inverted) {
        ctx.fillStyle = '#000';
        ctx.fillRect(margin, p.y, width - 2 * margin, p.height);
      }
      ctx.fillStyle = b.style.inverted ? '#fff' : '#000';
      ctx.font = fontOf(b.style);
      p.lines.forEach((line, i) => ctx.fillText(line, width / 2, p.y + pad + i * p.lineHeight + p.ascent));
    }
  }
}
