// One live connection per kiosk or printer-bridge token. A token copied to a second machine
// would otherwise issue tickets that print on the first machine's printer. The newest
// connection wins (a reloaded kiosk page must not lock itself out while its old socket times
// out); the older one is told why and disconnected, and its screen offers to take over again.
import type { Logger } from 'pino';
import { ackError } from '../refusals.ts';
import { rooms } from './rooms.ts';
import type { LuotServer, LuotSocket } from './socket-types.ts';

export function replaceEarlierConnections(deps: { io: LuotServer; logger: Logger }, socket: LuotSocket, deviceId: string): void {
  for (const id of deps.io.sockets.adapter.rooms.get(rooms.device(deviceId)) ?? []) {
    if (id === socket.id) continue;
    const earlier = deps.io.sockets.sockets.get(id);
    if (!earlier) continue;
    deps.logger.child({ module: 'devices' }).warn({ deviceId, address: socket.handshake.address }, 'device token used by a new connection; the earlier one is closed');
    earlier.emit('device:replaced', ackError('DEVICE_IN_USE'));
    earlier.disconnect(true);
  }
}
