// Display boards only listen: the calls of their zone (or of every zone) and the queue figures.
import type { AppContext, LuotSocket } from '../../context.ts';
import type { DeviceRecord } from '../../auth/records.ts';

export function registerDisplay(_ctx: AppContext, socket: LuotSocket, device: DeviceRecord): void {
  void socket.join(['displays', device.zone === null ? 'displays:all' : `zone:${device.zone}`]);
}
