// GET /api/counter/booked-name?ticket=<id> (staff): the name a booked citizen gave (the /book page
// or the portal), for the officer serving them, only when the admin turned on
// `bookings.showNameToOfficers`. Only the officer at the counter where the ticket is called or
// served gets it: the name travels in no broadcast, snapshot, board or status page, which is why
// it is asked for here instead of riding on the ticket. Answers { name: null } otherwise.
import express from 'express';
import type { Router } from 'express';
import type { Logger } from 'pino';
import { ROLE_GROUPS } from '@core/protocol.ts';
import type { PrincipalLookup } from '../auth/principal.ts';
import type { LiveConfig } from '../config/live-config.ts';
import { requireRole, userOf } from '../http/require-role.ts';
import { apiErrorHandler, fail } from '../http/respond.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { BookingService } from './booking-service.ts';

export interface OfficerNameDeps {
  accounts: PrincipalLookup;
  bookings: Pick<BookingService, 'get'>;
  queue: Pick<QueueService, 'ticket' | 'counterOfOfficer'>;
  config: LiveConfig;
  logger: Logger;
}

export function officerNameRouter(deps: OfficerNameDeps): Router {
  const api = express.Router();
  api.use(requireRole(deps.accounts, ROLE_GROUPS.staff));
  api.use((_req, res, next) => { res.set('Cache-Control', 'no-store'); next(); });
  api.get('/', (req, res) => {
    const none = () => res.json({ ok: true, data: { name: null } });
    if (!deps.config.index.config.bookings.showNameToOfficers) return none();
    const id = typeof req.query.ticket === 'string' ? req.query.ticket : '';
    const t = id ? deps.queue.ticket(id) : undefined;
    const mine = deps.queue.counterOfOfficer(userOf(res).id);
    if (!t?.booking || !mine || t.counter !== mine.number || (t.status !== 'called' && t.status !== 'serving')) return none();
    res.json({ ok: true, data: { name: deps.bookings.get(t.booking.code)?.name ?? null } });
  });
  api.use((_req, res) => fail(res, 'NOT_FOUND'));
  api.use(apiErrorHandler(deps.logger, 'booked-name'));
  return api;
}
