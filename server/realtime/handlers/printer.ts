// Printer bridges connect as devices and wait for print jobs (server/printing sends them and
// waits for each acknowledgement). One connection per bridge token, like kiosks.
import type { Logger } from 'pino';
import type { DeviceRecord } from '../../auth/records.ts';
import { replaceEarlierConnections } from '../device-exclusive.ts';
import { rooms } from '../rooms.ts';
import type { LuotServer, LuotSocket } from '../socket-types.ts';

export function registerPrinterBridge(deps: { io: LuotServer; logger: Logger }, socket: LuotSocket, device: DeviceRecord): void {
  replaceEarlierConnections(deps, socket, device.id);
  void socket.join([rooms.printers, rooms.printerBridge(device.id)]);
  const log = deps.logger.child({ module: 'printing', bridge: device.name });
  log.info({ address: socket.handshake.address }, 'printer bridge connected');
  socket.on('disconnect', (reason) => log.warn({ reason }, 'printer bridge disconnected'));
}
