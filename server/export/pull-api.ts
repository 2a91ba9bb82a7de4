// GET /api/export/records?after=<cursor>&limit=<n>: the dossier system fetches service records
// instead of (or besides) receiving them. Authenticated by the export API key (EXPORT_API_KEY),
// never by a session: it is a machine's door, not a person's.
import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import type { Logger } from 'pino';
import { PullQuerySchema } from '@core/protocol.ts';
import { validationError } from '../refusals.ts';
import type { ExportBridge } from './bridge.ts';
import { fail } from '../http/respond.ts';

function keyMatches(given: string, expected: string): boolean {
  // Compared as digests: equal length, constant time, whatever was sent.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function givenKey(req: Request): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const header = req.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : null;
}


export function pullRouter(bridge: ExportBridge, logger: Logger): Router {
  const router = express.Router();
  router.get('/records', async (req, res) => {
    const expected = bridge.settings.apiKey;
    if (!expected) return fail(res, 'EXPORT_NOT_CONFIGURED', {}, 404);
    const key = givenKey(req);
    if (!key || !keyMatches(key, expected)) return fail(res, 'UNAUTHENTICATED', {}, 401);
    const parsed = PullQuerySchema.safeParse(req.query);
    if (!parsed.success) return res.status(400).json(validationError(parsed.error));
    const page = await bridge.pull(parsed.data.after, parsed.data.limit);
    res.set('Cache-Control', 'no-store').json({
      ok: true, data: { records: page.records, next: String(page.next), more: page.more },
    });
  });
  router.use((_req: Request, res: Response) => fail(res, 'NOT_FOUND', {}, 404));
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err, module: 'export' }, 'pull API failed');
    fail(res, 'INTERNAL', {}, 500);
  });
  return router;
}
