// PUT /api/admin/booking-settings (admin): the whole `bookings` section (core/booking/settings.ts),
// applied live through the configuration service like every other admin change (validated as a
// whole, written, audited; the /book page and the kiosks use it from the next request).
import express from 'express';
import type { Request, Router } from 'express';
import type { Logger } from 'pino';
import { BookingSettingsSchema } from '@core/booking/settings.ts';
import { ROLE_GROUPS } from '@core/protocol.ts';
import type { PrincipalLookup } from '../auth/principal.ts';
import type { Actor, ConfigService } from '../admin/config-service.ts';
import { requireRole, userOf } from '../http/require-role.ts';
import { apiErrorHandler, configEditor, fail, parseOr400 } from '../http/respond.ts';

export function bookingSettingsRouter(deps: { accounts: PrincipalLookup; configs: ConfigService; logger: Logger }): Router {
  const api = express.Router();
  const actors = new WeakMap<Request, Actor>();
  api.use(requireRole(deps.accounts, ROLE_GROUPS.admins));
  api.use((req, res, next) => { const u = userOf(res); actors.set(req, { id: u.id, username: u.username }); next(); });
  api.use(express.json({ limit: '64kb' }));
  const edit = configEditor(deps.configs, (req) => actors.get(req)!);
  api.put('/', async (req, res) => {
    const bookings = parseOr400(BookingSettingsSchema.strict(), req.body, res);
    if (!bookings) return;
    const unknown = Object.keys(bookings.services).filter((code) => !deps.configs.current.services.some((s) => s.code === code));
    if (unknown.length > 0) return fail(res, 'UNKNOWN_SERVICE', { service: unknown.join(', ') }, 400);
    await edit(req, res, { type: 'bookings:put', bookings });
  });
  api.use((_req, res) => fail(res, 'NOT_FOUND'));
  api.use(apiErrorHandler(deps.logger, 'booking-settings'));
  return api;
}
