// What sites send of their bookings (core/hub-bookings.ts), and the province's booking report.
// Ingestion is one upsert per version, idempotent by (site, booking code): the highest revision is
// kept, the same or an older one is answered 2xx and changes nothing, so a site's outbox sending
// again after a crash or a lost answer is harmless. The site is the one the credential names.
import type express from 'express';
import type pg from 'pg';
import { BookingEnvelope } from '@core/hub-bookings.ts';
import { bearerOf, parse, queryList } from './http.ts';
import type { handler } from './http.ts';
import { BookingReportQuery } from './bookings-report.ts';
import type { HubBookingReport } from './bookings-report.ts';
import type { IngestOutcome } from './ingest.ts';
import type { Sites } from './sites.ts';
import type { HubUsers } from './users.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function ingestBooking(pool: pg.Pool, site: string, e: BookingEnvelope): Promise<IngestOutcome> {
  const b = e.booking;
  const res = await pool.query<{ inserted: boolean }>(
    `INSERT INTO bookings AS t (site_code, key, revision, day, slot_start, slot_end, department_code, department_name, service_code,
       service_name, procedure_code, status, source, ticket_number, ticket_issued_at, ticket_called_at, created_at, updated_at, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
     ON CONFLICT (site_code, key) DO UPDATE SET
       revision = EXCLUDED.revision, day = EXCLUDED.day, slot_start = EXCLUDED.slot_start, slot_end = EXCLUDED.slot_end,
       department_code = EXCLUDED.department_code, department_name = EXCLUDED.department_name, service_code = EXCLUDED.service_code,
       service_name = EXCLUDED.service_name, procedure_code = EXCLUDED.procedure_code, status = EXCLUDED.status, source = EXCLUDED.source,
       ticket_number = EXCLUDED.ticket_number, ticket_issued_at = EXCLUDED.ticket_issued_at, ticket_called_at = EXCLUDED.ticket_called_at,
       created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, body = EXCLUDED.body, received_at = now()
     WHERE t.revision < EXCLUDED.revision
     RETURNING (xmax = 0) AS inserted`,
    [site, e.key, e.revision, b.day, iso(b.slotStart), iso(b.slotEnd), b.departmentCode, b.departmentName, b.serviceCode,
      b.serviceName, b.procedureCode, b.status, b.source, b.ticket?.number ?? null, iso(b.ticket?.issuedAt ?? null),
      iso(b.ticket?.calledAt ?? null), iso(b.createdAt), iso(b.updatedAt), JSON.stringify(b)]);
  const row = res.rows[0];
  return !row ? 'kept' : row.inserted ? 'stored' : 'updated';
}


export function bookingQueryOf(req: express.Request): BookingReportQuery {
  return parse(BookingReportQuery, { from: req.query.from, to: req.query.to, sites: queryList(req.query.sites), services: queryList(req.query.services) });
}

/** The bookings' routes on the hub: the sites' ingestion and the province's report. */
export function mountBookings(app: express.Express, deps: {
  pool: pg.Pool; sites: Sites; users: HubUsers; h: (fn: Parameters<typeof handler>[1]) => express.RequestHandler;
  /** The province's booking report, run among the hub's other reports (at most three at once). */
  report: (q: BookingReportQuery) => Promise<HubBookingReport>;
}): void {
  const { pool, sites, users, h, report } = deps;
  app.post('/api/hub/bookings', h(async (req) => {
    const site = await sites.authenticate(bearerOf(req));
    return { outcome: await ingestBooking(pool, site, parse(BookingEnvelope, req.body)) };
  }));
  app.get('/api/hub/bookings-report', h(async (req) => {
    await users.require(req, ['admin', 'manager']);
    return report(bookingQueryOf(req));
  }));
}
