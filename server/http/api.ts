// The REST API (docs/api.md): health, catalog, tickets for integrations, public ticket status,
// sign-in, and device management for admins. Every body is validated; errors use the same codes
// and texts as socket acks.
import { randomUUID } from 'node:crypto';
import express from 'express';
import type { Request, Response, Router } from 'express';
import type { ZodType } from 'zod';
import type { Logger } from 'pino';
import { CreateDeviceBodySchema, IssueTicketBodySchema, LoginBodySchema, ROLE_GROUPS } from '@core/protocol.ts';
import type { AccountService } from '../auth/accounts.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { Clock } from '../deps.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { ScreenViews } from '../realtime/snapshots.ts';
import { issuedView } from '../queue/ticket-views.ts';
import { clearedSessionCookie, sessionCookie } from './cookies.ts';
import type { TicketStatusLookup } from './ticket-status.ts';
import { deviceLink } from './links.ts';
import { apiErrorHandler, fail, parseOr400 } from './respond.ts';
import { bearerOrCookieToken, principalOf, principalOfRequest, requireRole } from './require-role.ts';

const body = <T>(req: Request, res: Response, schema: ZodType<T>): T | null => parseOr400(schema, req.body, res);

export interface ApiDeps {
  accounts: Pick<AccountService, 'userBySession' | 'deviceByToken' | 'isRevokedDeviceToken' | 'login' | 'logout' | 'devices' | 'createDevice' | 'revokeDevice'>;
  queue: Pick<QueueService, 'current' | 'execute'>;
  config: LiveConfig;
  views: ScreenViews;
  lookupTicketStatus: TicketStatusLookup;
  /** Closes every screen of a revoked device, or of a session signed out, at once. */
  disconnect: { device(id: string): void; session(token: string): void };
  clock: Clock;
  logger: Logger;
  newId: () => string;
}

export function apiRouter(deps: ApiDeps): Router {
  const { accounts, queue, config, clock } = deps;
  const requireAdmin = requireRole(accounts, ROLE_GROUPS.admins);
  const api = express.Router();
  api.use(express.json({ limit: '16kb' }));

  // New at each start of the app, in-process restarts included: how a screen knows one happened.
  const bootId = randomUUID();
  api.get('/health', (_req, res) => {
    res.json({ ok: true, data: { day: queue.current.day, time: clock.now(), uptimeSec: Math.round(process.uptime()), bootId } });
  });

  api.get('/catalog', (_req, res) => {
    res.json({ ok: true, data: deps.views.catalog() });
  });

  api.post('/tickets', requireRole(accounts, ROLE_GROUPS.kiosks), async (req, res) => {
    const p = principalOf(res);
    if (p.kind !== 'device') return fail(res, 'FORBIDDEN');
    const input = body(req, res, IssueTicketBodySchema);
    if (!input) return;
    const result = await queue.execute({
      type: 'issue', id: deps.newId(), serviceCode: input.serviceCode, priority: input.priority,
      source: { kind: 'api', deviceId: p.device.id, requestId: input.requestId }, phone: input.phone,
    });
    if (!result.ok) return fail(res, result.code, result.params);
    res.status(201).json({ ok: true, data: issuedView(queue.current, config.index, result.ticket!, clock.now()) });
  });

  api.get('/tickets/:id/status', async (req, res) => {
    const status = await deps.lookupTicketStatus(String(req.params.id));
    if (!status) return fail(res, 'TICKET_NOT_FOUND');
    res.set('Cache-Control', 'no-store').json({ ok: true, data: status });
  });

  api.post('/auth/login', async (req, res) => {
    const input = body(req, res, LoginBodySchema);
    if (!input) return;
    // A sign-in's answer carries the session token: no cache, no proxy may keep it.
    res.set('Cache-Control', 'no-store');
    const result = await accounts.login(input.username, input.password, req.ip ?? 'unknown');
    if (result.ok === false && result.code === 'TOO_MANY_ATTEMPTS') {
      res.set('Retry-After', String(result.seconds));
      return fail(res, result.code, { seconds: result.seconds });
    }
    if (!result.ok) return fail(res, result.code);
    const { user, token } = result;
    res.setHeader('Set-Cookie', sessionCookie(token, 14 * 24 * 3600));
    res.json({ ok: true, data: { token, user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, counters: user.counters } } });
  });

  api.post('/auth/logout', async (req, res) => {
    const token = bearerOrCookieToken(req);
    if (token) {
      await accounts.logout(token);
      // Signing out ends what that sign-in opened: an open console must not go on acting.
      deps.disconnect.session(token);
    }
    res.setHeader('Set-Cookie', clearedSessionCookie());
    res.json({ ok: true, data: null });
  });

  api.get('/auth/me', (req, res) => {
    res.set('Cache-Control', 'no-store');
    const p = principalOfRequest(accounts, req);
    if (!p) return fail(res, 'UNAUTHENTICATED');
    if (p.kind === 'user') {
      const { id, username, displayName, role, counters } = p.user;
      return res.json({ ok: true, data: { kind: 'user', id, username, displayName, role, counters } });
    }
    const { id, kind, name, zone, counter } = p.device;
    res.json({ ok: true, data: { kind: 'device', id, deviceKind: kind, name, zone, counter } });
  });

  api.get('/devices', requireAdmin, (_req, res) => {
    res.json({ ok: true, data: accounts.devices().map(({ tokenHash: _hidden, ...d }) => d) });
  });

  api.post('/devices', requireAdmin, async (req, res) => {
    const input = body(req, res, CreateDeviceBodySchema);
    if (!input) return;
    if (input.kind === 'rating' && (input.counter === null || !config.index.counter.has(input.counter))) {
      return fail(res, 'UNKNOWN_COUNTER');
    }
    const { device, token } = await accounts.createDevice(input);
    const { tokenHash: _hidden, ...shown } = device;
    res.status(201).json({ ok: true, data: { device: shown, token, link: deviceLink(config, req, device.kind, token) } });
  });

  api.delete('/devices/:id', requireAdmin, async (req, res) => {
    const revoked = await accounts.revokeDevice(String(req.params.id));
    if (!revoked) return fail(res, 'NOT_FOUND');
    deps.disconnect.device(revoked.id);
    const { tokenHash: _hidden, ...shown } = revoked;
    res.json({ ok: true, data: shown });
  });

  api.use((_req, res) => fail(res, 'NOT_FOUND'));
  // Malformed JSON, oversized bodies and anything unexpected: a clear code, never a stack trace.
  api.use(apiErrorHandler(deps.logger, 'api'));
  return api;
}
