// Display boards only listen: the calls of their zone (or of every zone), the queue figures and
// the announcements. On connect they get their settings (notice, theme, the services they show,
// server time) next to the snapshot.
import { displaySettings } from '@core/lobby-views.ts';
import type { AppContext, LuotSocket } from '../../context.ts';
import type { DeviceRecord } from '../../auth/records.ts';

export function registerDisplay(ctx: AppContext, socket: LuotSocket, device: DeviceRecord): void {
  void socket.join(['displays', device.zone === null ? 'displays:all' : `zone:${device.zone}`]);
  socket.emit('display:settings', displaySettings(ctx.queue.config, device.zone, ctx.clock.now()));
}
