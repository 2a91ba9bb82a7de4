// Printer bridges connect as devices and wait for print jobs (server/printing sends them and
// waits for each acknowledgement). One connection per bridge token, like kiosks.
import type { AppContext, LuotSocket } from '../../context.ts';
import type { DeviceRecord } from '../../auth/records.ts';
import { replaceEarlierConnections } from '../device-exclusive.ts';
import { bridgeRoom } from '../../printing/bridge-dispatch.ts';

export function registerPrinterBridge(ctx: AppContext, socket: LuotSocket, device: DeviceRecord): void {
  replaceEarlierConnections(ctx, socket, device.id);
  void socket.join(['printers', bridgeRoom(device.id)]);
  const log = ctx.logger.child({ module: 'printing', bridge: device.name });
  log.info({ address: socket.handshake.address }, 'printer bridge connected');
  socket.on('disconnect', (reason) => log.warn({ reason }, 'printer bridge disconnected'));
}
