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
import type { AppContext, LuotSocket } from '../../context.ts';
import { onCommand } from '../command.ts';
import { ackError } from '../acks.ts';
import { replaceEarlierConnections } from '../device-exclusive.ts';
import { issuedView } from '../../queue/ticket-views.ts';
import { statusUrlOf } from '../../printing/ticket-print.ts';

/**
 * Issue requests still being answered, per device and request id: a double tap's second request
 * waits for the first one's answer instead of racing it (and maybe its print).
 */
const inFlight = new WeakMap<AppContext, Map<string, Promise<KioskIssuedTicket | Refusal>>>();

/** The address this kiosk reached the server at, for QR codes when PUBLIC_URL is not set. */
function originOf(socket: LuotSocket): string {
  const host = socket.handshake.headers.host ?? '';
  return `${socket.handshake.secure ? 'https' : 'http'}://${/^[A-Za-z0-9.:[\]-]{1,255}$/.test(host) ? host : 'localhost'}`;
}

export function registerKiosk(ctx: AppContext, socket: LuotSocket, deviceId: string): void {
  const device = ctx.accounts.device(deviceId);
  if (!device) return;
  replaceEarlierConnections(ctx, socket, deviceId);
  void socket.join('kiosks');
  socket.emit('kiosk:setup', ctx.printing.setupFor(device));

  const printRequest = (ticket: Ticket, key: string, lang: Lang) => {
    const issued = issuedView(ctx.queue.current, ctx.queue.config, ticket);
    return { kiosk: device, issued, statusUrl: statusUrlOf(ctx.publicUrl, originOf(socket), issued.statusPath), key, lang };
  };

  /** A repeated request after a restart: the ticket is on disk, whether it printed is not. */
  const earlierJob = (ticket: Ticket): PrintJobView => {
    const known = ctx.printing.job(ticket.id, 'issue');
    if (known) return known;
    const configured = ctx.printing.targetFor(device.name) !== null;
    return {
      jobId: `unknown-${ticket.id}`.slice(0, 64), ticketId: ticket.id, state: configured ? 'failed' : 'not-configured',
      error: ackError(configured ? 'PRINT_FAILED' : 'PRINTER_NOT_CONFIGURED'), at: ctx.clock.now(),
    };
  };

  const issue = async (p: { serviceCode: string; priority: string | null; requestId: string; lang: Lang }): Promise<KioskIssuedTicket | Refusal> => {
    const result = await ctx.queue.execute({
      type: 'issue', id: ctx.newId(), serviceCode: p.serviceCode, priority: p.priority,
      source: { kind: 'kiosk', deviceId, requestId: p.requestId },
    });
    if (!result.ok) return new Refusal(result.code, result.params);
    const ticket = result.ticket!;
    const request = printRequest(ticket, 'issue', p.lang);
    const fresh = result.events.some((e) => e.type === 'ticket:issued');
    const print = fresh ? ctx.printing.print(request) : earlierJob(ticket);
    return { ...request.issued, statusUrl: request.statusUrl, print };
  };

  onCommand(ctx, socket, 'ticket:issue', (p) => {
    let pending = inFlight.get(ctx);
    if (!pending) inFlight.set(ctx, (pending = new Map()));
    const key = `${deviceId}:${p.requestId}`;
    const running = pending.get(key);
    if (running) return running;
    const answer = issue(p).finally(() => pending.delete(key));
    pending.set(key, answer);
    return answer;
  });

  onCommand(ctx, socket, 'ticket:reprint', async ({ ticketId, requestId, lang }) => {
    const ticket = ctx.queue.ticket(ticketId);
    // Another kiosk's ticket reads as unknown: a kiosk learns nothing about other kiosks' tickets.
    if (!ticket || ticket.source.deviceId !== deviceId) return new Refusal('TICKET_NOT_FOUND');
    if (ticket.status !== 'waiting') {
      return new Refusal('INVALID_TRANSITION', { action: actionText.reprint, status: statusText[ticket.status] });
    }
    return ctx.printing.printAndWait(printRequest(ticket, `reprint:${requestId}`, lang));
  });

  // "Hủy phiếu này": a mis-tap taken back right away. The ticket is cancelled (kept, with who and
  // why), only by the kiosk that issued it, only while waiting, only within KIOSK_UNDO_SEC.
  onCommand(ctx, socket, 'ticket:undo', async ({ ticketId }) => {
    const ticket = ctx.queue.ticket(ticketId);
    if (!ticket || ticket.source.deviceId !== deviceId) return new Refusal('TICKET_NOT_FOUND');
    if (ticket.status !== 'waiting') {
      return new Refusal('INVALID_TRANSITION', { action: actionText.cancel, status: statusText[ticket.status] });
    }
    if (ctx.clock.now() - ticket.issuedAt > KIOSK_UNDO_SEC * 1000) return new Refusal('UNDO_TOO_LATE', { number: ticket.number });
    const result = await ctx.queue.execute({ type: 'cancel', ticketId, by: deviceId, reason: KIOSK_UNDO_REASON });
    return result.ok ? summarize(result.ticket!) : new Refusal(result.code, result.params);
  });
}

/** The cancel reason a kiosk's undo records (in the ticket's history and the exports). */
export const KIOSK_UNDO_REASON = 'Hủy tại kiosk ngay sau khi lấy số';
