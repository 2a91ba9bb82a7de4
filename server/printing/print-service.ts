// Printing kiosk tickets. Each kiosk's printer comes from the configuration (`printers`): a
// network ESC/POS printer driven from here, or a printer bridge device reached over Socket.IO.
// One request prints at most once: a repeated request (a double tap, a retry after reconnecting)
// gets the job it already started. Jobs for one printer run one after another, as a printer
// takes one connection at a time. Failures are reported to the kiosk and kept for managers.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { PrinterTarget } from '@core/config.ts';
import type { IssuedTicket, KioskSetup, PrintFault, PrintJobView } from '@core/protocol.ts';
import { PrintError } from '../../printer/escpos.ts';
import type { TestPagePrint } from '../../printer/test-page.ts';
import type { DeviceRecord } from '../auth/records.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { Clock } from '../deps.ts';
import type { EventBus } from '../events/event-bus.ts';
import { ackError } from '../refusals.ts';
import type { BridgeLookup } from './bridge-dispatch.ts';
import { PrintRunner } from './print-runner.ts';
import type { PrinterTransport } from './transport.ts';
import { transportFor } from './transport.ts';
import { sampleTicketPrint, ticketPrintOf } from './ticket-print.ts';
import type { Lang } from '@core/i18n.ts';

/** Remembered jobs (about a day of tickets); older ones are forgotten first. */
const MAX_JOBS = 5_000;
const MAX_FAULTS = 500;

export interface PrintRequest {
  /** The kiosk the ticket was issued at: its printer prints it. */
  kiosk: DeviceRecord;
  issued: IssuedTicket;
  statusUrl: string;
  /** The kiosk's language: 'en' adds the English lines (Vietnamese stays, for the officer). */
  lang?: Lang;
  /** 'issue' for the ticket's own print, or a reprint's request id. */
  key: string;
}

export interface PrintingDeps {
  /** Where printer bridges are found (connected devices of kind "printer"). */
  bridges: BridgeLookup;
  config: LiveConfig;
  /** Told of each job's end (print.finished) and of each ticket not printed (print.fault). */
  bus: EventBus;
  clock: Clock;
  logger: Logger;
}

interface JobRecord {
  view: PrintJobView;
  done: Promise<PrintJobView>;
}

export class PrintService {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly faultLog: PrintFault[] = [];
  /** Per printer, the tail of its job chain. */
  private readonly lines = new Map<string, Promise<unknown>>();
  private readonly log: Logger;
  /** Rendering and encoding run on a worker thread, off the event loop. */
  private readonly runner: PrintRunner;

  constructor(private readonly deps: PrintingDeps) {
    this.log = deps.logger.child({ module: 'printing' });
    this.runner = new PrintRunner(this.log);
  }

  targetFor(kioskName: string): PrinterTarget | null {
    return this.deps.config.current.printers[kioskName.normalize('NFC')] ?? null;
  }

  setupFor(kiosk: DeviceRecord): KioskSetup {
    const { kiosk: settings } = this.deps.config.current;
    const target = this.targetFor(kiosk.name);
    return { deviceName: kiosk.name, printing: target?.kind ?? 'none', returnAfterSec: settings.returnAfterSec, idleResetSec: settings.idleResetSec };
  }

  /** The job this request already started, if any. */
  job(ticketId: string, key: string): PrintJobView | null {
    const found = this.jobs.get(`${ticketId}:${key}`);
    return found ? { ...found.view } : null;
  }

  faults(): PrintFault[] {
    return [...this.faultLog];
  }

  /** Starts printing unless this request already did; answers with the job as it stands now. */
  print(request: PrintRequest): PrintJobView {
    return { ...this.start(request).view };
  }

  /** Like print(), but waits for the outcome (reprints, where nobody is waiting on a screen). */
  printAndWait(request: PrintRequest): Promise<PrintJobView> {
    return this.start(request).done;
  }

  private start(request: PrintRequest): JobRecord {
    const key = `${request.issued.ticket.id}:${request.key}`;
    const existing = this.jobs.get(key);
    if (existing) return existing;
    const target = this.targetFor(request.kiosk.name);
    const view: PrintJobView = {
      jobId: randomBytes(12).toString('base64url'), ticketId: request.issued.ticket.id,
      state: target ? 'printing' : 'not-configured', error: target ? null : ackError('PRINTER_NOT_CONFIGURED'), at: this.deps.clock.now(),
    };
    const record: JobRecord = { view, done: Promise.resolve({ ...view }) };
    this.remember(key, record);
    if (target) {
      const transport = this.transport(target);
      record.done = this.enqueue(transport, () => this.run(record, request, transport));
    }
    return record;
  }

  private remember(key: string, record: JobRecord): void {
    this.jobs.set(key, record);
    if (this.jobs.size > MAX_JOBS) this.jobs.delete(this.jobs.keys().next().value!);
  }

  private transport(target: PrinterTarget): PrinterTransport {
    return transportFor(target, this.runner, this.deps.bridges);
  }

  private enqueue<T>({ line }: PrinterTransport, task: () => Promise<T>): Promise<T> {
    const result = (this.lines.get(line) ?? Promise.resolve()).then(task);
    const tail = result.catch(() => {});
    this.lines.set(line, tail);
    void tail.then(() => { if (this.lines.get(line) === tail) this.lines.delete(line); });
    return result;
  }

  private async run(record: JobRecord, request: PrintRequest, transport: PrinterTransport): Promise<PrintJobView> {
    const { issued, kiosk } = request;
    const started = performance.now();
    try {
      const ticket = ticketPrintOf(this.deps.config.index, issued, request.statusUrl, request.lang ?? 'vi');
      const { bytes } = await transport.printTicket(ticket, { jobId: record.view.jobId, ticketNumber: issued.ticket.number });
      record.view = { ...record.view, state: 'printed', at: this.deps.clock.now() };
      this.log.info({ ticket: issued.ticket.number, kiosk: kiosk.name, bytes, ms: Math.round(performance.now() - started) }, 'ticket printed');
    } catch (err) {
      const failure = err instanceof PrintError ? err : new PrintError('PRINT_FAILED', String(err));
      if (!(err instanceof PrintError)) this.log.error({ err }, 'unexpected printing error');
      record.view = { ...record.view, state: 'failed', error: ackError(failure.code), at: this.deps.clock.now() };
      this.recordFault(request, transport, failure);
    }
    const view = { ...record.view };
    this.deps.bus.emit('print.finished', { kioskId: kiosk.id, view });
    return view;
  }

  private recordFault(request: PrintRequest, transport: PrinterTransport, failure: PrintError): void {
    const text = ackError(failure.code);
    const fault: PrintFault = {
      at: this.deps.clock.now(), kioskName: request.kiosk.name,
      printer: transport.label,
      ticketId: request.issued.ticket.id, ticketNumber: request.issued.ticket.number,
      code: failure.code, message: text.message, messageEn: text.messageEn,
    };
    this.faultLog.push(fault);
    if (this.faultLog.length > MAX_FAULTS) this.faultLog.shift();
    this.log.warn({ ...fault, detail: failure.detail }, 'ticket not printed');
    this.deps.bus.emit('print.fault', fault);
  }

  /**
   * Prints an admin's test page on a printer now, in its turn with that printer's tickets (a
   * printer takes one connection at a time). Resolves with the bytes the printer took; rejects
   * with a PrintError saying why it did not. Not a ticket: no fault is kept for managers.
   */
  async printTestPage(target: PrinterTarget, page: TestPagePrint): Promise<{ bytes: number }> {
    const escpos = await this.runner.testPageBytes(page);
    const transport = this.transport(target);
    return this.enqueue(transport, () => transport.sendBytes(escpos, 'IN-THU'));
  }

  /** Starts the print worker when printers are configured, so the first citizen does not wait for it. */
  async warmUp(): Promise<void> {
    const index = this.deps.config.index;
    const kinds = new Map(Object.values(index.config.printers).map((p) => this.transport(p)).map((t) => [`${t.width}:${t.model}`, t]));
    for (const t of kinds.values()) await this.runner.escpos(sampleTicketPrint(index, this.deps.clock.now()), t.width, t.model);
  }

  async close(): Promise<void> {
    await this.runner.close();
  }
}
