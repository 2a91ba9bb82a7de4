// A network receipt printer on loopback (port 9100 by default): receives ESC/POS over TCP like a
// real one, decodes the raster images and writes each cut ticket as a PNG, so a person can look
// at the printed ticket and tests can check it. Each connection is one print job, as
// node-thermal-printer sends them; the job is decoded when the sender closes the connection.
import { EventEmitter } from 'node:events';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { decodeEscPos, pageImage } from './escpos-decode.ts';

export interface EmulatedTicket {
  /** 1, 2, 3… in arrival order (continuing the numbers already in the output folder). */
  seq: number;
  /** The PNG file written, or null without an output folder. */
  file: string | null;
  png: Buffer;
  width: number;
  height: number;
  /** Bytes of the connection that carried it. */
  bytes: number;
  cut: boolean;
  text: string;
  unknown: string[];
  /** performance.now() and Date.now() when the job's last byte arrived. */
  lastByteAt: number;
  receivedAt: number;
}

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** Folder for ticket-0001.png…; null keeps tickets in memory only. */
  outDir?: string | null;
}

export class PrinterEmulator extends EventEmitter<{ ticket: [EmulatedTicket]; error: [Error] }> {
  readonly tickets: EmulatedTicket[] = [];
  private seq = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((socket) => this.receive(socket));
  port = 0;

  constructor(private readonly options: EmulatorOptions = {}) {
    super();
  }

  async start(): Promise<this> {
    const outDir = this.options.outDir;
    if (outDir) {
      await mkdir(outDir, { recursive: true });
      const numbers = (await readdir(outDir)).map((n) => /^ticket-(\d+)\.png$/.exec(n)?.[1]).filter((n): n is string => !!n).map(Number);
      this.seq = Math.max(0, ...numbers);
    }
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 9100, this.options.host ?? '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `tcp://${this.options.host ?? '127.0.0.1'}:${this.port}`;
  }

  private receive(socket: Socket): void {
    this.sockets.add(socket);
    const chunks: Buffer[] = [];
    let lastByteAt = 0;
    let receivedAt = 0;
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      lastByteAt = performance.now();
      receivedAt = Date.now();
    });
    socket.on('error', () => {}); // a sender that resets the connection is not the printer's fault
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (chunks.length === 0) return; // a connection check (isPrinterConnected) sends nothing
      this.finishJob(Buffer.concat(chunks), lastByteAt, receivedAt).catch((err: unknown) => this.emit('error', err as Error));
    });
  }

  private async finishJob(bytes: Buffer, lastByteAt: number, receivedAt: number): Promise<void> {
    const decoded = decodeEscPos(bytes);
    for (const page of decoded.pages) {
      const image = pageImage(page);
      if (image.height === 0) continue;
      const png = new PNG({ width: image.width, height: image.height });
      image.rgba.copy(png.data);
      const encoded = PNG.sync.write(png);
      const seq = ++this.seq;
      const file = this.options.outDir ? join(this.options.outDir, `ticket-${String(seq).padStart(4, '0')}.png`) : null;
      if (file) await writeFile(file, encoded);
      const ticket: EmulatedTicket = {
        seq, file, png: encoded, width: image.width, height: image.height, bytes: bytes.length,
        cut: page.cut, text: page.text, unknown: decoded.unknown, lastByteAt, receivedAt,
      };
      this.tickets.push(ticket);
      this.emit('ticket', ticket);
    }
  }

  /** Resolves with the n-th ticket (1-based) once it has arrived. */
  waitForTicket(n: number, timeoutMs = 10_000): Promise<EmulatedTicket> {
    const have = this.tickets[n - 1];
    if (have) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('ticket', onTicket);
        reject(new Error(`printer emulator: ticket ${n} did not arrive within ${timeoutMs} ms (have ${this.tickets.length})`));
      }, timeoutMs);
      const onTicket = () => {
        const t = this.tickets[n - 1];
        if (!t) return;
        clearTimeout(timer);
        this.off('ticket', onTicket);
        resolve(t);
      };
      this.on('ticket', onTicket);
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function startPrinterEmulator(options: EmulatorOptions = {}): Promise<PrinterEmulator> {
  return new PrinterEmulator(options).start();
}
