// The /book page's API (no sign-in): bookable services, days and slots with free places, make a
// booking, and find, cancel or move one with its code and phone number. Failed look-ups are
// throttled per address, so codes cannot be guessed online.
import express from 'express';
import type { Request, Response, Router } from 'express';
import type { Logger } from 'pino';
import { FindBookingSchema, MoveBookingSchema, SlotsQuerySchema, WebBookingSchema, slotStartOf } from '@core/booking/api.ts';
import { ruleFor } from '@core/booking/settings.ts';
import { addDays } from '@core/booking/slots.ts';
import type { Booking } from '@core/booking/types.ts';
import { Refusal } from '@core/refusal.ts';
import { localDay, localTimeOfDay } from '@core/time.ts';
import { LoginThrottle } from '../auth/throttle.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { Clock } from '../deps.ts';
import { apiErrorHandler, fail, parseOr400 } from '../http/respond.ts';
import { searchData } from '../search/search-data.ts';
import { CatalogSearch } from '@core/catalog-search/catalog-search.ts';
import type { CenterConfig } from '@core/config.ts';
import type { BookingService } from './booking-service.ts';
import { viewOf } from './portal-api.ts';

export interface PublicBookingDeps {
  bookings: BookingService;
  config: LiveConfig;
  clock: Clock;
  logger: Logger;
}

/** One search index per configuration (rebuilt when the catalog changes). */
const built = new WeakMap<CenterConfig, CatalogSearch>();
function searchOf(config: CenterConfig): CatalogSearch {
  let search = built.get(config);
  if (!search) {
    const data = searchData(config);
    search = new CatalogSearch({ departments: config.departments, services: config.services, procedures: data.procedures, synonyms: data.synonyms });
    built.set(config, search);
  }
  return search;
}

export function publicBookingRouter(deps: PublicBookingDeps): Router {
  const { bookings, config, clock } = deps;
  const throttle = new LoginThrottle(clock, 10, 10_000, 10 * 60_000);
  const api = express.Router();
  api.use(express.json({ limit: '8kb' }));
  api.use((_req, res, next) => { res.set('Cache-Control', 'no-store'); next(); });

  const withQr = async (b: Booking) => {
    const view = viewOf(deps, b);
    // qrcode loads at the first booking shown, not at every server start.
    const { default: QRCode } = await import('qrcode');
    return { ...view, qrSvg: await QRCode.toString(view.qr, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }) };
  };
  const who = (req: Request) => [`ip:${req.ip ?? ''}`];
  const throttled = (req: Request, res: Response): boolean => {
    const wait = throttle.waitMs(who(req));
    if (wait > 0) fail(res, 'TOO_MANY_ATTEMPTS', { seconds: Math.ceil(wait / 1000) });
    return wait > 0;
  };
  const notFound = (req: Request, res: Response) => { throttle.fail(who(req)); fail(res, 'BOOKING_NOT_FOUND'); };

  api.get('/services', (_req, res) => {
    const { index } = config;
    const settings = index.config.bookings;
    const services = settings.enabled ? index.config.services.filter((s) => s.active && ruleFor(settings, s.code).enabled) : [];
    res.json({ ok: true, data: { services: services.map((s) => ({
      code: s.code, nameVi: s.nameVi, nameEn: s.nameEn, departmentNameVi: index.department.get(s.departmentCode)?.nameVi ?? '',
    })) } });
  });

  // The kiosk's catalog search (core/catalog-search), run here: the page stays a few kilobytes.
  api.get('/search', (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 120) : '';
    const { index } = config;
    const settings = index.config.bookings;
    const bookable = new Set(index.config.services.filter((s) => s.active && settings.enabled && ruleFor(settings, s.code).enabled).map((s) => s.code));
    const procedures = new Map(index.config.procedures.map((p) => [p.code, p.name]));
    const hits = q.trim() === '' ? [] : searchOf(config.current).search(q, { limit: 8, services: bookable });
    res.json({ ok: true, data: { hits: hits.map((h) => ({
      kind: h.kind, code: h.code, serviceCode: h.serviceCode,
      name: h.kind === 'procedure' ? procedures.get(h.code) ?? h.code : index.service.get(h.code)?.nameVi ?? h.code,
      serviceName: index.service.get(h.serviceCode)?.nameVi ?? h.serviceCode,
    })) } });
  });

  api.get('/days', (req, res) => {
    const service = String(req.query.service ?? '');
    if (!config.index.service.has(service)) return fail(res, 'UNKNOWN_SERVICE', { service: service.slice(0, 24) });
    const rule = ruleFor(config.index.config.bookings, service);
    const today = localDay(clock.now());
    const days = Array.from({ length: rule.daysAhead + 1 }, (_, i) => addDays(today, i)).map((day) => {
      const places = bookings.placesOnDay(service, day);
      return { day, free: places instanceof Refusal ? 0 : places, closed: places instanceof Refusal };
    });
    res.json({ ok: true, data: { days } });
  });

  api.get('/slots', (req, res) => {
    const q = parseOr400(SlotsQuerySchema, req.query, res);
    if (!q) return;
    const slots = bookings.slots(q.service, q.day);
    if (slots instanceof Refusal) return fail(res, slots.code, slots.params);
    res.json({ ok: true, data: { day: q.day, slots: slots.map((s) => ({ time: localTimeOfDay(s.start), end: localTimeOfDay(s.end), start: s.start, free: s.free })) } });
  });

  api.post('/', async (req, res) => {
    const body = parseOr400(WebBookingSchema, req.body, res);
    if (!body) return;
    const result = await bookings.create({
      serviceCode: body.serviceCode, procedureCode: body.procedureCode, slotStart: slotStartOf(body), phone: body.phone,
      cccd: body.cccd, name: body.name, source: { kind: 'web', integration: null, reference: null },
    });
    if (result instanceof Refusal) return fail(res, result.code, result.params);
    res.status(201).json({ ok: true, data: await withQr(result.booking) });
  });

  api.post('/find', async (req, res) => {
    if (throttled(req, res)) return;
    const body = parseOr400(FindBookingSchema, req.body, res);
    if (!body) return;
    const b = bookings.find(body.code, body.phone);
    if (!b) return notFound(req, res);
    res.json({ ok: true, data: await withQr(b) });
  });

  api.post('/cancel', async (req, res) => {
    if (throttled(req, res)) return;
    const body = parseOr400(FindBookingSchema, req.body, res);
    if (!body) return;
    if (!bookings.find(body.code, body.phone)) return notFound(req, res);
    const result = await bookings.cancel(body.code, body.phone);
    if (result instanceof Refusal) return fail(res, result.code, result.params);
    res.json({ ok: true, data: await withQr(result) });
  });

  api.post('/move', async (req, res) => {
    if (throttled(req, res)) return;
    const body = parseOr400(MoveBookingSchema, req.body, res);
    if (!body) return;
    if (!bookings.find(body.code, body.phone)) return notFound(req, res);
    const result = await bookings.move(body.code, body.phone, slotStartOf(body));
    if (result instanceof Refusal) return fail(res, result.code, result.params);
    res.json({ ok: true, data: await withQr(result) });
  });

  api.use((_req, res) => fail(res, 'NOT_FOUND'));
  api.use(apiErrorHandler(deps.logger, 'book'));
  return api;
}
