// Admin: the portal integrations' API keys. GET lists them (never a key), POST makes one and shows
// its key once, DELETE revokes it. Every change goes to the audit log.
import express from 'express';
import type { Router } from 'express';
import type { Logger } from 'pino';
import { ApiKeyBodySchema } from '@core/booking/api.ts';
import { ROLE_GROUPS } from '@core/protocol.ts';
import type { PrincipalLookup } from '../auth/principal.ts';
import type { Clock } from '../deps.ts';
import { requireRole, userOf } from '../http/require-role.ts';
import { apiErrorHandler, fail, parseOr400 } from '../http/respond.ts';
import type { ApiKeys } from './api-keys.ts';

export interface KeysApiDeps {
  accounts: PrincipalLookup;
  keys: ApiKeys;
  clock: Clock;
  logger: Logger;
  audit: (by: { id: string; username: string }, action: string, what: string) => Promise<void> | void;
}

export function bookingKeysRouter(deps: KeysApiDeps): Router {
  const api = express.Router();
  api.use(requireRole(deps.accounts, ROLE_GROUPS.admins));
  api.use(express.json({ limit: '4kb' }));
  api.get('/', (_req, res) => { res.set('Cache-Control', 'no-store').json({ ok: true, data: { keys: deps.keys.list() } }); });
  api.post('/', async (req, res) => {
    const body = parseOr400(ApiKeyBodySchema, req.body, res);
    if (!body) return;
    const made = await deps.keys.create(body.name, deps.clock.now());
    await deps.audit(userOf(res), 'booking-key.create', made.view.name);
    res.status(201).set('Cache-Control', 'no-store').json({ ok: true, data: made });
  });
  api.delete('/:id', async (req, res) => {
    const revoked = await deps.keys.revoke(String(req.params.id), deps.clock.now());
    if (!revoked) return fail(res, 'NOT_FOUND');
    await deps.audit(userOf(res), 'booking-key.revoke', revoked.name);
    res.json({ ok: true, data: revoked });
  });
  api.use((_req, res) => fail(res, 'NOT_FOUND'));
  api.use(apiErrorHandler(deps.logger, 'booking-keys'));
  return api;
}
