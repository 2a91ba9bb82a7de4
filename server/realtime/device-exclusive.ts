// One live connection per kiosk or printer-bridge token. A token copied to a second machine
// would otherwise issue tickets that print on the first machine's printer. The newest
// connection wins (a reloaded kiosk page must not lock itself out while its old socket times
// out); the older one is told why and disconnected, and its screen offers to take over again.
import type { AppContext, LuotSocket } from '../context.ts';
import { ackError } from './acks.ts';

export function replaceEarlierConnections(ctx: AppContext, socket: LuotSocket, deviceId: string): void {
  for (const id of ctx.io.sockets.adapter.rooms.get(`device:${deviceId}`) ?? []) {
    if (id === socket.id) continue;
    const earlier = ctx.io.sockets.sockets.get(id);
    if (!earlier) continue;
    ctx.logger.child({ module: 'devices' }).warn({ deviceId, address: socket.handshake.address }, 'device token used by a new connection; the earlier one is closed');
    earlier.emit('device:replaced', ackError('DEVICE_IN_USE'));
    earlier.disconnect(true);
  }
}
