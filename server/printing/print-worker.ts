// The print worker thread: renders tickets, encodes them as ESC/POS (node-thermal-printer:
// printImageBuffer, cut) and, for network printers, sends them (execute). A ticket costs ~100 ms
// of CPU; done here, it never holds up the server's event loop, where calls and acks wait.
import { parentPort } from 'node:worker_threads';
import { classifyPrintError, printTicketImage, ticketBytes } from '../../printer/escpos.ts';
import { renderTicketBitmap } from '../../printer/render.ts';
import { renderTestPageBitmap } from '../../printer/test-page.ts';
import type { WorkerReply, WorkerRequest } from './print-runner.ts';

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  try {
    switch (req.kind) {
      case 'network': {
        const image = renderTicketBitmap(req.ticket, req.width);
        const { bytes } = await printTicketImage(image, { interface: req.url, model: req.model, timeoutMs: req.timeoutMs });
        return { id: req.id, ok: true, bytes, escpos: null };
      }
      case 'bytes': {
        const escpos = await ticketBytes(renderTicketBitmap(req.ticket, req.width), req.model);
        return { id: req.id, ok: true, bytes: escpos.length, escpos: new Uint8Array(escpos) };
      }
      case 'test-page': {
        const escpos = await ticketBytes(renderTestPageBitmap(req.page), req.page.model);
        return { id: req.id, ok: true, bytes: escpos.length, escpos: new Uint8Array(escpos) };
      }
    }
  } catch (err) {
    const failure = classifyPrintError(err);
    return { id: req.id, ok: false, code: failure.code, detail: failure.detail };
  }
}

parentPort?.on('message', (req: WorkerRequest) => {
  void handle(req).then((reply) => parentPort?.postMessage(reply));
});
