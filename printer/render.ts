// The printed ticket as a monochrome raster image. Thermal printers' text modes cannot print
// Vietnamese reliably (DESIGN.md §4), so the whole ticket is drawn with the bundled font and sent
// as an image: 576 dots wide for 80 mm paper, 384 for 58 mm.
import { createCanvas } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import type { PaperWidth } from '@core/config.ts';
import { fill } from '@core/i18n.ts';
import type { Params, Text } from '@core/i18n.ts';
import { printedTicket as t } from '@core/text/kiosk.ts';
import { localDay, localTimeOfDay } from '@core/time.ts';
import type { Block } from './layout.ts';
import { draw, fitSize, measure, registerTicketFonts } from './layout.ts';
import { printedLogo } from './logo.ts';

/** Everything printed on a ticket, already chosen and translated by the caller. */
export interface TicketPrint {
  centerName: string;
  number: string;
  serviceName: string;
  departmentName: string;
  /** Name of the priority category, or null for a normal ticket. */
  priorityName: string | null;
  /** A booked ticket's slot ("Đặt lịch"); an early arrival is told it is served from the slot's start. */
  booking?: { slotStart: number; slotEnd: number } | null;
  /** Result pick-up: the dossier code from the receipt. */
  dossierCodes?: string[];
  /** The procedure chosen at the kiosk's search, or none (printed under the service). */
  procedureName?: string | null;
  counters: number[];
  ahead: number;
  etaMin: number | null;
  issuedAt: number;
  /** Full URL of the phone status page: the QR code. */
  statusUrl: string;
  /** The center's logo as a data URL (printed small, in black and white, at the top), or none. */
  logo?: string | null;
  /**
   * Present when the citizen used the kiosk in English: every line is then printed in English too,
   * beneath the Vietnamese one (which stays, for the officer and the board).
   */
  english?: { centerName: string; serviceName: string; departmentName: string; priorityName: string | null };
}

export interface RenderedTicket {
  png: Buffer;
  width: PaperWidth;
  height: number;
}

/** A monochrome image as RGBA bytes (each pixel 0,0,0,255 or 255,255,255,255). */
export interface Bitmap {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** Luminance below this prints black. Anti-aliased edges round to the nearer side. */
const THRESHOLD = 170;

const vi = (text: Text, params: Params = {}) => fill(text.vi, params, 'vi');
const en = (text: Text, params: Params = {}) => fill(text.en, params, 'en');

function localDate(at: number): string {
  const [y, m, d] = localDay(at).split('-');
  return `${d}/${m}/${y}`;
}

export function ticketBlocks(ticket: TicketPrint, width: PaperWidth, numberSize: number): Block[] {
  const k = width / 576;
  const px = (n: number) => Math.round(n * k);
  // Text below ~15 dots loses strokes to the threshold on 58 mm paper.
  const fs = (n: number) => Math.max(15, px(n));
  const english = ticket.english;
  /** A Vietnamese line, and on an English-mode ticket its English line beneath, smaller and plain. */
  const line = (text: Text, params: Params, style: { size: number; bold?: boolean; inverted?: boolean }, enParams: Params = params): Block[] => {
    const blocks: Block[] = [{ kind: 'text', text: vi(text, params), style }];
    if (english) blocks.push({ kind: 'text', text: en(text, enParams), style: { size: Math.max(15, Math.round(style.size * 0.75)), inverted: style.inverted } });
    return blocks;
  };
  const plain = (vi: string, en: string | undefined, style: { size: number; bold?: boolean }): Block[] =>
    english && en && en !== vi ? [{ kind: 'text', text: vi, style }, { kind: 'text', text: en, style: { size: Math.max(15, Math.round(style.size * 0.8)) } }]
      : [{ kind: 'text', text: vi, style }];
  const qr = QRCode.create(ticket.statusUrl, { errorCorrectionLevel: 'M' });
  // At least 4 dots (0.5 mm) per module, so a cheap phone camera still reads it.
  const moduleSize = Math.max(4, Math.floor(px(200) / qr.modules.size));
  const logo = printedLogo(ticket.logo, width);
  const blocks: Block[] = logo ? [{ kind: 'image', image: logo.canvas, width: logo.width, height: logo.height }, { kind: 'gap', height: px(10) }] : [];
  const time = { time: localTimeOfDay(ticket.issuedAt), date: localDate(ticket.issuedAt) };
  const eta = ticket.etaMin === null ? t.etaNoCounter : ticket.etaMin === 0 ? t.etaNone : t.eta;
  blocks.push(
    ...plain(ticket.centerName.toLocaleUpperCase('vi'), english?.centerName.toLocaleUpperCase('en'), { size: fs(24), bold: true }),
    { kind: 'gap', height: px(10) },
    { kind: 'rule', thickness: Math.max(2, px(3)) },
    { kind: 'gap', height: px(14) },
    { kind: 'text', text: vi(t.title), style: { size: fs(36), bold: true } },
    // The title has always carried its English line: an English ticket prints it larger.
    { kind: 'text', text: en(t.title), style: { size: english ? fs(26) : fs(18), bold: !!english } },
    { kind: 'text', text: ticket.number, style: { size: numberSize, bold: true } },
  );
  if (ticket.priorityName) {
    blocks.push(...line(t.priority, { name: ticket.priorityName }, { size: fs(24), bold: true, inverted: true }, { name: english?.priorityName ?? ticket.priorityName }));
    blocks.push({ kind: 'gap', height: px(10) });
  }
  if (ticket.booking) {
    const { slotStart, slotEnd } = ticket.booking;
    blocks.push(...line(t.booked, { start: localTimeOfDay(slotStart), end: localTimeOfDay(slotEnd) }, { size: fs(24), bold: true, inverted: true }));
    if (ticket.issuedAt < slotStart) blocks.push(...line(t.servedFrom, { time: localTimeOfDay(slotStart) }, { size: fs(24), bold: true }));
    blocks.push({ kind: 'gap', height: px(10) });
  }
  blocks.push(
    ...line(t.service, { name: ticket.serviceName }, { size: fs(28), bold: true }, { name: english?.serviceName ?? ticket.serviceName }),
    ...plain(ticket.departmentName, english?.departmentName, { size: fs(22) }),
  );
  if (ticket.procedureName) blocks.push({ kind: 'text', text: vi(t.procedure, { name: ticket.procedureName }), style: { size: fs(22) } });
  for (const code of ticket.dossierCodes ?? []) blocks.push(...line(t.dossier, { code }, { size: fs(22), bold: true }));
  blocks.push({ kind: 'gap', height: px(8) });
  if (ticket.counters.length > 0) blocks.push(...line(t.counters, { list: ticket.counters.join(', ') }, { size: fs(24) }));
  blocks.push(
    ...line(t.ahead, { n: ticket.ahead }, { size: fs(26), bold: true }),
    ...line(eta, { n: ticket.etaMin ?? 0 }, { size: fs(22) }),
    { kind: 'gap', height: Math.max(px(14), 4 * moduleSize) },
    { kind: 'qr', modules: qr.modules, moduleSize },
    { kind: 'gap', height: Math.max(px(10), 4 * moduleSize) },
    ...line(t.scan, {}, { size: fs(20) }),
    ...line(t.issuedAt, time, { size: fs(22) }),
    { kind: 'gap', height: px(10) },
    { kind: 'rule', thickness: Math.max(1, px(2)) },
    { kind: 'gap', height: px(10) },
    { kind: 'text', text: vi(t.closing), style: { size: fs(22), bold: true } },
    { kind: 'text', text: en(t.closing), style: { size: english ? fs(20) : fs(17), bold: !!english } },
  );
  return blocks;
}

/** Pure black or white, nothing in between: what a thermal head can print. */
export function threshold(data: Uint8ClampedArray): void {
  // The drawing is black on white, so the green channel alone tells dark from light.
  for (let i = 0; i < data.length; i += 4) {
    const v = data[i + 1]! < THRESHOLD ? 0 : 255;
    data[i] = v;
    data[i + 1] = v;
    data[i + 2] = v;
    data[i + 3] = 255;
  }
}

function paint(ticket: TicketPrint, width: PaperWidth) {
  registerTicketFonts();
  const margin = Math.round(16 * (width / 576));
  const scratch = createCanvas(width, 16).getContext('2d');
  const numberSize = fitSize(scratch, ticket.number, true, Math.round(150 * (width / 576)), width - 2 * margin);
  // Decomposed input (a base letter plus combining marks) would draw marks the font may misplace.
  const nfc: TicketPrint = {
    ...ticket,
    centerName: ticket.centerName.normalize('NFC'),
    serviceName: ticket.serviceName.normalize('NFC'),
    departmentName: ticket.departmentName.normalize('NFC'),
    priorityName: ticket.priorityName?.normalize('NFC') ?? null,
    procedureName: ticket.procedureName?.normalize('NFC') ?? null,
    ...(ticket.english ? {
      english: {
        centerName: ticket.english.centerName.normalize('NFC'),
        serviceName: ticket.english.serviceName.normalize('NFC'),
        departmentName: ticket.english.departmentName.normalize('NFC'),
        priorityName: ticket.english.priorityName?.normalize('NFC') ?? null,
      },
    } : {}),
  };
  const blocks = ticketBlocks(nfc, width, numberSize);
  const layout = measure(scratch, blocks, width, margin);
  const canvas = createCanvas(width, layout.height);
  const ctx = canvas.getContext('2d');
  draw(ctx, layout, width, margin);
  const image = ctx.getImageData(0, 0, width, layout.height);
  threshold(image.data);
  return { canvas, ctx, image };
}

/** The ticket as the printer receives it: monochrome pixels, no file format in between. */
export function renderTicketBitmap(ticket: TicketPrint, width: PaperWidth = 576): Bitmap {
  const { image } = paint(ticket, width);
  return { width, height: image.height, rgba: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength) };
}

/** The ticket as a PNG file (for a printer bridge, the emulator, a person to look at). */
export async function renderTicket(ticket: TicketPrint, width: PaperWidth = 576): Promise<RenderedTicket> {
  const { canvas, ctx, image } = paint(ticket, width);
  ctx.putImageData(image, 0, 0);
  return { png: await canvas.encode('png'), width, height: image.height };
}
