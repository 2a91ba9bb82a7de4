// The REST API (docs/api.md): health, catalog, tickets for integrations, public ticket status,
// sign-in, and device management for admins. Every body is validated; errors use the same codes
// and texts as socket acks.
import { randomUUID } from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import type { ZodType } from 'zod';
import { CreateDeviceBodySchema, IssueTicketBodySchema, LoginBodySchema } from '@core/protocol.ts';
import type { AppContext, Principal } from '../context.ts';
import { catalog } from '../realtime/snapshots.ts';
import { issuedView } from '../queue/ticket-views.ts';
import { clearedSessionCookie, sessionCookie, sessionTokenFromCookie } from './cookies.ts';
import { lookupTicketStatus } from './ticket-status.ts';
import { deviceLink } from './links.ts';
import { fail, parseOr400 } from './respond.ts';

const body = <T>(req: Request, res: Response, schema: ZodType<T>): T | null => parseOr400(schema, req.body, res);

function bearer(req: Request): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
}

function principal(ctx: AppContext, req: Request): Principal | null {
  const token = bearer(req) ?? sessionTokenFromCookie(req.headers.cookie);
  if (!token) return null;
  const user = ctx.accounts.userBySession(token);
  if (user) return { kind: 'user', user };
  const device = ctx.accounts.deviceByToken(token);
  return device ? { kind: 'device', device } : null;
}

function requireAdmin(ctx: AppContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const p = principal(ctx, req);
    if (!p) return fail(res, 'UNAUTHENTICATED');
    if (p.kind !== 'user' || p.user.role !== 'admin') return fail(res, 'FORBIDDEN');
    next();
  };
}

export function apiRouter(ctx: AppContext): Router {
  const api = express.Router();
  api.use(express.json({ limit: '16kb' }));

  // New at each start of the app, in-process restarts included: how a screen knows one happened.
  const bootId = randomUUID();
  api.get('/health', (_req, res) => {
    res.json({ ok: true, data: { day: ctx.queue.current.day, time: ctx.clock.now(), uptimeSec: Math.round(process.uptime()), bootId } });
  });

  api.get('/catalog', (_req, res) => {
    res.json({ ok: true, data: catalog(ctx) });
  });

  api.post('/tickets', async (req, res) => {
    const p = principal(ctx, req);
    if (!p) return fail(res, 'UNAUTHENTICATED');
    if (p.kind !== 'device' || p.device.kind !== 'kiosk') return fail(res, 'FORBIDDEN');
    const input = body(req, res, IssueTicketBodySchema);
    if (!input) return;
    const result = await ctx.queue.execute({
      type: 'issue', id: ctx.newId(), serviceCode: input.serviceCode, priority: input.priority,
      source: { kind: 'api', deviceId: p.device.id, requestId: input.requestId },
    });
    if (!result.ok) return fail(res, result.code, result.params);
    res.status(201).json({ ok: true, data: issuedView(ctx.queue.current, ctx.queue.config, result.ticket!) });
  });

  api.get('/tickets/:id/status', async (req, res) => {
    const status = await lookupTicketStatus(ctx, String(req.params.id));
    if (!status) return fail(res, 'TICKET_NOT_FOUND');
    res.set('Cache-Control', 'no-store').json({ ok: true, data: status });
  });

  api.post('/auth/login', async (req, res) => {
    const input = body(req, res, LoginBodySchema);
    if (!input) return;
    const result = await ctx.accounts.login(input.username, input.password, req.ip ?? 'unknown');
    if (!result.ok) return fail(res, result.code, result.code === 'TOO_MANY_ATTEMPTS' ? { seconds: result.seconds } : {});
    const { user, token } = result;
    res.setHeader('Set-Cookie', sessionCookie(token, 14 * 24 * 3600));
    res.json({ ok: true, data: { token, user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, counters: user.counters } } });
  });

  api.post('/auth/logout', async (req, res) => {
    const token = bearer(req) ?? sessionTokenFromCookie(req.headers.cookie);
    if (token) await ctx.accounts.logout(token);
    res.setHeader('Set-Cookie', clearedSessionCookie());
    res.json({ ok: true, data: null });
  });

  api.get('/auth/me', (req, res) => {
    const p = principal(ctx, req);
    if (!p) return fail(res, 'UNAUTHENTICATED');
    if (p.kind === 'user') {
      const { id, username, displayName, role, counters } = p.user;
      return res.json({ ok: true, data: { kind: 'user', id, username, displayName, role, counters } });
    }
    const { id, kind, name, zone, counter } = p.device;
    res.json({ ok: true, data: { kind: 'device', id, deviceKind: kind, name, zone, counter } });
  });

  api.get('/devices', requireAdmin(ctx), (_req, res) => {
    res.json({ ok: true, data: ctx.accounts.devices().map(({ tokenHash: _hidden, ...d }) => d) });
  });

  api.post('/devices', requireAdmin(ctx), async (req, res) => {
    const input = body(req, res, CreateDeviceBodySchema);
    if (!input) return;
    if (input.kind === 'rating' && (input.counter === null || !ctx.queue.config.counter.has(input.counter))) {
      return fail(res, 'UNKNOWN_COUNTER');
    }
    const { device, token } = await ctx.accounts.createDevice(input);
    const { tokenHash: _hidden, ...shown } = device;
    res.status(201).json({ ok: true, data: { device: shown, token, link: deviceLink(ctx, req, device.kind, token) } });
  });

  api.delete('/devices/:id', requireAdmin(ctx), async (req, res) => {
    const revoked = await ctx.accounts.revokeDevice(String(req.params.id));
    if (!revoked) return fail(res, 'NOT_FOUND');
    ctx.io.in(`device:${revoked.id}`).disconnectSockets(true);
    const { tokenHash: _hidden, ...shown } = revoked;
    res.json({ ok: true, data: shown });
  });

  api.use((_req, res) => fail(res, 'NOT_FOUND'));
  // Malformed JSON, oversized bodies and anything unexpected: a clear code, never a stack trace.
  api.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') return fail(res, 'PAYLOAD_TOO_LARGE');
    if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported') {
      return fail(res, 'VALIDATION_FAILED');
    }
    ctx.logger.error({ err }, 'unexpected API error');
    fail(res, 'INTERNAL');
  });
  return api;
}
