// A rendered ticket (PNG) → ESC/POS through node-thermal-printer: printImageBuffer, feed, cut.
// The image goes in bands of rows, one GS v 0 raster command each, because cheap printers choke
// on one tall raster command; the bands print back to back without a seam.
import type { ThermalPrinter as ThermalPrinterType } from 'node-thermal-printer';
import type { Bitmap } from './render.ts';

type Thermal = typeof import('node-thermal-printer');
type Png = typeof import('pngjs').PNG;
/**
 * node-thermal-printer and pngjs (with iconv-lite, ~40 files) load at the first print, not when the
 * server starts: the server imports this file for sendTicketBytes and PrintError only.
 */
let libraries: Promise<{ thermal: Thermal; PNG: Png }> | null = null;
function load(): Promise<{ thermal: Thermal; PNG: Png }> {
  libraries ??= Promise.all([import('node-thermal-printer'), import('pngjs')]).then(([t, p]) => ({
    thermal: ((t as { default?: unknown }).default ?? t) as Thermal, PNG: p.PNG,
  }));
  return libraries;
}

export const BAND_ROWS = 256;

export type PrinterModel = 'epson' | 'star';

export interface PrinterConnection {
  /** tcp://host:9100, or a device or file path such as /dev/usb/lp0 */
  interface: string;
  model?: PrinterModel;
  /** Idle time before an unanswering printer counts as offline. */
  timeoutMs?: number;
}

export type PrintErrorCode = 'PRINTER_OFFLINE' | 'PRINTER_TIMEOUT' | 'PRINT_FAILED';

/** A printing failure with the code the kiosk and managers are shown; `detail` is for logs only. */
export class PrintError extends Error {
  constructor(readonly code: PrintErrorCode, readonly detail: string) {
    super(`${code}: ${detail}`);
  }
}

/** A ticket image: a PNG file, or the bitmap straight from the renderer (no encoding round trip). */
export type TicketImage = Buffer | Bitmap;

function bitmapOf(PNG: Png, image: TicketImage): Bitmap {
  if (!Buffer.isBuffer(image)) return image;
  const png = PNG.sync.read(image);
  return { width: png.width, height: png.height, rgba: png.data };
}

/** Horizontal bands of the image, each a PNG of its own (what printImageBuffer takes). */
export async function pngBands(image: TicketImage, rows = BAND_ROWS): Promise<Buffer[]> {
  const { PNG } = await load();
  const { width, height: total, rgba } = bitmapOf(PNG, image);
  const stride = width * 4;
  const bands: Buffer[] = [];
  for (let top = 0; top < total; top += rows) {
    const height = Math.min(rows, total - top);
    const band = new PNG({ width, height });
    band.data.set(rgba.subarray(top * stride, (top + height) * stride));
    // Two-colour data: the cheapest encoding is the fastest, and the size never leaves this process.
    bands.push(PNG.sync.write(band, { deflateLevel: 1, filterType: 0 }));
  }
  return bands;
}

async function compose(printer: ThermalPrinterType, image: TicketImage): Promise<void> {
  printer.clear();
  printer.append(Buffer.from([0x1b, 0x40])); // ESC @: start from the printer's default modes
  for (const band of await pngBands(image)) await printer.printImageBuffer(band);
  // cut() feeds the paper past the cutter first (ESC d 4, twice), then cuts.
  printer.cut();
}

function model(thermal: Thermal, m: PrinterModel | undefined) {
  return m === 'star' ? thermal.PrinterTypes.STAR : thermal.PrinterTypes.EPSON;
}

/** The exact bytes a ticket becomes, without any printer (for tests and the benchmark). */
export async function ticketBytes(image: TicketImage, printerModel: PrinterModel = 'epson'): Promise<Buffer> {
  // The interface is required by the constructor but never opened here.
  const { thermal } = await load();
  const printer = new thermal.ThermalPrinter({ type: model(thermal, printerModel), interface: 'tcp://127.0.0.1:9' });
  await compose(printer, image);
  return printer.getBuffer();
}

export function classifyPrintError(err: unknown): PrintError {
  if (err instanceof PrintError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const text = err instanceof Error ? err.message : String(err);
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENOTFOUND'
    || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ENOENT' || code === 'EACCES' || code === 'ENODEV') {
    return new PrintError('PRINTER_OFFLINE', `${code} ${text}`);
  }
  // node-thermal-printer rejects with "Socket timeout" (network) or "Printer Error" (file, after 5 s).
  if (/timeout|Printer Error/i.test(text)) return new PrintError('PRINTER_TIMEOUT', text);
  return new PrintError('PRINT_FAILED', text);
}

/** Prints one ticket image and cuts; resolves with the number of bytes sent, or throws PrintError. */
export async function printTicketImage(image: TicketImage, connection: PrinterConnection): Promise<{ bytes: number }> {
  let bytes: Buffer;
  try {
    bytes = await ticketBytes(image, connection.model);
  } catch (err) {
    throw new PrintError('PRINT_FAILED', err instanceof Error ? err.message : String(err));
  }
  return sendTicketBytes(bytes, connection);
}

/**
 * Sends bytes made by ticketBytes() through node-thermal-printer's interface for the connection
 * (a printer bridge receives them ready-made, so a weak kiosk PC has nothing to compute).
 */
export async function sendTicketBytes(bytes: Uint8Array, connection: PrinterConnection): Promise<{ bytes: number }> {
  const timeoutMs = connection.timeoutMs ?? 3_000;
  const { thermal } = await load();
  let printer: ThermalPrinterType;
  try {
    printer = new thermal.ThermalPrinter({ type: model(thermal, connection.model), interface: connection.interface, options: { timeout: timeoutMs } });
    printer.setBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    throw new PrintError('PRINT_FAILED', err instanceof Error ? err.message : String(err));
  }
  // The library's own timeout is an idle timeout; this bounds the whole send as a safety net.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PrintError('PRINTER_TIMEOUT', `no completion in ${timeoutMs * 3} ms`)), timeoutMs * 3);
  });
  try {
    await Promise.race([printer.execute(), deadline]);
  } catch (err) {
    throw classifyPrintError(err);
  } finally {
    clearTimeout(timer);
  }
  return { bytes: bytes.byteLength };
}
