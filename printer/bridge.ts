// The printer bridge: runs on a kiosk PC whose receipt printer is local (USB, serial, or a
// network printer the server cannot reach). It connects to the server as a device of kind
// "printer", receives print jobs (the ticket already rendered and encoded as ESC/POS by the
// server), sends them to its printer with node-thermal-printer and acknowledges each one. A job
// it has already handled is acknowledged again, not printed again.
import type { Logger } from 'pino';
import { io as connectSocket } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { PrintJobSchema } from '@core/protocol.ts';
import type { BridgeAck, ClientToServerEvents, ServerToClientEvents } from '@core/protocol.ts';
import { classifyPrintError, sendTicketBytes } from './escpos.ts';

/** Jobs remembered for answering a repeated job without printing it again. */
const REMEMBERED_JOBS = 500;

export interface BridgeOptions {
  server: string;
  token: string;
  /** tcp://host:9100, or a device path such as /dev/usb/lp0 */
  printer: string;
  timeoutMs?: number;
  logger: Logger;
}

export interface Bridge {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** Resolves when the server refuses the token or hands it to another bridge. */
  ended: Promise<{ code: 'DEVICE_REVOKED' | 'DEVICE_IN_USE' | 'UNAUTHENTICATED'; message: string }>;
  printed: number;
  close(): void;
}

export function startBridge(options: BridgeOptions): Bridge {
  const log = options.logger;
  const socket: Bridge['socket'] = connectSocket(options.server, { auth: { deviceToken: options.token }, transports: ['websocket'] });
  const handled = new Map<string, Promise<BridgeAck>>();
  let line: Promise<unknown> = Promise.resolve();
  let endedWith: (why: Awaited<Bridge['ended']>) => void = () => {};
  const bridge: Bridge = {
    socket, printed: 0, ended: new Promise((resolve) => { endedWith = resolve; }),
    close: () => { socket.close(); },
  };

  const print = async (escpos: Uint8Array, jobId: string, number: string): Promise<BridgeAck> => {
    const started = performance.now();
    try {
      const { bytes } = await sendTicketBytes(escpos, { interface: options.printer, timeoutMs: options.timeoutMs });
      bridge.printed += 1;
      log.info({ jobId, number, bytes, ms: Math.round(performance.now() - started) }, 'printed');
      return { ok: true, data: { bytes } };
    } catch (err) {
      const failure = classifyPrintError(err);
      log.warn({ jobId, number, code: failure.code, detail: failure.detail }, 'could not print');
      return { ok: false, code: failure.code, detail: failure.detail.slice(0, 300) };
    }
  };

  socket.on('print:job', (raw, ack) => {
    const parsed = PrintJobSchema.safeParse(raw);
    const reply = typeof ack === 'function' ? ack : () => {};
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.slice(0, 3) }, 'malformed print job');
      return reply({ ok: false, code: 'PRINT_FAILED', detail: 'malformed print job' });
    }
    const job = parsed.data;
    let outcome = handled.get(job.jobId);
    if (outcome) {
      log.info({ jobId: job.jobId }, 'job already handled; acknowledging again without printing');
    } else {
      // One job at a time: the printer takes one connection at a time.
      outcome = line.then(() => print(job.escpos, job.jobId, job.ticketNumber));
      line = outcome;
      handled.set(job.jobId, outcome);
      if (handled.size > REMEMBERED_JOBS) handled.delete(handled.keys().next().value!);
    }
    void outcome.then(reply);
  });

  socket.on('connect', () => log.info({ server: options.server, printer: options.printer }, 'connected to the server'));
  socket.on('disconnect', (reason) => log.warn({ reason }, 'disconnected; reconnecting'));
  socket.on('device:replaced', (refusal) => {
    log.error({ code: refusal.code }, refusal.message);
    socket.close();
    endedWith({ code: 'DEVICE_IN_USE', message: refusal.message });
  });
  socket.on('connect_error', (err) => {
    const data = (err as Error & { data?: { code?: string; message?: string } }).data;
    if (data?.code === 'DEVICE_REVOKED' || data?.code === 'UNAUTHENTICATED') {
      log.error({ code: data.code }, data.message ?? err.message);
      socket.close();
      endedWith({ code: data.code, message: data.message ?? err.message });
      return;
    }
    log.warn({ err: err.message }, 'cannot reach the server; retrying');
  });
  return bridge;
}
