// Waiting on a client socket's next event, the reserved ones (connect, disconnect, connect_error)
// included: socket.io's typed `once` cannot be handed to node's `events.once`.
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@core/protocol.ts';

type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Reserved = 'connect' | 'disconnect' | 'connect_error';

export function once(socket: AppSocket, event: Reserved | keyof ServerToClientEvents): Promise<unknown> {
  return new Promise((resolve) => {
    (socket.once as (e: string, l: (x: unknown) => void) => void)(event, resolve);
  });
}
