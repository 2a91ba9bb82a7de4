// The hub's answers: `{ ok: true, data }` or a refusal with a code and a message in both languages.
// An unexpected error is logged and answered INTERNAL, never with its own text.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { fill } from '@core/i18n.ts';
import type { Params } from '@core/i18n.ts';
import { hubRefusal } from '@core/text/hub.ts';
import type { HubRefusalCode } from '@core/text/hub.ts';

const STATUS: Partial<Record<HubRefusalCode, number>> = {
  BAD_REQUEST: 400, NO_CREDENTIAL: 401, BAD_CREDENTIAL: 401, BAD_TOKEN: 401, NOT_SIGNED_IN: 401, BAD_LOGIN: 401,
  FORBIDDEN: 403, NOT_FOUND: 404, NO_SITE: 404, SITE_EXISTS: 409, TOO_LARGE: 413, INTERNAL: 500,
};

export class Refusal extends Error {
  constructor(readonly code: HubRefusalCode, readonly params: Params = {}) {
    super(code);
  }
}

export function refuse(res: Response, code: HubRefusalCode, params: Params = {}): void {
  const t = hubRefusal[code];
  res.status(STATUS[code] ?? 400).json({ ok: false, code, message: fill(t.vi, params, 'vi'), messageEn: fill(t.en, params, 'en') });
}

export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new Refusal('BAD_REQUEST', { detail: first ? `${first.path.join('.') || '—'}: ${first.message}` : '—' });
  }
  return r.data;
}

/** Wraps an async handler: a Refusal is answered with its code, anything else is INTERNAL. */
export function handler(logger: Logger, fn: (req: Request, res: Response) => Promise<unknown>): RequestHandler {
  return (req: Request, res: Response, _next: NextFunction) => {
    fn(req, res).then((data) => {
      if (!res.headersSent) res.json({ ok: true, data: data ?? null });
    }, (err: unknown) => {
      if (err instanceof Refusal) return refuse(res, err.code, err.params);
      logger.error({ err, path: req.path }, 'hub request failed');
      if (!res.headersSent) refuse(res, 'INTERNAL');
    });
  };
}

export function bearerOf(req: Request): string | null {
  const h = req.headers.authorization;
  return h && h.startsWith('Bearer ') ? h.slice(7).trim() : null;
}

/** A query parameter listing codes, `a,b,c`: absent or empty is none. */
export const queryList = (v: unknown): string[] => (typeof v === 'string' && v !== '' ? v.split(',') : []);
