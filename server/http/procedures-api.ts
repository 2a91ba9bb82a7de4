// The procedure catalog for officers: GET /api/procedures?service=CODE, the procedures of one
// service (all of them without ?service), for the pick list when finishing a ticket.
import express from 'express';
import type { Router } from 'express';
import type { Procedure } from '@core/procedures.ts';
import type { AppContext } from '../context.ts';
import { ackError } from '../realtime/acks.ts';
import { sessionTokenFromCookie } from './cookies.ts';

export function proceduresRouter(ctx: AppContext): Router {
  const api = express.Router();
  api.get('/', (req, res) => {
    const h = req.headers.authorization;
    const token = h?.startsWith('Bearer ') ? h.slice(7).trim() : sessionTokenFromCookie(req.headers.cookie);
    if (!token || !ctx.accounts.userBySession(token)) return res.status(401).json(ackError('UNAUTHENTICATED'));
    const service = typeof req.query.service === 'string' ? req.query.service : null;
    const all = ctx.queue.config.config.procedures;
    const data: Procedure[] = service === null ? all : all.filter((p) => p.serviceCode === service);
    res.set('Cache-Control', 'no-store').json({ ok: true, data });
  });
  return api;
}
