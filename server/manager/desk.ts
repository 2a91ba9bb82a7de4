// The manager's desk: device presence, the live floor (pushed to the managers' room after every
// change, at most every LIVE_THROTTLE_MS), reports, the notice line and the dossier bridge. An
// extension: it hears queue events, presence, print faults and delivery changes, and pushes.
import type { Logger } from 'pino';
import type { HubLinkStatus } from '@core/hub-link-status.ts';
import type { ManagerLive } from '@core/manager-live.ts';
import { buildManagerLive } from '@core/manager-live.ts';
import type { AccountService } from '../auth/accounts.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { Clock } from '../deps.ts';
import type { Extension } from '../events/extensions.ts';
import type { ExportBridge } from '../export/bridge.ts';
import type { MessageCenter } from '../messages/message-center.ts';
import type { PrintService } from '../printing/print-service.ts';
import type { QueueService } from '../queue/queue-service.ts';
import { rooms } from '../realtime/rooms.ts';
import type { LuotServer, LuotSocket } from '../realtime/socket-types.ts';
import type { ReportService } from '../reports/report-service.ts';
import type { NoticeEditor } from './notice.ts';
import type { PresenceRegistry } from './presence.ts';

/** Live pushes after changes are at most this frequent… */
const LIVE_THROTTLE_MS = 500;
/** …and happen at least this often while a manager watches (waits and pauses grow by themselves). */
const LIVE_HEARTBEAT_MS = 15_000;

export interface ManagerDeskDeps {
  io: LuotServer;
  queue: Pick<QueueService, 'current' | 'writeFault'>;
  config: LiveConfig;
  accounts: Pick<AccountService, 'displayName'>;
  printing: Pick<PrintService, 'faults'>;
  presence: PresenceRegistry;
  reports: ReportService;
  bridge: ExportBridge;
  /** Messages to citizens' phones: their figures join the live floor. */
  messages?: Pick<MessageCenter, 'status'>;
  /** The link to the province hub: its state joins the live floor (made after the desk, hence a getter). */
  hubLink?: () => HubLinkStatus | null;
  notice: NoticeEditor;
  clock: Clock;
  logger: Logger;
}

export class ManagerDesk implements Extension {
  readonly name = 'manager-desk';
  private throttle: NodeJS.Timeout | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly log: Logger;

  constructor(private readonly deps: ManagerDeskDeps) {
    this.log = deps.logger.child({ module: 'manager' });
    // Alerts depend on time as well as on events (a wait passing its target, a pause growing long):
    // the view is refreshed at least this often while a manager watches.
    this.heartbeat = setInterval(() => {
      if (this.watched()) this.push();
    }, LIVE_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get reports(): ReportService { return this.deps.reports; }
  get bridge(): ExportBridge { return this.deps.bridge; }
  get notice(): NoticeEditor { return this.deps.notice; }
  get presence(): PresenceRegistry { return this.deps.presence; }

  live(): ManagerLive {
    const { queue, config, clock, accounts, presence, printing, bridge } = this.deps;
    const live = buildManagerLive({
      state: queue.current, index: config.index, now: clock.now(),
      officerName: (id) => accounts.displayName(id), devices: presence.list(),
      printFaults: printing.faults(), exportStatus: bridge.status(), writeFault: queue.writeFault,
    });
    const hubLink = this.deps.hubLink?.() ?? null;
    return {
      ...live, ...(this.deps.messages ? { messages: this.deps.messages.status() } : {}), ...(hubLink ? { hubLink } : {}),
    };
  }

  /** A manager's socket connected: send the floor at once, start loading report history. */
  welcome(socket: LuotSocket): void {
    socket.emit('manager:live', this.live());
    this.deps.reports.history.ready().catch((err: unknown) => this.log.error({ err }, 'could not load report history'));
  }

  /** Sends the floor now (after a configuration change). */
  push(): void {
    if (this.throttle) clearTimeout(this.throttle);
    this.throttle = null;
    if (this.watched()) this.deps.io.to(rooms.managers).emit('manager:live', this.live());
  }

  private watched(): boolean {
    return (this.deps.io.sockets.adapter.rooms.get(rooms.managers)?.size ?? 0) > 0;
  }

  private soon(): void {
    this.throttle ??= setTimeout(() => this.push(), LIVE_THROTTLE_MS);
  }

  onQueueEvents(): void { this.soon(); }
  onPresenceChange(): void { this.soon(); }
  onPrintFault(): void { this.soon(); }
  onDeliveryChange(): void { this.soon(); }
  onStorageChange(): void { this.push(); }
  /** The province link's state changed (server/hub-link/link-state.ts). */
  onHubLinkChange(): void { this.soon(); }

  close(): void {
    if (this.throttle) clearTimeout(this.throttle);
    clearInterval(this.heartbeat);
  }
}
