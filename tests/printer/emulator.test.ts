// A print job through node-thermal-printer over real TCP into the printer emulator, which
// decodes the ESC/POS raster back into an image: what arrives is exactly what was rendered.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { renderTicket } from '../../printer/render.ts';
import { PrintError, printTicketImage, ticketBytes } from '../../printer/escpos.ts';
import { decodeEscPos } from '../../printer/escpos-decode.ts';
import { startPrinterEmulator } from '../../printer/emulator.ts';
import type { PrinterEmulator } from '../../printer/emulator.ts';
import { SAMPLE } from './sample.ts';

let outDir: string;
let emulator: PrinterEmulator;
beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'luot-printed-'));
  emulator = await startPrinterEmulator({ port: 0, outDir });
});
afterEach(async () => {
  await emulator.close();
  await rm(outDir, { recursive: true, force: true });
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('printing to the emulator over TCP', () => {
  it.each([576, 384] as const)('a %i-dot ticket arrives pixel for pixel, cut, with nothing the printer would not understand', async (width) => {
    const rendered = await renderTicket(SAMPLE, width);
    const sent = await printTicketImage(rendered.png, { interface: emulator.url });
    const received = await emulator.waitForTicket(1);

    expect(sent.bytes).toBe((await ticketBytes(rendered.png)).length);
    expect(received.bytes).toBe(sent.bytes);
    expect(received.cut).toBe(true);
    expect(received.unknown).toEqual([]);
    expect(received.width).toBe(width);
    expect(received.height).toBe(rendered.height);
    const original = PNG.sync.read(rendered.png);
    const printed = PNG.sync.read(received.png);
    expect(Buffer.compare(printed.data, original.data)).toBe(0);
    expect(jsQR(new Uint8ClampedArray(printed.data), printed.width, printed.height)?.data).toBe(SAMPLE.statusUrl);
  });

  it('writes one PNG per ticket into its folder, numbering on after a restart', async () => {
    const { png } = await renderTicket(SAMPLE, 384);
    await printTicketImage(png, { interface: emulator.url });
    await printTicketImage(png, { interface: emulator.url });
    await emulator.waitForTicket(2);
    await emulator.close();
    emulator = await startPrinterEmulator({ port: 0, outDir });
    await printTicketImage(png, { interface: emulator.url });
    const third = await emulator.waitForTicket(1);
    expect(third.seq).toBe(3);
    expect((await readdir(outDir)).sort()).toEqual(['ticket-0001.png', 'ticket-0002.png', 'ticket-0003.png']);
    expect(Buffer.compare(await readFile(third.file!), third.png)).toBe(0);
  });

  it('a printer that refuses the connection is reported as offline', async () => {
    const { png } = await renderTicket(SAMPLE, 576);
    const error = await printTicketImage(png, { interface: `tcp://127.0.0.1:${await closedPort()}`, timeoutMs: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrintError);
    expect((error as PrintError).code).toBe('PRINTER_OFFLINE');
  });
});

describe('the ESC/POS decoder', () => {
  it('reads raster bands, scaling, feeds, text and both kinds of cut, and names what it does not know', () => {
    const bytes = Buffer.from([
      0x1b, 0x40, 0x1b, 0x61, 0x01, 0x41, 0x42, 0x0a, // init, centre, "AB", LF
      0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x02, 0x00, 0b10000001, 0b01000000, // 8×2 normal
      0x1d, 0x76, 0x30, 0x01, 0x01, 0x00, 0x01, 0x00, 0b10000000, // 8×1 double width → 16 wide
      0x1b, 0x64, 0x04, 0x1d, 0x56, 0x42, 0x03, // feed 4 lines, feed-and-cut (one extra byte)
      0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x01, 0x00, 0xff, 0x1d, 0x56, 0x00, // a second page
      0x1b, 0x99, // unknown
    ]);
    const { pages, unknown } = decodeEscPos(bytes);
    expect(pages).toHaveLength(2);
    const [first, second] = pages;
    expect(first!.text).toBe('AB\n');
    expect(first!.feeds).toBe(5);
    expect(first!.cut).toBe(true);
    expect(first!.rasters.map((r) => [r.width, r.height])).toEqual([[8, 2], [16, 1]]);
    expect(Array.from(first!.rasters[0]!.dots)).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(first!.rasters[1]!.dots.subarray(0, 4))).toEqual([1, 1, 0, 0]);
    expect(second!.rasters[0]!.dots.every((d) => d === 1)).toBe(true);
    expect(unknown).toEqual(['@46: 1b 99']);
  });

  it('reports a raster cut short instead of reading past the end', () => {
    const { unknown } = decodeEscPos(Buffer.from([0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0xff]));
    expect(unknown[0]).toContain('raster cut short');
  });
});
