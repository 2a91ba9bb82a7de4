// GET /api/manager/bookings?from=YYYY-MM-DD&to=YYYY-MM-DD (managers): the booking figures of a
// range (core/booking/report.ts) in total and per day. Booked tickets are read from the live day
// or the stored days, to measure their waits from the slot's start.
import express from 'express';
import type { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { addDays } from '@core/booking/slots.ts';
import { ROLE_GROUPS } from '@core/protocol.ts';
import type { PrincipalLookup } from '../auth/principal.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { Store } from '../store/store.ts';
import { requireRole } from '../http/require-role.ts';
import { apiErrorHandler, fail, parseOr400 } from '../http/respond.ts';
import type { BookingService } from './booking-service.ts';
import { bookingFiguresOf } from './report-figures.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD');
const RangeSchema = z.strictObject({ from: day, to: day }).refine((r) => r.from <= r.to, 'ngày bắt đầu phải trước ngày kết thúc');

export interface BookingReportDeps {
  accounts: PrincipalLookup;
  bookings: BookingService;
  queue: Pick<QueueService, 'current'>;
  store: Pick<Store, 'readDay'>;
  logger: Logger;
}

export function bookingReportRouter(deps: BookingReportDeps): Router {
  const api = express.Router();
  api.use(requireRole(deps.accounts, ROLE_GROUPS.managers));
  api.get('/', async (req, res) => {
    const q = parseOr400(RangeSchema, req.query, res);
    if (!q) return;
    let count = 0;
    for (let d = q.from; d <= q.to && count <= 366; d = addDays(d, 1)) count += 1;
    if (count > 366) return fail(res, 'INVALID_DATE_RANGE', { reason: 'tối đa 366 ngày' });
    res.set('Cache-Control', 'no-store').json({ ok: true, data: await bookingFiguresOf(deps, q.from, q.to) });
  });
  api.use((_req, res) => fail(res, 'NOT_FOUND'));
  api.use(apiErrorHandler(deps.logger, 'booking-report'));
  return api;
}
