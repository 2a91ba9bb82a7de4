// Everything the manager app talks to, built once by createApp: device presence, the live floor
// (pushed to the managers' room), reports, the notice line and the dossier bridge.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Router } from 'express';
import type { ManagerLive } from '@core/manager-live.ts';
import { buildManagerLive } from '@core/manager-live.ts';
import type { AppContext, LuotSocket } from '../context.ts';
import type { AppDeps } from '../deps.ts';
import { LowdbStore } from '../store/lowdb-store.ts';
import { ExportBridge } from '../export/bridge.ts';
import { pullRouter } from '../export/pull-api.ts';
import { checkExportSettings, exportSettingsFromEnv } from '../export/settings.ts';
import { managerRouter } from '../http/manager-api.ts';
import { ReportService } from '../reports/report-service.ts';
import { NoticeEditor } from './notice.ts';
import { PresenceRegistry } from './presence.ts';

/** Live pushes after changes are at most this frequent… */
const LIVE_THROTTLE_MS = 500;
/** …and happen at least this often while a manager watches (waits and pauses grow by themselves). */
const LIVE_HEARTBEAT_MS = 15_000;

export interface ManagerDesk {
  presence: PresenceRegistry;
  reports: ReportService;
  bridge: ExportBridge;
  notice: NoticeEditor;
  live(): ManagerLive;
  /** A manager's socket connected: send the floor at once, start loading report history. */
  welcome(socket: LuotSocket): void;
  router: Router;
  pullRouter: Router;
  close(): Promise<void>;
}

function exportDirOf(deps: AppDeps): string {
  if (deps.exportDir) return deps.exportDir;
  if (deps.store instanceof LowdbStore) return join(deps.store.dataDir, 'export');
  return join(tmpdir(), `luot-export-${process.pid}`);
}

export async function startManagerDesk(ctx: AppContext, deps: AppDeps): Promise<ManagerDesk> {
  const log = ctx.logger.child({ module: 'manager' });
  const { settings, problem } = checkExportSettings(deps.exportSettings ?? exportSettingsFromEnv(process.env));
  if (problem) log.error({ problem: problem.en }, 'dossier bridge settings set aside');
  const bridge = await ExportBridge.start(ctx, exportDirOf(deps), settings, problem);
  const presence = new PresenceRegistry(ctx);
  presence.attach();
  const reports = new ReportService(ctx);
  const notice = new NoticeEditor(ctx);

  const live = (): ManagerLive => buildManagerLive({
    state: ctx.queue.current, index: ctx.queue.config, now: ctx.clock.now(),
    officerName: (id) => ctx.accounts.displayName(id), devices: presence.list(),
    printFaults: ctx.printing.faults(), exportStatus: bridge.status(),
  });

  let throttle: NodeJS.Timeout | null = null;
  const watched = () => (ctx.io.sockets.adapter.rooms.get('managers')?.size ?? 0) > 0;
  const push = () => {
    throttle = null;
    if (watched()) ctx.io.to('managers').emit('manager:live', live());
  };
  const soon = () => {
    throttle ??= setTimeout(push, LIVE_THROTTLE_MS);
  };
  ctx.queue.onEvents(soon);
  presence.onChange(soon);
  bridge.onChange(soon);
  ctx.printing.onFault(soon);
  // Alerts depend on time as well as on events (a wait passing its target, a pause growing long):
  // the view is refreshed at least this often while a manager watches.
  const heartbeat = setInterval(() => {
    if (watched()) push();
  }, LIVE_HEARTBEAT_MS);
  heartbeat.unref();

  const desk: ManagerDesk = {
    presence, reports, bridge, notice, live,
    welcome(socket) {
      socket.emit('manager:live', live());
      reports.history.ready().catch((err: unknown) => log.error({ err }, 'could not load report history'));
    },
    router: managerRouter(ctx, () => desk),
    pullRouter: pullRouter(bridge, ctx.logger),
    async close() {
      if (throttle) clearTimeout(throttle);
      clearInterval(heartbeat);
      await bridge.close();
    },
  };
  return desk;
}
