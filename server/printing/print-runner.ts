// The server's side of the print worker thread (print-worker.ts): started on first use, one
// request at a time per call, restarted after a crash. A worker that dies fails its pending jobs
// with PRINT_FAILED rather than leaving a kiosk waiting.
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { PaperWidth } from '@core/config.ts';
import { PrintError } from '../../printer/escpos.ts';
import type { PrinterModel, PrintErrorCode } from '../../printer/escpos.ts';
import type { TicketPrint } from '../../printer/render.ts';
import type { TestPagePrint } from '../../printer/test-page.ts';

export type WorkerRequest =
  | { id: number; kind: 'network'; ticket: TicketPrint; width: PaperWidth; model: PrinterModel; url: string; timeoutMs: number }
  | { id: number; kind: 'bytes'; ticket: TicketPrint; width: PaperWidth; model: PrinterModel }
  | { id: number; kind: 'test-page'; page: TestPagePrint };

export type WorkerReply =
  | { id: number; ok: true; bytes: number; escpos: Uint8Array | null }
  | { id: number; ok: false; code: PrintErrorCode; detail: string };

/** A request before it gets its id (Omit kept distributive over the union). */
type Request = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

const BOOT = new URL('./print-worker-boot.mjs', import.meta.url);

export class PrintRunner {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: WorkerReply) => void>();

  constructor(private readonly log: Logger) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(BOOT);
    worker.unref(); // never what keeps the process alive
    worker.on('message', (reply: WorkerReply) => {
      const settle = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      settle?.(reply);
    });
    worker.on('error', (err) => this.log.error({ err }, 'print worker failed'));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      if (this.pending.size > 0) this.log.error({ code, pending: this.pending.size }, 'print worker stopped with jobs pending');
      for (const [id, settle] of this.pending) settle({ id, ok: false, code: 'PRINT_FAILED', detail: `print worker stopped (${code})` });
      this.pending.clear();
    });
    this.worker = worker;
    return worker;
  }

  private call(request: Request): Promise<WorkerReply & { ok: true }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) => (reply.ok ? resolve(reply) : reject(new PrintError(reply.code, reply.detail))));
      this.ensure().postMessage({ ...request, id });
    });
  }

  /** Renders, encodes and sends a ticket to a network printer; resolves with the bytes sent. */
  async printNetwork(ticket: TicketPrint, width: PaperWidth, model: PrinterModel, url: string, timeoutMs: number): Promise<{ bytes: number }> {
    const reply = await this.call({ kind: 'network', ticket, width, model, url, timeoutMs });
    return { bytes: reply.bytes };
  }

  /** The ticket as ESC/POS bytes, for a printer bridge; also warms the worker up. */
  async escpos(ticket: TicketPrint, width: PaperWidth, model: PrinterModel): Promise<Uint8Array> {
    const reply = await this.call({ kind: 'bytes', ticket, width, model });
    return reply.escpos!;
  }

  /** An admin's test page as ESC/POS bytes (its width and model are on the page). */
  async testPageBytes(page: TestPagePrint): Promise<Uint8Array> {
    const reply = await this.call({ kind: 'test-page', page });
    return reply.escpos!;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
