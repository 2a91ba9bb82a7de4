// createHub(deps): the province hub, built from what it is given (a pool on a migrated database, a
// clock, a logger). main.ts gives it the real ones; tests start it on port 0.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type pg from 'pg';
import type { Logger } from 'pino';
import { z } from 'zod';
import { CatalogReport, ProvinceCatalogSchema } from '@core/hub-catalog.ts';
import type { SiteCatalogAnswer } from '@core/hub-catalog.ts';
import { EnrolRequest, FloorSummary, RecordEnvelope, SiteCode } from '@core/hub-protocol.ts';
import { problemText } from '@core/hub-catalog-sheets.ts';
import { useVietnameseZodMessages } from '@core/zod-vietnamese.ts';
import { bookingQueryOf, mountBookings } from './bookings.ts';
import { bookingReport } from './bookings-report.ts';
import type { BookingReportQuery } from './bookings-report.ts';
import { Catalog } from './catalog.ts';
import { catalogWorkbook, readCatalogWorkbook } from './catalog-xlsx.ts';
import { Refusal, bearerOf, handler, parse, queryList, refuse } from './http.ts';
import { ingestFloor, ingestRecord } from './ingest.ts';
import { siteOverview } from './overview.ts';
import { recordBatchRoute } from './records-route.ts';
import { provinceReport as rollupReport } from './report-rollup.ts';
import { HubReportQuery, dossierRatings } from './reports.ts';
import { Sites } from './sites.ts';
import { reportNames, writeReportXlsx } from './xlsx.ts';
import { HubUsers } from './users.ts';

export interface HubDeps {
  pool: pg.Pool;
  logger: Logger;
  now?: () => number;
  /** The built apps (dist/): the dashboard is served at /province when its page is there. */
  distDir?: string;
}

export interface Hub {
  http: HttpServer;
  sites: Sites;
  users: HubUsers;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

const Login = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
const NewSite = z.object({ code: SiteCode, name: z.string().trim().min(1).max(200) });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function createHub(deps: HubDeps): Hub {
  const now = deps.now ?? (() => Date.now());
  // Refusals quote zod's issue messages: in Vietnamese, as at a site (core/zod-vietnamese.ts).
  useVietnameseZodMessages();
  const log = deps.logger.child({ module: 'hub' });
  const { pool } = deps;
  const sites = new Sites(pool, now);
  const users = new HubUsers(pool, now);
  const h = (fn: Parameters<typeof handler>[1]) => handler(log, fn);
  // A report holds at most two connections of the pool at once (the booking report one): at most
  // three reports run together, so ingestion always has connections left and reports never wait on
  // each other for the second one.
  let running = 0;
  const waiting: (() => void)[] = [];
  const limited = async <T>(report: () => Promise<T>): Promise<T> => {
    // A slot is handed straight to the next in line, so none is taken twice.
    if (running >= 3) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try { return await report(); } finally { const next = waiting.shift(); if (next) next(); else running -= 1; }
  };
  const provinceReport = (p: pg.Pool, q: HubReportQuery) => limited(() => rollupReport(p, q));
  const provinceBookings = (q: BookingReportQuery) => limited(() => bookingReport(pool, q));
  const catalog = new Catalog(pool);
  const app = express();
  app.disable('x-powered-by');
  // ── The province catalog (docs/hub.md): published by a hub admin, pulled by the sites ────────────
  // Its own body limit (ten thousand procedures), before the general one; the admin is checked
  // before a large body is read at all.
  const adminFirst: express.RequestHandler = (req, res, next) => {
    users.require(req, ['admin']).then(() => next(), (err: unknown) => (err instanceof Refusal ? refuse(res, err.code, err.params) : next(err)));
  };
  app.put('/api/hub/catalog', adminFirst, express.json({ limit: '8mb' }), h(async (req) => {
    const user = await users.require(req, ['admin']);
    return catalog.publish(parse(ProvinceCatalogSchema, req.body), user.username);
  }));
  // The same catalog as a workbook, for the province's managers who work in Excel (hub/catalog-xlsx.ts).
  app.get('/api/hub/catalog.xlsx', h(async (req, res) => {
    await users.require(req, ['admin', 'manager']);
    const latest = await catalog.latest();
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="danh-muc-tinh-${latest ? `v${latest.version}` : 'mau'}.xlsx"`);
    res.setHeader('Cache-Control', 'no-store');
    res.end(await catalogWorkbook(latest));
  }));
  app.put('/api/hub/catalog.xlsx', adminFirst, express.raw({ type: () => true, limit: '8mb' }), h(async (req) => {
    const user = await users.require(req, ['admin']);
    const read = await readCatalogWorkbook(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    if (!read.ok) throw new Refusal('BAD_WORKBOOK', { detail: problemText(read.problem, 'vi'), detailEn: problemText(read.problem, 'en') });
    return catalog.publish(read.catalog, user.username);
  }));
  // A site's batch of records: its own body limit, the credential checked before the body is read.
  app.post('/api/hub/records/batch', ...recordBatchRoute({ pool, sites, logger: log }));
  app.use(express.json({ limit: '256kb' }));
  app.get('/api/hub/catalog', h(async (req) => {
    await users.require(req, ['admin', 'manager']);
    return { latest: await catalog.latest(), sites: await catalog.sites() };
  }));
  app.get('/api/hub/site-catalog', h(async (req): Promise<SiteCatalogAnswer> => {
    await sites.authenticate(bearerOf(req));
    const after = Number(req.query.after ?? 0);
    const latest = await catalog.latest();
    if (!latest) return { version: null, catalog: null };
    return { version: latest.version, catalog: Number.isFinite(after) && latest.version <= after ? null : latest.catalog };
  }));
  app.post('/api/hub/site-catalog/report', h(async (req) => {
    const site = await sites.authenticate(bearerOf(req));
    await catalog.report(site, parse(CatalogReport, req.body));
  }));
  app.get('/api/hub/audit', h(async (req) => {
    await users.require(req, ['admin']);
    return catalog.audit(200);
  }));

  // ── Sites speak with their credential ─────────────────────────────────────────────────────────
  app.post('/api/hub/enrol', h(async (req) => sites.enrol(parse(EnrolRequest, req.body).token)));
  app.post('/api/hub/records', h(async (req) => {
    const site = await sites.authenticate(bearerOf(req));
    const envelope = parse(RecordEnvelope, req.body);
    return { outcome: await ingestRecord(pool, site, envelope) };
  }));
  app.post('/api/hub/floor', h(async (req) => {
    const site = await sites.authenticate(bearerOf(req));
    return { applied: await ingestFloor(pool, site, parse(FloorSummary, req.body)) };
  }));
  mountBookings(app, { pool, sites, users, h, report: provinceBookings }); // POST /api/hub/bookings, GET /api/hub/bookings-report (hub/bookings.ts)
  app.get('/api/hub/link', h(async (req) => ({ site: await sites.authenticate(bearerOf(req)), at: now() })));

  // ── Hub users ─────────────────────────────────────────────────────────────────────────────────
  app.post('/api/hub/login', h(async (req) => {
    const { username, password } = parse(Login, req.body);
    return users.login(username, password);
  }));
  app.post('/api/hub/logout', h(async (req) => {
    await users.require(req, ['admin', 'manager']);
    await users.logout(bearerOf(req)!);
  }));
  app.get('/api/hub/me', h(async (req) => users.require(req, ['admin', 'manager'])));
  app.get('/api/hub/sites', h(async (req) => {
    await users.require(req, ['admin', 'manager']);
    return sites.list();
  }));
  app.post('/api/hub/sites', h(async (req) => {
    await users.require(req, ['admin']);
    const { code, name } = parse(NewSite, req.body);
    return sites.create(code, name);
  }));
  app.post('/api/hub/sites/:code/enrolment', h(async (req) => {
    await users.require(req, ['admin']);
    return sites.reissue(parse(SiteCode, req.params.code));
  }));
  app.post('/api/hub/sites/:code/revoke', h(async (req) => {
    await users.require(req, ['admin']);
    await sites.revoke(parse(SiteCode, req.params.code));
  }));
  app.get('/api/hub/overview', h(async (req) => {
    await users.require(req, ['admin', 'manager']);
    return siteOverview(pool, now());
  }));
  const reportQuery = (req: express.Request) => parse(HubReportQuery, {
    from: req.query.from, to: req.query.to, sites: queryList(req.query.sites), departments: queryList(req.query.departments),
    services: queryList(req.query.services), officers: queryList(req.query.officers),
  });
  app.get('/api/hub/report', h(async (req) => {
    await users.require(req, ['admin', 'manager']);
    return provinceReport(pool, reportQuery(req));
  }));
  app.get('/api/hub/report.xlsx', h(async (req, res) => {
    await users.require(req, ['admin', 'manager']);
    const q = reportQuery(req);
    const [report, all, latest, bookings] = await Promise.all([provinceReport(pool, q), sites.list(), catalog.latest(), provinceBookings(bookingQueryOf(req))]);
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="bao-cao-tinh-${q.from}-${q.to}.xlsx"`);
    res.setHeader('Cache-Control', 'no-store');
    await writeReportXlsx(res, report, reportNames(report, all, latest?.catalog ?? null), now(), bookings);
    res.end();
  }));
  app.get('/api/hub/dossier-ratings', h(async (req) => {
    await users.require(req, ['admin', 'manager']);
    return dossierRatings(pool, reportQuery(req), 500);
  }));
  app.use('/api', (_req, res) => refuse(res, 'NOT_FOUND'));
  const distDir = deps.distDir;
  if (distDir) {
    app.use('/assets', express.static(join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
    app.get(['/province', '/province/'], (_req, res) => {
      const page = join(distDir, 'province', 'index.html');
      if (existsSync(page)) return res.sendFile(page, { headers: { 'Cache-Control': 'no-cache' } });
      res.status(503).type('text').send('Trang /province chưa được build: npm run build / The /province page is not built: npm run build');
    });
    app.get('/', (_req, res) => res.redirect('/province'));
  }
  // A body that is not JSON: a refusal in both languages, not express's HTML page.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (res.headersSent) return;
    const status = (err as { status?: number }).status;
    // A body over its limit (a catalog's 8 MB) is told as such, not as bad JSON.
    if ((err as { type?: string }).type === 'entity.too.large') refuse(res, 'TOO_LARGE', { mb: Math.round(((err as { limit?: number }).limit ?? 0) / 1_048_576) });
    else if (status && status < 500) refuse(res, 'BAD_REQUEST', { detail: 'JSON' });
    else { log.error({ err }, 'hub request failed'); refuse(res, 'INTERNAL'); }
  });

  const http = createServer(app);
  const open = new Set<import('node:net').Socket>();
  http.on('connection', (s) => { open.add(s); s.once('close', () => open.delete(s)); });
  return {
    http, sites, users,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve((http.address() as AddressInfo).port));
      });
    },
    async close() {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        for (const s of open) s.destroy();
      });
    },
  };
}
