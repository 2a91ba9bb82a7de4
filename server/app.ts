// createApp(deps): the composition root. Every part is built here, in order, and handed only what
// it uses (the socket.io example app's createApplication is the model); nothing is filled in
// later. Parts that react to what happens are extensions on one typed event bus, registered in
// the list below: that list is the order in which they hear each event, and they are closed in
// reverse. main.ts gives createApp the real store, clock and logger; tests give it a temp folder.
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import express from 'express';
import { Server } from 'socket.io';
import { indexConfig, parseStoredConfig } from '@core/config.ts';
import type { AppDeps } from './deps.ts';
import { AccountService } from './auth/accounts.ts';
import { hashToken } from './auth/secrets.ts';
import { LiveConfig } from './config/live-config.ts';
import { EventBus } from './events/event-bus.ts';
import { Extensions } from './events/extensions.ts';
import { QueueService } from './queue/queue-service.ts';
import { newTicketId } from './queue/ids.ts';
import { attachRealtime } from './realtime/connection.ts';
import { createBroadcaster } from './realtime/broadcaster.ts';
import { createConfigPropagation } from './realtime/config-propagation.ts';
import { FiguresSender } from './realtime/figures-sender.ts';
import { createRatingBackstop } from './realtime/rating-backstop.ts';
import { rooms } from './realtime/rooms.ts';
import { ScreenViews } from './realtime/snapshots.ts';
import type { LuotServer } from './realtime/socket-types.ts';
import { apiRouter } from './http/api.ts';
import { pagesRouter } from './http/pages.ts';
import { pageErrorHandler } from './http/respond.ts';
import { ticketStatusLookup } from './http/ticket-status.ts';
import { faviconRouter } from './http/favicon.ts';
import { securityHeaders } from './http/security-headers.ts';
import { PrintService } from './printing/print-service.ts';
import { printRouter } from './printing/routes.ts';
import { statusPageRouter } from './status-page/router.ts';
import { EstimateLog } from './status-page/estimate-log.ts';
import { mediaRouter } from './http/logo-routes.ts';
import { startLobby } from './voice/lobby.ts';
import type { Lobby } from './voice/lobby.ts';
import { voiceDirOf } from './voice/voice-dir.ts';
import { ManagerDesk } from './manager/desk.ts';
import { NoticeEditor } from './manager/notice.ts';
import { PresenceRegistry } from './manager/presence.ts';
import { ExportBridge } from './export/bridge.ts';
import { pullRouter } from './export/pull-api.ts';
import { checkExportSettings, exportSettingsFromEnv } from './export/settings.ts';
import { managerRouter } from './http/manager-api.ts';
import { ReportService } from './reports/report-service.ts';
import { ConfigService } from './admin/config-service.ts';
import { AuditLog, auditFileOf } from './admin/audit-log.ts';
import { adminRouter } from './http/admin-api.ts';
import { proceduresRouter } from './http/procedures-api.ts';
import { applyPendingRestore } from './admin/backup.ts';
import { readDroppedTickets } from './admin/restore-numbering.ts';
import { LowdbStore } from './store/lowdb-store.ts';
import { PlanWorker } from './plan/worker-client.ts';
import { PlanService } from './plan/plan-service.ts';
import { planRouter } from './http/plan-api.ts';
import { useVietnameseZodMessages } from '@core/zod-vietnamese.ts';
import { floorSummary } from '@core/hub-protocol.ts';
import { startHubLink } from './hub-link/hub-link.ts';
import type { HubLink } from './hub-link/hub-link.ts';
import { LinkState } from './hub-link/link-state.ts';
import { removeStaleTemps } from './store/stale-temps.ts';
import { MessageCenter } from './messages/message-center.ts';
import { messagesRouter } from './messages/routes.ts';
import { createKioskPhoneStep } from './realtime/kiosk-phone-step.ts';
import { bookingFiguresOf } from './booking/report-figures.ts';
import { bookingRoutes, openBookings } from './booking/wiring.ts';
import type { BookingService } from './booking/booking-service.ts';

/** The parts the composition root built, for main.ts, the supervisor, tests and benches. */
export interface AppParts {
  config: LiveConfig;
  bus: EventBus;
  queue: QueueService;
  accounts: AccountService;
  printing: PrintService;
  configs: ConfigService;
  desk: ManagerDesk;
  lobby: Lobby;
  extensions: Extensions;
  messages: MessageCenter;
  bookings: BookingService;
  hubLink: HubLink;
}

export interface LuotApp {
  parts: AppParts;
  http: HttpServer;
  io: LuotServer;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

function exportDirOf(deps: AppDeps): string {
  if (deps.exportDir) return deps.exportDir;
  if (deps.store instanceof LowdbStore) return join(deps.store.dataDir, 'export');
  return join(tmpdir(), `luot-export-${process.pid}`);
}

export async function createApp(deps: AppDeps): Promise<LuotApp> {
  // Refusals list zod's issue messages: in Vietnamese, never zod's English (core/zod-vietnamese.ts).
  useVietnameseZodMessages();
  const { store, clock, logger } = deps;
  // A restore staged by an admin is applied before anything is read (server/admin/backup.ts).
  if (store instanceof LowdbStore) await applyPendingRestore(store.dataDir, logger);
  // Temp files of writes a crash interrupted (server/store/stale-temps.ts).
  if (store instanceof LowdbStore) await removeStaleTemps(store.dataDir, logger);
  const stored = await store.readConfig();
  if (!stored) throw new Error('No center configuration in the store: seed it first (see server/seed).');
  // A bad voice or display section does not stop the queue: defaults, a logged reason, the chime alone.
  const { config: parsed, setAside, repaired } = parseStoredConfig(stored);
  for (const bad of setAside) logger.error({ section: bad.section, problems: bad.problems }, 'configuration section set aside');
  // Names an older version accepted (control or bidi characters): repaired so the center starts; saved as repaired at the next change.
  if (repaired.length > 0) logger.warn({ fields: repaired }, 'tên trong cấu hình có ký tự không hợp lệ đã được sửa / names with invalid characters repaired');

  // ── The core: configuration, events, accounts, the queue ──────────────────────────────────
  const config = new LiveConfig(indexConfig(parsed), { publicUrl: deps.publicUrl, ratingTimeoutSec: deps.ratingTimeoutSec, lanAddress: deps.lanAddress });
  const bus = new EventBus(logger.child({ module: 'events' }));
  const accounts = await AccountService.load(store, clock, logger);
  const queue = await QueueService.open(store, clock, config, bus, logger);
  const newId = deps.newId ?? (() => newTicketId(clock.now()));
  const bookings = await openBookings({ dataDir: store instanceof LowdbStore ? store.dataDir : null, config, clock, bus, logger });

  // ── Transports: HTTP + Socket.IO, printers ────────────────────────────────────────────────
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders());
  const http = createServer(app);
  // A backup upload (up to 64 MB) sent on a kept-alive connection was cut with "connection
  // reset" once it lasted longer than Node's 5 s keep-alive timeout (measured on Node 20 with a
  // refused, oversized restore). An upload of a minute on a slow LAN is normal here.
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000; // must exceed keepAliveTimeout
  const io: LuotServer = new Server(http, { maxHttpBufferSize: 64 * 1024, pingInterval: 10_000, pingTimeout: 10_000 });
  const disconnect = {
    user: (id: string) => io.in(rooms.user(id)).disconnectSockets(true),
    device: (id: string) => io.in(rooms.device(id)).disconnectSockets(true),
    session: (token: string) => io.in(rooms.session(hashToken(token))).disconnectSockets(true),
  };
  const printing = new PrintService({ bridges: { io, accounts }, config, bus, clock, logger });
  // `messages` is built below; the kiosks ask only once connected (phoneStep: server/messages takesPhones).
  const views = new ScreenViews({ queue, config, accounts, clock, phoneStep: () => messages.takesPhones() });

  // ── Services ──────────────────────────────────────────────────────────────────────────────
  const storedSections = stored as Record<string, unknown>;
  const configs = new ConfigService(
    { store, config, queue, accounts, bus, audit: new AuditLog(auditFileOf(store)), clock, logger },
    new Map(setAside.map((b) => [b.section, storedSections[b.section]])),
  );
  const { settings: exportSettings, problem: exportProblem } = checkExportSettings(deps.exportSettings ?? exportSettingsFromEnv(process.env));
  if (exportProblem) logger.error({ problem: exportProblem.en, module: 'manager' }, 'dossier bridge settings set aside');
  const bridge = await ExportBridge.start({ store, queue, config, accounts, clock, bus, logger }, exportDirOf(deps), exportSettings, exportProblem);
  // Messages to citizens' phones (server/messages, docs/messages.md): off until an admin sets a provider.
  const dataDir = store instanceof LowdbStore ? store.dataDir : null;
  const messages = await MessageCenter.start({ config, clock, bus, logger, bookings: deps.messages?.bookings ?? bookings }, {
    ...deps.messages, dir: deps.messages?.dir ?? join(dataDir ?? tmpdir(), dataDir ? 'messages' : `luot-messages-${process.pid}`),
    settingsPath: dataDir ? join(dataDir, 'messages', 'settings.json') : null,
  });
  const reports = new ReportService({ store, queue, config, accounts, logger });
  const presence = new PresenceRegistry({ io, accounts, clock, bus });
  // The province link's state is made here: the manager's screen shows it, and the link (started
  // further down, as it reads the desk's floor) keeps it.
  const hubLinkState = new LinkState(() => clock.now());
  const desk = new ManagerDesk({
    io, queue, config, accounts, printing, presence, reports, bridge, messages, notice: new NoticeEditor(configs), clock, logger,
    hubLink: () => hubLinkState.status(),
  });
  // Work that can wait until the server answers (the voice's worker process, the printers' warm-up):
  // on two cores it would otherwise compete with the start-up (docs/architecture.md, "Start-up").
  let nowListening!: () => void;
  const listening = new Promise<void>((resolve) => { nowListening = resolve; });
  const lobby = startLobby({ io, queue, config, views, clock, logger }, {
    dir: voiceDirOf(deps), configProblems: setAside.find((b) => b.section === 'voice')?.problems ?? [], startAfter: listening,
    warmProgram: deps.warmVoiceProgram,
  });

  // ── Extensions, in the order they hear each event ─────────────────────────────────────────
  const extensions = new Extensions(bus);
  const figures = new FiguresSender({ io, queue, config, clock });
  extensions.add(createBroadcaster({ io, config, views, clock, figures })); // screens hear of a change first
  extensions.add(lobby); // a changed voice is rebuilt before the boards are sent their settings
  extensions.add(createConfigPropagation({ io, queue, accounts, printing, views, clock, figures, pushManagerLive: () => desk.push() }));
  extensions.add(createRatingBackstop({ queue, accounts, config, clock, logger }));
  extensions.add(bridge);
  extensions.add(messages);
  extensions.add(createKioskPhoneStep({ io, views, phoneStep: () => messages.takesPhones() }));
  extensions.add(reports);
  extensions.add(desk);

  // ── Routes (order matters: the main API router's catch-all answers NOT_FOUND) ─────────────
  const dropped = store instanceof LowdbStore ? await readDroppedTickets(store.dataDir) : {};
  const lookupTicketStatus = ticketStatusLookup({ queue, config, store, clock, dropped });
  // Later estimates shown on status pages, kept to be measured (server/status-page/estimate-log.ts).
  const estimates = new EstimateLog(store instanceof LowdbStore ? join(store.dataDir, 'estimates') : null, logger);
  const planWorker = new PlanWorker(logger);
  // Bookings (server/booking): the admin's portal keys (before /api/admin's catch-all), the
  // portal's API, the /book page and its API.
  const bookingRouters = await bookingRoutes({
    dataDir: store instanceof LowdbStore ? store.dataDir : null, bookings, accounts, config, clock, logger, queue, store, configs,
    audit: (by, action, target) => configs.record(by, action, { target, before: null, after: null }),
  });
  app.use('/api/admin/booking-keys', bookingRouters.keys);
  app.use('/api/admin/booking-settings', bookingRouters.settings);
  app.use('/api/portal', bookingRouters.portal);
  app.use('/api/book', bookingRouters.book);
  app.use('/api/manager/bookings', bookingRouters.report);
  app.use('/api/counter/booked-name', bookingRouters.officerName);
  app.use(bookingRouters.page);
  app.use('/api/admin', adminRouter({
    accounts, queue, config, configs, printing, lobby, store, clock, logger, disconnect, requestRestart: deps.requestRestart,
  }));
  app.use('/api/procedures', proceduresRouter({ accounts, config }));
  app.use('/api/print', printRouter({ accounts, queue, config, printing, logger, clock }));
  // The counter plan (server/plan): simulations on their own worker thread. Mounted before
  // /api/manager, whose catch-all answers NOT_FOUND.
  app.use('/api/manager/plan', planRouter({ accounts, plans: new PlanService({
    history: reports.history, config: () => config.index, today: () => queue.current.day, worker: planWorker, log: logger,
    officerOf: (n) => {
      const username = config.index.counter.get(n)?.defaultOfficer;
      return accounts.users().find((u) => u.username === username)?.displayName ?? null;
    },
  }), logger }));
  app.use('/api/export', pullRouter(bridge, logger));
  app.use('/api/manager', managerRouter({
    accounts, store, queue, config, desk, logger, bookingFigures: (from, to) => bookingFiguresOf({ bookings, queue, store }, from, to),
  }));
  // ── Province hub link (server/hub-link, docs/hub.md): enrolment, link state, live floor summary,
  // and the service records through an outbox of its own (the hub sink), fed like the bridge's.
  const hubLink = await startHubLink({
    dataDir: store instanceof LowdbStore ? store.dataDir : null, clock, logger, bus, state: hubLinkState,
    userBySession: (token) => accounts.userBySession(token),
    floor: () => floorSummary(desk.live()),
    targetWaitSec: (code) => { const s = config.index.service.get(code); return s ? s.targetWaitMin * 60 : null; },
    records: { store, queue, config, accounts },
    bookings,
    audit: (by, action, what) => configs.record({ id: by.id, username: by.username }, action, what),
    // The province catalog goes through the admin's own path: validated whole, checked against today's queue, audited.
    applyCatalog: async (version, catalog) => {
      const r = await configs.change({ id: 'province-hub', username: 'may-chu-tinh' }, { type: 'catalog:put', version, catalog });
      if (r.ok) return { ok: true };
      const detail = (r.refusal.issues ?? []).slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
      return { ok: false, code: r.refusal.code, message: r.refusal.message, messageEn: r.refusal.messageEn, detail };
    },
  });
  extensions.add(hubLink);
  hubLinkState.watch(() => desk.onHubLinkChange());
  app.use('/api/hub-link', hubLink.router);
  app.use('/api/messages', messagesRouter({
    accounts, messages, now: () => clock.now(), logger, audit: (by, action, what) => configs.record(by, action, what),
  }));
  app.use('/api', apiRouter({
    accounts, queue, config, views, lookupTicketStatus, disconnect, clock, logger, newId,
  }));
  app.use(faviconRouter());
  app.use(statusPageRouter({ lookupTicketStatus, estimates, config, clock, logger }));
  app.use(mediaRouter(config));
  app.use('/audio', lobby.router);
  app.use(pagesRouter());
  app.use(pageErrorHandler(logger));
  presence.attach();
  attachRealtime({
    io, queue, config, accounts, views, printing, clock, logger, newId, bookings, welcomeManager: (socket) => desk.welcome(socket),
    phoneStep: () => messages.takesPhones(),
  });
  queue.startMidnightTimer();
  // The first render and encode are slow (fonts, JIT); pay for them before the first citizen does,
  // once the server answers.
  void listening.then(() => printing.warmUp()).catch((err: unknown) => logger.error({ err, module: 'printing' }, 'printer warm-up failed'));

  return {
    parts: { config, bus, queue, accounts, printing, configs, desk, lobby, extensions, messages, bookings, hubLink },
    http, io,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          resolve((http.address() as AddressInfo).port);
          nowListening();
        });
      });
    },
    async close() {
      await extensions.close((name, err) => logger.error({ err, extension: name }, 'extension did not close cleanly'));
      await planWorker.close();
      await io.close(); // also closes the HTTP server
      await printing.close();
      await bookings.close();
      await queue.close();
      await accounts.close();
    },
  };
}
