// Printing for managers over REST (mounted before the main API router):
//   GET  /api/print/faults              tickets that could not be printed, newest first
//   POST /api/print/reprint {ticketId, requestId}   print a waiting ticket again at its kiosk
import express from 'express';
import type { Request, Response, Router } from 'express';
import { actionText, statusText } from '@core/i18n.ts';
import { commandSchemas } from '@core/protocol.ts';
import type { AppContext } from '../context.ts';
import { ackError, httpStatus, validationError } from '../realtime/acks.ts';
import { sessionTokenFromCookie } from '../http/cookies.ts';
import { issuedView } from '../queue/ticket-views.ts';
import { statusUrlOf } from './ticket-print.ts';

function isManager(ctx: AppContext, req: Request): 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' {
  const header = req.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : sessionTokenFromCookie(req.headers.cookie);
  const user = token ? ctx.accounts.userBySession(token) : null;
  if (!user) return 'UNAUTHENTICATED';
  return user.role === 'manager' || user.role === 'admin' ? 'ok' : 'FORBIDDEN';
}

function refuse(res: Response, refusal: ReturnType<typeof ackError>): void {
  res.status(httpStatus(refusal.code)).json(refusal);
}

export function printRouter(ctx: AppContext): Router {
  const router = express.Router();
  router.use(express.json({ limit: '4kb' }));
  router.use((req, res, next) => {
    const allowed = isManager(ctx, req);
    if (allowed !== 'ok') return refuse(res, ackError(allowed));
    next();
  });

  router.get('/faults', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true, data: ctx.printing.faults().reverse() });
  });

  router.post('/reprint', async (req, res) => {
    const parsed = commandSchemas['ticket:reprint'].safeParse(req.body);
    if (!parsed.success) return refuse(res, validationError(parsed.error));
    const ticket = ctx.queue.ticket(parsed.data.ticketId);
    if (!ticket) return refuse(res, ackError('TICKET_NOT_FOUND'));
    if (ticket.status !== 'waiting') return refuse(res, ackError('INVALID_TRANSITION', { action: actionText.reprint, status: statusText[ticket.status] }));
    const kiosk = ticket.source.deviceId ? ctx.accounts.device(ticket.source.deviceId) : undefined;
    if (!kiosk || kiosk.kind !== 'kiosk') return refuse(res, ackError('PRINTER_NOT_CONFIGURED'));
    const issued = issuedView(ctx.queue.current, ctx.queue.config, ticket);
    const job = await ctx.printing.printAndWait({
      kiosk, issued, key: `reprint:${parsed.data.requestId}`,
      statusUrl: statusUrlOf(ctx.publicUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`, issued.statusPath),
    });
    res.json({ ok: true, data: job });
  });

  router.use((err: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') return refuse(res, ackError('PAYLOAD_TOO_LARGE'));
    if (type === 'entity.parse.failed') return refuse(res, ackError('VALIDATION_FAILED'));
    ctx.logger.child({ module: 'printing' }).error({ err }, 'unexpected printing API error');
    refuse(res, ackError('INTERNAL'));
  });
  return router;
}
