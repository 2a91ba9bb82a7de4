// createApp(deps): the whole server, built from what it is given. main.ts gives it the real
// store, clock and logger; tests give it a temp folder and start it on port 0.
import { createServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Server } from 'socket.io';
import { indexConfig, parseStoredConfig } from '@core/config.ts';
import type { AppDeps } from './deps.ts';
import type { AppContext, LuotServer } from './context.ts';
import { AccountService } from './auth/accounts.ts';
import { QueueService } from './queue/queue-service.ts';
import { newTicketId } from './queue/ids.ts';
import { attachRealtime } from './realtime/connection.ts';
import { attachBroadcaster } from './realtime/broadcaster.ts';
import { attachRatingBackstop } from './realtime/rating-backstop.ts';
import { apiRouter } from './http/api.ts';
import { pagesRouter } from './http/pages.ts';
import { PrintService } from './printing/print-service.ts';
import { printRouter } from './printing/routes.ts';
import { statusPageRouter } from './status-page/router.ts';
import { mediaRouter } from './http/logo-routes.ts';
import { startLobby } from './voice/lobby.ts';
import { voiceDirOf } from './voice/voice-dir.ts';
import { startManagerDesk } from './manager/desk.ts';
import { ConfigService } from './admin/config-service.ts';
import { AuditLog, auditFileOf } from './admin/audit-log.ts';
import { adminRouter } from './http/admin-api.ts';
import { proceduresRouter } from './http/procedures-api.ts';
import { applyPendingRestore } from './admin/backup.ts';
import { LowdbStore } from './store/lowdb-store.ts';
import { startHubLink } from './hub-link/hub-link.ts'; // province hub link
import { floorSummary } from '@core/hub-protocol.ts'; // province hub link

export interface LuotApp {
  ctx: AppContext;
  http: HttpServer;
  io: LuotServer;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export async function createApp(deps: AppDeps): Promise<LuotApp> {
  // A restore staged by an admin is applied before anything is read (server/admin/backup.ts).
  if (deps.store instanceof LowdbStore) await applyPendingRestore(deps.store.dataDir, deps.logger);
  const stored = await deps.store.readConfig();
  if (!stored) throw new Error('No center configuration in the store: seed it first (see server/seed).');
  // A bad voice or display section does not stop the queue: defaults, a logged reason, the chime alone.
  const { config, setAside } = parseStoredConfig(stored);
  for (const bad of setAside) deps.logger.error({ section: bad.section, problems: bad.problems }, 'configuration section set aside');
  const index = indexConfig(config);
  const accounts = await AccountService.load(deps.store, deps.clock, deps.logger);
  const queue = await QueueService.open(deps.store, deps.clock, index, deps.logger);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const http = createServer(app);
  const io: LuotServer = new Server(http, {
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });

  const ctx: AppContext = {
    io, queue, accounts, store: deps.store, clock: deps.clock, logger: deps.logger,
    newId: deps.newId ?? (() => newTicketId(deps.clock.now())),
    // Read at each use: an admin's change of the center's address or the pads' countdown is live.
    get publicUrl() {
      return deps.publicUrl ?? queue.config.config.center.publicUrl ?? null;
    },
    get ratingTimeoutSec() {
      return deps.ratingTimeoutSec ?? queue.config.config.rating.timeoutSec;
    },
    printing: new PrintService({ io, accounts, config: () => queue.config, clock: deps.clock, logger: deps.logger }),
  };
  // Before the main API router, whose catch-all answers NOT_FOUND.
  const storedSections = stored as Record<string, unknown>;
  ctx.configs = new ConfigService(ctx, new AuditLog(auditFileOf(deps.store)), new Map(setAside.map((b) => [b.section, storedSections[b.section]])));
  app.use('/api/admin', adminRouter(ctx, ctx.configs, { requestRestart: deps.requestRestart }));
  app.use('/api/procedures', proceduresRouter(ctx));
  app.use('/api/print', printRouter(ctx));
  // Screens hear of a change first: the broadcaster is the first listener of the queue's events.
  const broadcaster = attachBroadcaster(ctx);
  ctx.manager = await startManagerDesk(ctx, deps);
  app.use('/api/export', ctx.manager.pullRouter);
  app.use('/api/manager', ctx.manager.router);
  // ── Province hub link (server/hub-link, docs/hub.md): enrolment, link state, live floor summary.
  // Records go through the bridge's outbox for now; the new outbox will take `hubLink.sink` instead.
  const desk = ctx.manager;
  const hubLink = await startHubLink({
    dataDir: deps.store instanceof LowdbStore ? deps.store.dataDir : null, clock: deps.clock, logger: deps.logger,
    userBySession: (token) => accounts.userBySession(token),
    floor: () => floorSummary(desk.live()),
    targetWaitSec: (code) => { const s = queue.config.service.get(code); return s ? s.targetWaitMin * 60 : null; },
    // The bridge's outbox records only while push or pull is configured (EXPORT_PUSH_URL / EXPORT_API_KEY).
    outbox: desk.bridge.settings.pushUrl !== null || desk.bridge.settings.apiKey !== null
      ? { pull: (after, limit) => desk.bridge.pull(after, limit), onChange: (l) => desk.bridge.onChange(l) } : null,
    audit: (by, action, what) => ctx.configs!.record({ id: by.id, username: by.username }, action, what),
  });
  queue.onEvents(() => hubLink.floorChanged());
  app.use('/api/hub-link', hubLink.router);
  // ── end of the province hub link
  app.use('/api', apiRouter(ctx));
  app.use(statusPageRouter(ctx));
  app.use(mediaRouter(ctx));
  const lobby = startLobby(ctx, {
    dir: voiceDirOf(deps), configProblems: setAside.find((b) => b.section === 'voice')?.problems ?? [], configs: ctx.configs,
  });
  ctx.lobby = lobby;
  app.use('/audio', lobby.router);
  app.use(pagesRouter(ctx));
  attachRealtime(ctx);
  const ratingBackstop = attachRatingBackstop(ctx);
  queue.startMidnightTimer();
  // The first render and encode are slow (fonts, JIT); pay for them before the first citizen does.
  ctx.printing.warmUp().catch((err: unknown) => deps.logger.error({ err, module: 'printing' }, 'printer warm-up failed'));

  return {
    ctx, http, io,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve((http.address() as AddressInfo).port));
      });
    },
    async close() {
      await hubLink.close(); // province hub link
      await ctx.manager?.close();
      broadcaster.close();
      ratingBackstop.close();
      await lobby.close();
      await io.close(); // also closes the HTTP server
      await ctx.printing.close();
      await queue.close();
      await accounts.close();
    },
  };
}
