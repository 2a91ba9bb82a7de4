// What every REST router answers the same way: a refusal in the shared shape, a body checked by
// its zod schema (400 with the schema's Vietnamese messages), and an admin's configuration change
// (applied through the configuration service, answered with the whole new configuration).
import type { Request, Response } from 'express';
import type { ZodType } from 'zod';
import type { ConfigEdit } from '@core/admin-config.ts';
import type { ErrorCode, Params } from '@core/i18n.ts';
import type { Actor, ConfigService } from '../admin/config-service.ts';
import { ackError, httpStatus, validationError } from '../refusals.ts';

export function fail(res: Response, code: ErrorCode, params: Params = {}, status = httpStatus(code)): void {
  res.status(status).json(ackError(code, params));
}

/** The parsed value, or null once a 400 with the problems has been sent. */
export function parseOr400<T>(schema: ZodType<T>, value: unknown, res: Response): T | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  res.status(400).json(validationError(parsed.error));
  return null;
}

export type EditResponder = (req: Request, res: Response, edit: ConfigEdit) => Promise<void>;

/** Applies an admin's edit and answers with the whole new configuration, or the refusal. */
export function configEditor(configs: ConfigService, actor: (req: Request) => Actor): EditResponder {
  return async (req, res, edit) => {
    const result = await configs.change(actor(req), edit);
    if (!result.ok) return void res.status(result.status).json(result.refusal);
    res.json({ ok: true, data: result.config });
  };
}
