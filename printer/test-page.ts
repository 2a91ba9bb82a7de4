// A printer's test page, drawn like the ticket (an image, DESIGN.md §4): the center's name, which
// kiosk and printer it came from with that printer's settings, every Vietnamese tone mark, two
// rules that show the paper width, and the time. An IT person holding it knows the printer is
// reachable, set to the right paper, and prints Vietnamese as citizens will read it.
import { createCanvas } from '@napi-rs/canvas';
import type { PaperWidth } from '@core/config.ts';
import { fill } from '@core/i18n.ts';
import type { Params, Text } from '@core/i18n.ts';
import { printerTestPage as t } from '@core/text/admin-printers.ts';
import { localDay, localTimeOfDay } from '@core/time.ts';
import type { Block } from './layout.ts';
import { draw, measure, registerTicketFonts } from './layout.ts';
import type { PrinterModel } from './escpos.ts';
import type { Bitmap } from './render.ts';
import { threshold } from './render.ts';

/** What the test page says, chosen by the caller (server/printing/test-page-print.ts). */
export interface TestPagePrint {
  centerName: string;
  kioskName: string;
  printer: { kind: 'network'; url: string } | { kind: 'bridge'; bridgeDevice: string };
  width: PaperWidth;
  model: PrinterModel;
  timeoutMs: number;
  printedAt: number;
}

const vi = (text: Text, params: Params = {}) => fill(text.vi, params, 'vi');

function localDate(at: number): string {
  const [y, m, d] = localDay(at).split('-');
  return `${d}/${m}/${y}`;
}

/** 2500 → "2,5": Vietnamese writes a decimal comma. */
const seconds = (ms: number) => String(Math.round(ms / 100) / 10).replace('.', ',');

export function testPageBlocks(page: TestPagePrint): Block[] {
  const k = page.width / 576;
  const px = (n: number) => Math.round(n * k);
  const fs = (n: number) => Math.max(15, px(n));
  const rule: Block = { kind: 'rule', thickness: Math.max(2, px(3)) };
  const printer = page.printer.kind === 'network' ? vi(t.network, { url: page.printer.url }) : vi(t.bridge, { name: page.printer.bridgeDevice.normalize('NFC') });
  return [
    { kind: 'text', text: page.centerName.normalize('NFC').toLocaleUpperCase('vi'), style: { size: fs(24), bold: true } },
    { kind: 'gap', height: px(10) },
    rule,
    { kind: 'gap', height: px(14) },
    { kind: 'text', text: vi(t.title), style: { size: fs(40), bold: true } },
    { kind: 'text', text: t.title.en, style: { size: fs(18) } },
    { kind: 'gap', height: px(12) },
    { kind: 'text', text: vi(t.kiosk, { name: page.kioskName.normalize('NFC') }), style: { size: fs(26), bold: true } },
    { kind: 'text', text: printer, style: { size: fs(22) } },
    { kind: 'text', text: vi(t.paper, { mm: page.width === 576 ? 80 : 58, dots: page.width, model: page.model === 'star' ? 'Star' : 'Epson ESC/POS' }), style: { size: fs(22) } },
    { kind: 'text', text: vi(t.timeout, { seconds: seconds(page.timeoutMs) }), style: { size: fs(22) } },
    { kind: 'gap', height: px(14) },
    { kind: 'text', text: vi(t.diacritics), style: { size: fs(22), bold: true } },
    { kind: 'text', text: vi(t.sampleUpper), style: { size: fs(26), bold: true } },
    { kind: 'text', text: vi(t.sampleLower), style: { size: fs(26) } },
    { kind: 'text', text: vi(t.sentence), style: { size: fs(22) } },
    { kind: 'gap', height: px(14) },
    rule,
    { kind: 'text', text: vi(t.ruleHelp), style: { size: fs(18) } },
    rule,
    { kind: 'gap', height: px(10) },
    { kind: 'text', text: vi(t.printedAt, { time: localTimeOfDay(page.printedAt), date: localDate(page.printedAt) }), style: { size: fs(22) } },
    { kind: 'text', text: vi(t.ok), style: { size: fs(22), bold: true } },
  ];
}

/** The test page as the printer receives it: monochrome pixels, like renderTicketBitmap. */
export function renderTestPageBitmap(page: TestPagePrint): Bitmap {
  registerTicketFonts();
  const width = page.width;
  const margin = Math.round(16 * (width / 576));
  const layout = measure(createCanvas(width, 16).getContext('2d'), testPageBlocks(page), width, margin);
  const canvas = createCanvas(width, layout.height);
  const ctx = canvas.getContext('2d');
  draw(ctx, layout, width, margin);
  const image = ctx.getImageData(0, 0, width, layout.height);
  threshold(image.data);
  return { width, height: image.height, rgba: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength) };
}
