// Everything a handler needs, built once by createApp and passed down (no singletons).
import type { Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { ClientToServerEvents, ServerToClientEvents } from '@core/protocol.ts';
import type { AccountService } from './auth/accounts.ts';
import type { DeviceRecord, UserRecord } from './auth/records.ts';
import type { Clock } from './deps.ts';
import type { QueueService } from './queue/queue-service.ts';
import type { Store } from './store/store.ts';

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
}

export function roleOf(p: Principal): UserRecord['role'] | DeviceRecord['kind'] {
  return p.kind === 'user' ? p.user.role : p.device.kind;
}

export function isStaff(p: Principal): p is { kind: 'user'; user: UserRecord } {
  return p.kind === 'user';
}
