// Kiosks: read the catalog, issue tickets, have them printed. A kiosk cannot call, serve or see
// officers' data. The ticket is durable before it is printed; a repeated request (same
// requestId) returns the same ticket and the same print job, so it is never printed twice.
import { actionText, statusText } from '@core/i18n.ts';
import type { Lang } from '@core/i18n.ts';
import type { KioskIssuedTicket, PrintJobView } from '@core/protocol.ts';
import { KIOSK_UNDO_SEC } from '@core/protocol.ts';
import { summarize } from '@core/views.ts';
import { Refusal } from '@core/refusal.ts';
import type { Ticket } from '@core/ticket.ts';
import type { Logger } from 'pino';
import type { AccountService } from '../../auth/accounts.ts';
import type { LiveConfig } from '../../config/live-config.ts';
import type { Clock } from '../../deps.ts';
import type { PrintService } from '../../printing/print-service.ts';
import type { QueueService } from '../../queue/queue-service.ts';
import { ackError } from '../../refusals.ts';
import { issuedView } from '../../queue/ticket-views.ts';
import { statusUrlOf } from '../../printing/ticket-print.ts';
import type { SocketCommands } from '../command.ts';
import { replaceEarlierConnections } from '../device-exclusive.ts';
import { rooms } from '../rooms.ts';
import type { LuotServer, LuotSocket } from '../socket-types.ts';
import type { BookingService } from '../../booking/booking-service.ts';
import type { TicketBooking } from '@core/booking/types.ts';
import { registerCheckIn } from './kiosk-check-in.ts';
import { parseCccdQr } from '@core/booking/cccd-qr.ts';
import { priorityByAge } from '@core/age-priority.ts';
import { localDay } from '@core/time.ts';

export interface KioskHandlerDeps {
  io: LuotServer;
  queue: Pick<QueueService, 'execute' | 'ticket' | 'current'>;
  config: LiveConfig;
  accounts: Pick<AccountService, 'device'>;
  printing: Pick<PrintService, 'setupFor' | 'print' | 'printAndWait' | 'job' | 'targetFor'>;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  /** Bookings checked in at the kiosk (`booking:check-in`); absent: the command is refused. */
  bookings?: BookingService;
  /** Messages to phones are on (server/messages takesPhones): a phone from the kiosk's step is kept. */
  phoneStep?: () => boolean;
}

interface IssueRequest {
  serviceCode: string;
  priority: string | null;
  requestId: string;
  procedureCode: string | null;
  lang: Lang;
  dossierCodes?: string[];
  booking?: TicketBooking;
  phone?: string;
}

/** The address this kiosk reached the server at, for QR codes when PUBLIC_URL is not set. */
function originOf(socket: LuotSocket): string {
  const host = socket.handshake.headers.host ?? '';
  return `${socket.handshake.secure ? 'https' : 'http'}://${/^[A-Za-z0-9.:[\]-]{1,255}$/.test(host) ? host : 'localhost'}`;
}

/** The kiosks' handler; one per server, as it remembers the issue requests in flight. */
export function kioskHandler(deps: KioskHandlerDeps): (socket: LuotSocket, commands: SocketCommands, deviceId: string) => void {
  /**
   * Issue requests still being answered, per device and request id: a double tap's second request
   * waits for the first one's answer instead of racing it (and maybe its print).
   */
  const inFlight = new Map<string, Promise<KioskIssuedTicket | Refusal>>();
  return (socket, commands, deviceId) => registerKiosk(deps, inFlight, socket, commands, deviceId);
}

function registerKiosk(
  deps: KioskHandlerDeps, inFlight: Map<string, Promise<KioskIssuedTicket | Refusal>>, socket: LuotSocket, commands: SocketCommands, deviceId: string,
): void {
  const { queue, config, printing, clock } = deps;
  const device = deps.accounts.device(deviceId);
  if (!device) return;
  replaceEarlierConnections(deps, socket, deviceId);
  void socket.join(rooms.kiosks);
  socket.emit('kiosk:setup', printing.setupFor(device));

  const printRequest = (ticket: Ticket, key: string, lang: Lang) => {
    const issued = issuedView(queue.current, config.index, ticket, clock.now());
    return { kiosk: device, issued, statusUrl: statusUrlOf(null, config.linkBase(originOf(socket)), issued.statusPath), key, lang };
  };

  /** A repeated request after a restart: the ticket is on disk, whether it printed is not. */
  const earlierJob = (ticket: Ticket): PrintJobView => {
    const known = printing.job(ticket.id, 'issue');
    if (known) return known;
    const configured = printing.targetFor(device.name) !== null;
    return {
      jobId: `unknown-${ticket.id}`.slice(0, 64), ticketId: ticket.id, state: configured ? 'failed' : 'not-configured',
      error: ackError(configured ? 'PRINT_FAILED' : 'PRINTER_NOT_CONFIGURED'), at: clock.now(),
    };
  };

  const issue = async (p: IssueRequest): Promise<KioskIssuedTicket | Refusal> => {
    const result = await queue.execute({
      type: 'issue', id: deps.newId(), serviceCode: p.serviceCode, priority: p.priority, procedureCode: p.procedureCode,
      source: { kind: 'kiosk', deviceId, requestId: p.requestId }, ...(p.dossierCodes ? { dossierCodes: p.dossierCodes } : {}),
      ...(p.booking ? { booking: p.booking } : {}), ...(p.phone ? { phone: p.phone } : {}),
    });
    if (!result.ok) return new Refusal(result.code, result.params);
    const ticket = result.ticket!;
    const request = printRequest(ticket, 'issue', p.lang);
    const fresh = result.events.some((e) => e.type === 'ticket:issued');
    const print = fresh ? printing.print(request) : earlierJob(ticket);
    return { ...request.issued, statusUrl: request.statusUrl, print };
  };

  /** One answer per device and request id, however often it is repeated while being answered. */
  const once = (p: IssueRequest) => {
    const key = `${deviceId}:${p.requestId}`;
    const running = inFlight.get(key);
    if (running) return running;
    const answer = issue(p).finally(() => inFlight.delete(key));
    inFlight.set(key, answer);
    return answer;
  };

  commands.on('ticket:issue', ({ phone, cccdQr, ...p }) => {
    // The phone step is offered only while messages are on; a number sent otherwise is not kept.
    const kept = phone && deps.phoneStep?.() ? phone : undefined;
    if (!cccdQr) return once({ ...p, phone: kept });
    // A walk-in who scanned the ID card: the age rule may give priority (the card is not kept).
    const card = parseCccdQr(cccdQr);
    if ('problem' in card) return new Refusal('CCCD_QR_INVALID');
    const byAge = priorityByAge(config.index.config.kiosk.agePriority, card.birthDate, localDay(clock.now()));
    return once({ ...p, priority: byAge ?? p.priority, phone: kept });
  });

  // "Nhận kết quả": the result-return service of the configuration, the receipt's dossier code attached.
  commands.on('ticket:issue-result', ({ dossierCode, requestId, lang }) => {
    const service = config.current.services.find((s) => s.resultReturn && s.active);
    if (!service) return new Refusal('NO_RESULT_SERVICE');
    return once({ serviceCode: service.code, priority: null, procedureCode: null, requestId, lang, dossierCodes: [dossierCode] });
  });

  commands.on('ticket:reprint', async ({ ticketId, requestId, lang }) => {
    const ticket = queue.ticket(ticketId);
    // Another kiosk's ticket reads as unknown: a kiosk learns nothing about other kiosks' tickets.
    if (!ticket || ticket.source.deviceId !== deviceId) return new Refusal('TICKET_NOT_FOUND');
    if (ticket.status !== 'waiting') {
      return new Refusal('INVALID_TRANSITION', { action: actionText.reprint, status: statusText[ticket.status] });
    }
    return printing.printAndWait(printRequest(ticket, `reprint:${requestId}`, lang));
  });

  // "Hủy phiếu này": a mis-tap taken back right away. The ticket is cancelled (kept, with who and
  // why), only by the kiosk that issued it, only while waiting, only within KIOSK_UNDO_SEC.
  commands.on('ticket:undo', async ({ ticketId }) => {
    const ticket = queue.ticket(ticketId);
    if (!ticket || ticket.source.deviceId !== deviceId) return new Refusal('TICKET_NOT_FOUND');
    if (ticket.status !== 'waiting') {
      return new Refusal('INVALID_TRANSITION', { action: actionText.cancel, status: statusText[ticket.status] });
    }
    if (clock.now() - ticket.issuedAt > KIOSK_UNDO_SEC * 1000) return new Refusal('UNDO_TOO_LATE', { number: ticket.number });
    const result = await queue.execute({ type: 'cancel', ticketId, by: deviceId, reason: KIOSK_UNDO_REASON });
    return result.ok ? summarize(result.ticket!) : new Refusal(result.code, result.params);
  });

  if (deps.bookings) {
    registerCheckIn(
      { bookings: deps.bookings, queue, config, clock }, commands,
      (p) => issue(p),
      (ticket, lang) => {
        const request = printRequest(ticket, 'issue', lang);
        return { ...request.issued, statusUrl: request.statusUrl, print: earlierJob(ticket) };
      },
    );
  }
}

/** The cancel reason a kiosk's undo records (in the ticket's history and the exports). */
export const KIOSK_UNDO_REASON = 'Hủy tại kiosk ngay sau khi lấy số';
