// Everything a handler needs, built once by createApp and passed down (no singletons).
import type { Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { ClientToServerEvents, ServerToClientEvents } from '@core/protocol.ts';
import type { AccountService } from './auth/accounts.ts';
import type { DeviceRecord, UserRecord } from './auth/records.ts';
import type { Clock } from './deps.ts';
import type { QueueService } from './queue/queue-service.ts';
import type { PrintService } from './printing/print-service.ts';
import type { Store } from './store/store.ts';
import type { ManagerDesk } from './manager/desk.ts';
import type { ConfigService } from './admin/config-service.ts';
import type { Lobby } from './voice/lobby.ts';

export type Principal = { kind: 'user'; user: UserRecord } | { kind: 'device'; device: DeviceRecord };

export interface SocketData {
  principal: Principal;
}

export type LuotServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LuotSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface AppContext {
  io: LuotServer;
  queue: QueueService;
  store: Store;
  accounts: AccountService;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  publicUrl: string | null;
  ratingTimeoutSec: number;
  /** Kiosk ticket printing: network printers and printer bridges (server/printing). */
  printing: PrintService;
  /** Live floor, reports, notice, dossier bridge (server/manager); set by createApp. */
  manager?: ManagerDesk;
  /** Live configuration changes and the audit log (server/admin); set by createApp. */
  configs?: ConfigService;
  /** The lobby's voice (status, announcements for the admin's preview); set by createApp. */
  lobby?: Lobby;
}

export function roleOf(p: Principal): UserRecord['role'] | DeviceRecord['kind'] {
  return p.kind === 'user' ? p.user.role : p.device.kind;
}

export function isStaff(p: Principal): p is { kind: 'user'; user: UserRecord } {
  return p.kind === 'user';
}
