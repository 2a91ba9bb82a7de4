// POST /api/hub/records/batch: a site's consecutive record versions in one request, stored in one
// transaction (hub/ingest.ts ingestBatch). The site is the one the credential names — checked
// before the body (up to 4 MB) is read at all; nothing in the body can name another site. A batch
// with one invalid version is refused whole, naming that version, and nothing of it is stored: the
// site's outbox then sends the batch's versions one at a time, so only the bad one waits.
import express from 'express';
import type { Request, RequestHandler } from 'express';
import type pg from 'pg';
import type { Logger } from 'pino';
import { RecordBatch } from '@core/hub-protocol.ts';
import { Refusal, bearerOf, handler, parse, refuse } from './http.ts';
import { ingestBatch } from './ingest.ts';
import type { IngestOutcome } from './ingest.ts';
import type { Sites } from './sites.ts';

export interface RecordBatchDeps { pool: pg.Pool; sites: Sites; logger: Logger }

/** Room for 500 versions with long comments; a site sends ~1 MB at most. */
const BODY_LIMIT = '4mb';

/** The batch, or a refusal that says which version is at fault, in words a person reads. */
export function parseBatch(body: unknown): RecordBatch {
  const r = RecordBatch.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const [field, index, ...rest] = issue.path;
  if (field === 'records' && typeof index === 'number') {
    const entry: unknown = Array.isArray((body as { records?: unknown }).records) ? (body as { records: unknown[] }).records[index] : null;
    const key = entry && typeof entry === 'object' && typeof (entry as { key?: unknown }).key === 'string' ? (entry as { key: string }).key : '—';
    throw new Refusal('BAD_RECORD_IN_BATCH', { n: index + 1, key, detail: `${rest.join('.') || '—'}: ${issue.message}` });
  }
  return parse(RecordBatch, body); // the batch as a whole (not a list, empty, too long): its own message
}

export function recordBatchRoute(deps: RecordBatchDeps): RequestHandler[] {
  const siteOf = new WeakMap<Request, string>();
  const siteFirst: RequestHandler = (req, res, next) => {
    deps.sites.authenticate(bearerOf(req)).then((site) => {
      siteOf.set(req, site);
      next();
    }, (err: unknown) => (err instanceof Refusal ? refuse(res, err.code, err.params) : next(err)));
  };
  const store = handler(deps.logger, async (req): Promise<{ outcomes: IngestOutcome[] }> => {
    const batch = parseBatch(req.body);
    return { outcomes: await ingestBatch(deps.pool, siteOf.get(req)!, batch.records) };
  });
  return [siteFirst, express.json({ limit: BODY_LIMIT }), store];
}
