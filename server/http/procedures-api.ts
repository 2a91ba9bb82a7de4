// The procedure catalog for officers: GET /api/procedures?service=CODE, the procedures of one
// service (all of them without ?service), for the pick list when finishing a ticket.
import express from 'express';
import type { Router } from 'express';
import type { Procedure } from '@core/procedures.ts';
import { ROLE_GROUPS } from '@core/protocol.ts';
import type { PrincipalLookup } from '../auth/principal.ts';
import type { LiveConfig } from '../config/live-config.ts';
import { requireRole } from './require-role.ts';

export function proceduresRouter({ accounts, config }: { accounts: PrincipalLookup; config: LiveConfig }): Router {
  const api = express.Router();
  api.get('/', requireRole(accounts, ROLE_GROUPS.staff), (req, res) => {
    const service = typeof req.query.service === 'string' ? req.query.service : null;
    const all = config.current.procedures;
    const data: Procedure[] = service === null ? all : all.filter((p) => p.serviceCode === service);
    res.set('Cache-Control', 'no-store').json({ ok: true, data });
  });
  return api;
}
