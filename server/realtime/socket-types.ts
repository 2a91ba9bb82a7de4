// The server's Socket.IO types, from the one protocol (core/protocol.ts).
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@core/protocol.ts';
import type { Principal } from '../auth/principal.ts';

export interface SocketData {
  principal: Principal;
}

export type LuotServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LuotSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
