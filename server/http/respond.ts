// What every REST router answers the same way: a refusal in the shared shape, a body checked by
// its zod schema (400 with the schema's Vietnamese messages), and an admin's configuration change
// (applied through the configuration service, answered with the whole new configuration).
import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { ZodType } from 'zod';
import type { ConfigEdit } from '@core/admin-config.ts';
import type { ErrorCode, Params } from '@core/i18n.ts';
import type { Actor, ConfigService } from '../admin/config-service.ts';
import { UNKNOWN_FIELD, unknownKeys, unreadableBodyIssue } from '@core/request-problems.ts';
import { ackError, httpStatus, validationError } from '../refusals.ts';

export function fail(res: Response, code: ErrorCode, params: Params = {}, status = httpStatus(code)): void {
  res.status(status).json(ackError(code, params));
}

/**
 * The parsed value, or null once a 400 with the problems has been sent. A field the schema does
 * not know is refused at any depth, not dropped (core/request-problems.ts).
 */
export function parseOr400<T>(schema: ZodType<T>, value: unknown, res: Response): T | null {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    res.status(400).json(validationError(parsed.error));
    return null;
  }
  const unknown = unknownKeys(value, parsed.data);
  if (unknown.length === 0) return parsed.data;
  res.status(400).json(ackError('VALIDATION_FAILED', {}, unknown.map((path) => ({ path, message: UNKNOWN_FIELD }))));
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

/**
 * The last handler of every API router: a request the server could not read is the client's
 * mistake (400, or 413 for a body over the limit), with the same codes as everywhere; anything
 * else is INTERNAL, logged in full, and its text never leaves the server. Express and its body
 * parsers mark the client's mistakes with a 4xx `status`: bad JSON, an unknown charset or
 * encoding, a gzip body that is not gzip, bad percent-encoding in a path parameter.
 */
export function apiErrorHandler(logger: Logger, module: string): ErrorRequestHandler {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = clientErrorStatus(err);
    if (res.headersSent) {
      if (status === null) logger.error({ err, module }, 'unexpected API error after the answer started');
      // A file already under way cannot become a JSON error any more: cut it, so it is not taken for whole.
      return res.destroy();
    }
    if (status === 413) return fail(res, 'PAYLOAD_TOO_LARGE');
    if (status !== null) {
      const type = err instanceof URIError ? 'uri' : (err as { type?: unknown }).type;
      return void res.status(400).json(ackError('VALIDATION_FAILED', {}, [{ path: '', message: unreadableBodyIssue(typeof type === 'string' ? type : null) }]));
    }
    logger.error({ err, module }, 'unexpected API error');
    fail(res, 'INTERNAL');
  };
}

/** The 4xx an error carries when it is the client's mistake, else null. */
export function clientErrorStatus(err: unknown): number | null {
  if (err instanceof URIError) return 400;
  const status = (err as { status?: unknown; statusCode?: unknown } | null)?.status ?? (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}

/**
 * The last handler of the whole app, for pages and files: a short page with no stack and no
 * path, whatever NODE_ENV says (express's own handler prints the stack outside production).
 */
export function pageErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = clientErrorStatus(err) ?? 500;
    if (status === 500) logger.error({ err, module: 'http' }, 'unexpected error');
    if (res.headersSent) return res.destroy();
    res.status(status).set('Cache-Control', 'no-store').type('html').send(
      `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lượt</title><body style="font:20px system-ui;margin:3rem">`
      + (status === 500
        ? '<p>Đã có lỗi xảy ra, xin vui lòng thử lại.</p><p lang="en">Something went wrong; please try again.</p>'
        : '<p>Địa chỉ không hợp lệ.</p><p lang="en">This address is not valid.</p>')
      + '</body></html>',
    );
  };
}
