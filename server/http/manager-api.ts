// The manager's REST API (docs/api.md, "Manager API"): the live floor, reports with filters,
// CSV/XLSX exports, the notice line, and the dossier bridge's state with "retry now".
// Managers and admins only (session cookie or bearer token).
import { once } from 'node:events';
import express from 'express';
import type { Request, Response, Router } from 'express';
import { ExportQuerySchema, NoticeBodySchema, ReportQuerySchema } from '@core/protocol.ts';
import { reportTables } from '@core/report-tables.ts';
import { bookingTable } from '@core/booking/report-table.ts';
import type { BookingRangeFigures } from '@core/booking/report-table.ts';
import { bookingFigures } from '@core/booking/report.ts';
import { TICKET_COLUMNS, TICKET_SHEET, ticketExportCells } from '@core/ticket-export.ts';
import type { ReportOptions } from '@core/reports.ts';
import type { Logger } from 'pino';
import { ROLE_GROUPS } from '@core/protocol.ts';
import type { AccountService } from '../auth/accounts.ts';
import type { PrincipalLookup } from '../auth/principal.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { ManagerDesk } from '../manager/desk.ts';
import type { QueueService } from '../queue/queue-service.ts';
import { validationError } from '../refusals.ts';
import { ReportService } from '../reports/report-service.ts';
import type { Store } from '../store/store.ts';
import { csvHeader, csvLine, XlsxWriter } from '../export/files.ts';
import { apiErrorHandler, fail } from './respond.ts';
import { requireRole, userOf } from './require-role.ts';

export interface ManagerApiDeps {
  accounts: PrincipalLookup & Pick<AccountService, 'displayName' | 'user'>;
  store: Pick<Store, 'listDays'>;
  queue: Pick<QueueService, 'current'>;
  config: LiveConfig;
  desk: ManagerDesk;
  logger: Logger;
  /** The booking figures of a range (server/booking/report-figures.ts), for the exports' "Đặt lịch" table. */
  bookingFigures?: (from: string, to: string) => Promise<BookingRangeFigures>;
}


function attachment(res: Response, name: string, type: string): void {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  res.setHeader('Cache-Control', 'no-store');
}

export function managerRouter(deps: ManagerApiDeps): Router {
  const { accounts, store, queue, config, desk, logger } = deps;
  const api = express.Router();
  api.use(requireRole(accounts, ROLE_GROUPS.managers));
  api.use(express.json({ limit: '16kb' }));
  const names = {
    officerName: (id: string | null) => accounts.displayName(id),
    officerUsername: (id: string | null) => (id ? accounts.user(id)?.username ?? null : null),
  };

  api.get('/live', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true, data: desk.live() });
  });

  api.get('/options', async (_req, res) => {
    const cfg = config.current;
    const days = await store.listDays();
    const data: ReportOptions = {
      today: queue.current.day,
      firstDay: days[0] ?? queue.current.day,
      departments: cfg.departments.map((d) => ({ code: d.code, nameVi: d.nameVi, nameEn: d.nameEn })),
      services: cfg.services.map((s) => ({ code: s.code, departmentCode: s.departmentCode, nameVi: s.nameVi, nameEn: s.nameEn, prefix: s.prefix })),
      counters: cfg.counters.map((c) => ({ number: c.number, nameVi: c.nameVi, nameEn: c.nameEn })),
      officers: desk.reports.officers().filter((o) => o.role === 'officer').map(({ id, name }) => ({ id, name })),
      ratingLevels: cfg.rating.levels,
    };
    res.json({ ok: true, data });
  });

  api.get('/reports', async (req, res) => {
    const checked = desk.reports.check(ReportQuerySchema, req.query);
    if (!checked.ok) return res.status(checked.status).json(checked.error);
    const { report, meta } = await desk.reports.report(checked.value.query);
    res.set('Cache-Control', 'no-store').json({ ok: true, data: { report, meta } });
  });

  api.get('/reports/export.:format', async (req, res) => {
    const format = req.params.format;
    if (format !== 'csv' && format !== 'xlsx') return fail(res, 'NOT_FOUND', {}, 404);
    const checked = desk.reports.check(ExportQuerySchema, req.query);
    if (!checked.ok) return res.status(checked.status).json(checked.error);
    const { query, extra } = checked.value;
    const { report } = await desk.reports.report(query);
    if (report.totals.issued === 0) return fail(res, 'NO_DATA', { from: query.from, to: query.to }, 404);
    const tables = reportTables(report, names.officerUsername);
    // The booking figures of the same days (whole center: the filters do not apply to bookings).
    const bookings = bookingTable(deps.bookingFigures ? await deps.bookingFigures(query.from, query.to) : { total: bookingFigures([], () => null), days: [] });
    tables.push(bookings);
    const records = async function* () {
      for await (const t of desk.reports.tickets(query)) yield ticketExportCells(t, config.index, names);
    };
    if (format === 'csv') {
      const variant = extra.variant;
      const ext = variant === 'excel-vi' ? 'excel-vi.csv' : 'csv';
      attachment(res, ReportService.exportFileName(query, extra.table, ext), 'text/csv; charset=utf-8; header=present');
      // Which CSV this is, for a program; a person sees it in the file name.
      res.setHeader('X-Luot-Csv-Variant', variant);
      if (extra.table === 'tickets') {
        res.write(csvHeader(TICKET_COLUMNS, variant));
        // Wait for a slow client rather than holding a whole range in memory.
        for await (const cells of records()) if (!res.write(csvLine(cells, TICKET_COLUMNS, variant))) await once(res, 'drain');
      } else {
        const table = tables.find((t) => t.id === extra.table)!;
        res.write(csvHeader(table.columns, variant));
        for (const row of table.rows) res.write(csvLine(row, table.columns, variant));
      }
      return res.end();
    }
    attachment(res, ReportService.exportFileName(query, 'workbook', 'xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = await XlsxWriter.open(res);
    for (const t of tables) if (t.id !== 'bookings' || t.rows.length > 0) book.table(t);
    const sheet = book.sheet(TICKET_SHEET, TICKET_COLUMNS);
    for await (const cells of records()) sheet.add(cells);
    sheet.end();
    await book.finish();
  });

  api.put('/notice', async (req, res) => {
    const parsed = NoticeBodySchema.safeParse(req.body);
    if (!parsed.success) return res.status(400).json(validationError(parsed.error));
    const user = userOf(res);
    const notice = await desk.notice.set(parsed.data.notice, { id: user.id, username: user.username });
    res.json({ ok: true, data: { notice } });
  });

  api.get('/export/status', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true, data: desk.bridge.status() });
  });

  api.post('/export/retry', (_req, res) => {
    res.json({ ok: true, data: desk.bridge.retryNow() });
  });

  api.use((_req, res) => fail(res, 'NOT_FOUND', {}, 404));
  api.use(apiErrorHandler(logger, 'manager-api'));
  return api;
}
