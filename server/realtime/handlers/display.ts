// Display boards only listen: the calls of their zone (or of every zone), the queue figures and
// the announcements. On connect they get their settings (notice, theme, the services they show,
// server time) next to the snapshot.
import { displaySettings } from '@core/lobby-views.ts';
import type { DeviceRecord } from '../../auth/records.ts';
import type { LiveConfig } from '../../config/live-config.ts';
import type { Clock } from '../../deps.ts';
import { boardRoom, rooms } from '../rooms.ts';
import type { LuotSocket } from '../socket-types.ts';

export function registerDisplay(deps: { config: LiveConfig; clock: Clock }, socket: LuotSocket, device: DeviceRecord): void {
  void socket.join([rooms.displays, boardRoom(device.zone)]);
  socket.emit('display:settings', displaySettings(deps.config.index, device.zone, deps.clock.now()));
}
