// How a ticket reaches paper, chosen once per printer setting: a network ESC/POS printer driven
// from here, or a printer bridge device (a kiosk PC with a USB printer) reached over Socket.IO.
// The print service only sees this interface; a new way to print is a new transport here.
import { randomBytes } from 'node:crypto';
import type { PrinterTarget } from '@core/config.ts';
import { sendTicketBytes } from '../../printer/escpos.ts';
import type { PrinterModel } from '../../printer/escpos.ts';
import type { PaperWidth } from '@core/config.ts';
import type { TicketPrint } from '../../printer/render.ts';
import { bridgeSocket, sendToBridge } from './bridge-dispatch.ts';
import type { BridgeLookup } from './bridge-dispatch.ts';
import type { PrintRunner } from './print-runner.ts';

export interface PrinterTransport {
  /** Jobs for one physical printer run one after another: this names its line. */
  readonly line: string;
  /** The printer as managers see it in faults: its address, or the bridge it goes through. */
  readonly label: string;
  readonly width: PaperWidth;
  readonly model: PrinterModel;
  /** Renders the ticket (on the print worker) and sends it; rejects with a PrintError. */
  printTicket(ticket: TicketPrint, job: { jobId: string; ticketNumber: string }): Promise<{ bytes: number }>;
  /** Sends ready-made ESC/POS bytes (a test page). */
  sendBytes(escpos: Uint8Array, label: string): Promise<{ bytes: number }>;
}

export function printerLabel(target: PrinterTarget): string {
  return target.kind === 'network' ? target.url : `bridge: ${target.bridgeDevice}`;
}

export function transportFor(target: PrinterTarget, runner: PrintRunner, bridges: BridgeLookup): PrinterTransport {
  const model: PrinterModel = target.model ?? 'epson';
  const { width, timeoutMs } = target;
  if (target.kind === 'network') {
    const { url } = target;
    return {
      line: url, label: url, width, model,
      printTicket: (ticket) => runner.printNetwork(ticket, width, model, url, timeoutMs),
      sendBytes: (escpos) => sendTicketBytes(escpos, { interface: url, model, timeoutMs }),
    };
  }
  const name = target.bridgeDevice;
  const send = (escpos: Uint8Array, jobId: string, ticketNumber: string) =>
    sendToBridge(bridgeSocket(bridges, name), { jobId, ticketNumber, escpos }, timeoutMs);
  return {
    line: `bridge:${name}`, label: printerLabel(target), width, model,
    printTicket: async (ticket, job) => send(await runner.escpos(ticket, width, model), job.jobId, job.ticketNumber),
    sendBytes: (escpos, label) => send(escpos, randomBytes(12).toString('base64url'), label),
  };
}
