// GET /t/<ticket id>: the public status page (no sign-in; the 120-bit id is the secret).
// `?part=status` answers only the live block, which the page's script polls.
import express from 'express';
import type { Router } from 'express';
import { randomBytes } from 'node:crypto';
import type { PublicTicketStatus } from '@core/views.ts';
import { logoUrl } from '@core/logo.ts';
import type { Logger } from 'pino';
import type { LiveConfig } from '../config/live-config.ts';
import type { Clock } from '../deps.ts';
import type { TicketStatusLookup } from '../http/ticket-status.ts';
import { notFoundPage, statusBlock, statusPage } from './render.ts';
import { STATUS_SCRIPT } from './script.ts';
import type { EstimateLog } from './estimate-log.ts';

function headers(nonce: string): Record<string, string> {
  return {
    'Cache-Control': 'no-store',
    // The id in the address is the ticket's secret: never pass it on, never index it.
    'Referrer-Policy': 'no-referrer',
    'X-Robots-Tag': 'noindex',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; script-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  };
}

export interface StatusPageDeps {
  lookupTicketStatus: TicketStatusLookup;
  config: LiveConfig;
  clock: Clock;
  logger: Logger;
  /** Where the estimates shown are noted, to be measured later. */
  estimates?: EstimateLog;
}

export function statusPageRouter({ lookupTicketStatus, config, clock, logger, estimates }: StatusPageDeps): Router {
  const router = express.Router();
  router.get('/t/:id', async (req, res) => {
    const nonce = randomBytes(12).toString('base64');
    res.set(headers(nonce)).type('html');
    let status: PublicTicketStatus | null;
    try {
      status = await lookupTicketStatus(String(req.params.id));
    } catch (err) {
      // lookupTicketStatus already treats an unreadable day file as "not found"; this is a bug.
      logger.child({ module: 'status-page' }).error({ err }, 'status lookup failed');
      return res.status(500).send(notFoundPage());
    }
    if (!status) return res.status(404).send(notFoundPage());
    const now = clock.now();
    // Written before the answer (a few bytes, only when the figure changed): what was read is on record.
    if (status.status === 'waiting') await estimates?.note(status.day, { ticketId: String(req.params.id), at: now, ahead: status.ahead, etaMin: status.etaMin });
    if (req.query.part === 'status') return res.send(statusBlock(status, now));
    const center = config.current.center;
    res.send(statusPage(status, center.nameVi, now, nonce, STATUS_SCRIPT, logoUrl(center)));
  });
  return router;
}
