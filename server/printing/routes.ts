// Printing for managers over REST (mounted before the main API router):
//   GET  /api/print/faults              tickets that could not be printed, newest first
//   POST /api/print/reprint {ticketId, requestId}   print a waiting ticket again at its kiosk
import express from 'express';
import type { Router } from 'express';
import type { Logger } from 'pino';
import { actionText, statusText } from '@core/i18n.ts';
import { commandSchemas } from '@core/protocol.ts';
import { ROLE_GROUPS } from '@core/roles.ts';
import type { AccountService } from '../auth/accounts.ts';
import type { PrincipalLookup } from '../auth/principal.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { QueueService } from '../queue/queue-service.ts';
import { apiErrorHandler, fail, parseOr400 } from '../http/respond.ts';
import { requireRole } from '../http/require-role.ts';
import { issuedView } from '../queue/ticket-views.ts';
import type { PrintService } from './print-service.ts';
import type { Clock } from '../deps.ts';
import { statusUrlOf } from './ticket-print.ts';

export interface PrintRoutesDeps {
  accounts: PrincipalLookup & Pick<AccountService, 'device'>;
  queue: Pick<QueueService, 'ticket' | 'current'>;
  config: LiveConfig;
  printing: Pick<PrintService, 'faults' | 'printAndWait'>;
  logger: Logger;
  clock: Pick<Clock, 'now'>;
}

export function printRouter({ accounts, queue, config, printing, logger, clock }: PrintRoutesDeps): Router {
  const router = express.Router();
  router.use(express.json({ limit: '4kb' }));
  router.use(requireRole(accounts, ROLE_GROUPS.managers));

  router.get('/faults', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true, data: printing.faults().reverse() });
  });

  router.post('/reprint', async (req, res) => {
    const input = parseOr400(commandSchemas['ticket:reprint'], req.body, res);
    if (!input) return;
    const ticket = queue.ticket(input.ticketId);
    if (!ticket) return fail(res, 'TICKET_NOT_FOUND');
    if (ticket.status !== 'waiting') return fail(res, 'INVALID_TRANSITION', { action: actionText.reprint, status: statusText[ticket.status] });
    const kiosk = ticket.source.deviceId ? accounts.device(ticket.source.deviceId) : undefined;
    if (!kiosk || kiosk.kind !== 'kiosk') return fail(res, 'PRINTER_NOT_CONFIGURED');
    const issued = issuedView(queue.current, config.index, ticket, clock.now());
    const job = await printing.printAndWait({
      kiosk, issued, key: `reprint:${input.requestId}`,
      statusUrl: statusUrlOf(null, config.linkBase(`${req.protocol}://${req.get('host') ?? 'localhost'}`), issued.statusPath),
    });
    res.json({ ok: true, data: job });
  });

  router.use(apiErrorHandler(logger, 'printing'));
  return router;
}
