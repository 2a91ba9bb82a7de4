// The provincial portal's REST API (docs/api.md "Bookings: the portal API"): create, read, cancel,
// list by day. Authenticated by an integration's API key (X-API-Key or Bearer), never a session;
// a key sees only its own integration's bookings. A create carries the portal's reference: the
// same request again returns the same booking (200, replayed), another request with that reference
// is refused.
import express from 'express';
import type { Request, Response, Router } from 'express';
import type { Logger } from 'pino';
import { DayQuerySchema, PortalBookingSchema, bookingCodeField, bookingView, slotStartOf } from '@core/booking/api.ts';
import { bookingQrText } from '@core/booking/codes.ts';
import type { Booking } from '@core/booking/types.ts';
import { Refusal } from '@core/refusal.ts';
import type { LiveConfig } from '../config/live-config.ts';
import { apiErrorHandler, fail, parseOr400 } from '../http/respond.ts';
import type { ApiKeys, ApiKeyView } from './api-keys.ts';
import type { BookingService } from './booking-service.ts';

export interface PortalApiDeps {
  bookings: BookingService;
  keys: ApiKeys;
  config: LiveConfig;
  logger: Logger;
}

function givenKey(req: Request): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const header = req.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : null;
}

export function viewOf(deps: { bookings: BookingService; config: LiveConfig }, b: Booking) {
  return bookingView(b, deps.config.index.service.get(b.serviceCode)?.nameVi ?? b.serviceCode, bookingQrText(deps.bookings.centerTag, b.code));
}

export function portalRouter(deps: PortalApiDeps): Router {
  const { bookings, keys } = deps;
  const api = express.Router();
  api.use((req, res, next) => {
    const key = givenKey(req);
    const integration = key ? keys.integrationOf(key) : null;
    if (!integration) return fail(res, 'API_KEY_INVALID');
    res.locals.integration = integration;
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(express.json({ limit: '16kb' }));
  const integrationOf = (res: Response) => res.locals.integration as ApiKeyView;
  /** Only this integration's bookings exist for it. */
  const own = (res: Response, code: string): Booking | null => {
    const b = bookings.get(code);
    return b && b.source.kind === 'portal' && b.source.integration === integrationOf(res).id ? b : null;
  };

  api.post('/bookings', async (req, res) => {
    const body = parseOr400(PortalBookingSchema, req.body, res);
    if (!body) return;
    const result = await bookings.create({
      serviceCode: body.serviceCode, procedureCode: body.procedureCode, slotStart: slotStartOf(body), phone: body.phone,
      cccd: body.cccd, name: body.name, source: { kind: 'portal', integration: integrationOf(res).id, reference: body.reference },
    });
    if (result instanceof Refusal) return fail(res, result.code, result.params);
    res.status(result.replayed ? 200 : 201).json({ ok: true, data: { ...viewOf(deps, result.booking), name: result.booking.name, replayed: result.replayed } });
  });

  api.get('/bookings', (req, res) => {
    const q = parseOr400(DayQuerySchema, req.query, res);
    if (!q) return;
    const list = bookings.listDay(q.day).filter((b) => b.source.kind === 'portal' && b.source.integration === integrationOf(res).id);
    res.json({ ok: true, data: { day: q.day, bookings: list.map((b) => ({ ...viewOf(deps, b), name: b.name })) } });
  });

  api.get('/bookings/:code', (req, res) => {
    const code = bookingCodeField.safeParse(req.params.code);
    const b = code.success ? own(res, code.data) : null;
    if (!b) return fail(res, 'BOOKING_NOT_FOUND');
    res.json({ ok: true, data: { ...viewOf(deps, b), name: b.name } });
  });

  api.delete('/bookings/:code', async (req, res) => {
    const code = bookingCodeField.safeParse(req.params.code);
    const b = code.success ? own(res, code.data) : null;
    if (!b) return fail(res, 'BOOKING_NOT_FOUND');
    // Cancelling twice is harmless: the second answer is the same cancelled booking.
    if (b.status === 'cancelled') return res.json({ ok: true, data: viewOf(deps, b) });
    const result = await bookings.cancel(b.code, null);
    if (result instanceof Refusal) return fail(res, result.code, result.params);
    res.json({ ok: true, data: viewOf(deps, result) });
  });

  api.use((_req, res) => fail(res, 'NOT_FOUND'));
  api.use(apiErrorHandler(deps.logger, 'portal'));
  return api;
}
