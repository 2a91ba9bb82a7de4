// GET /api/manager/bookings?from=YYYY-MM-DD&to=YYYY-MM-DD (managers): the booking figures of a
// range (core/booking/report.ts) in total and per day. Booked tickets are read from the live day
// or the stored days, to measure their waits from the slot's start.
import express from 'express';
import type { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { bookingFigures } from '@core/booking/report.ts';
import { addDays } from '@core/booking/slots.ts';
import type { Booking } from '@core/booking/types.ts';
import { ROLE_GROUPS } from '@core/protocol.ts';
import type { DayState } from '@core/ticket.ts';
import type { PrincipalLookup } from '../auth/principal.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { Store } from '../store/store.ts';
import { requireRole } from '../http/require-role.ts';
import { apiErrorHandler, fail, parseOr400 } from '../http/respond.ts';
import type { BookingService } from './booking-service.ts';

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
    const days: string[] = [];
    for (let d = q.from; d <= q.to && days.length <= 366; d = addDays(d, 1)) days.push(d);
    if (days.length > 366) return fail(res, 'INVALID_DATE_RANGE', { reason: 'tối đa 366 ngày' });
    const states = new Map<string, DayState | null>();
    const perDay: { day: string; figures: ReturnType<typeof bookingFigures> }[] = [];
    const all: Booking[] = [];
    const tickets = new Map<string, { issuedAt: number; calledAt: number | null }>();
    for (const d of days) {
      const list = deps.bookings.listDay(d);
      if (list.length === 0) continue;
      if (list.some((b) => b.ticketId) && !states.has(d)) {
        states.set(d, d === deps.queue.current.day ? deps.queue.current : await deps.store.readDay(d).catch(() => null));
      }
      for (const b of list) {
        const t = b.ticketId ? states.get(d)?.tickets[b.ticketId] : undefined;
        if (t) tickets.set(b.code, { issuedAt: t.issuedAt, calledAt: t.calledAt ?? t.history.find((h) => h.type === 'called')?.at ?? null });
      }
      all.push(...list);
      perDay.push({ day: d, figures: bookingFigures(list, (b) => tickets.get(b.code) ?? null) });
    }
    res.set('Cache-Control', 'no-store').json({ ok: true, data: { from: q.from, to: q.to, total: bookingFigures(all, (b) => tickets.get(b.code) ?? null), days: perDay } });
  });
  api.use((_req, res) => fail(res, 'NOT_FOUND'));
  api.use(apiErrorHandler(deps.logger, 'booking-report'));
  return api;
}
