// After a configuration change goes live, every connected screen is sent its picture again on the
// connection it already has (no reconnect): kiosks a fresh catalog, boards their snapshot and
// settings, counters their console and queue rooms, pads their settings, managers the floor.
import { displaySettings } from '@core/lobby-views.ts';
import { allServiceFigures } from '@core/estimate.ts';
import type { AppContext, LuotSocket } from '../context.ts';
import { counterRooms } from '../realtime/handlers/counter.ts';
import { snapshotFor } from '../realtime/snapshots.ts';

export function propagateConfig(ctx: AppContext): void {
  const now = ctx.clock.now();
  const index = ctx.queue.config;
  for (const socket of ctx.io.of('/').sockets.values() as Iterable<LuotSocket>) {
    const p = socket.data.principal;
    if (!p) continue;
    if (p.kind === 'device') {
      socket.emit('snapshot', snapshotFor(ctx, p));
      if (p.device.kind === 'display') socket.emit('display:settings', displaySettings(index, p.device.zone, now));
      if (p.device.kind === 'kiosk') {
        const device = ctx.accounts.device(p.device.id);
        if (device) socket.emit('kiosk:setup', ctx.printing.setupFor(device));
      }
      continue;
    }
    // An open counter may serve other services now: its officer follows the new queues.
    const own = ctx.queue.counterOfOfficer(p.user.id);
    for (const room of socket.rooms) if (room.startsWith('service:')) void socket.leave(room);
    if (own) void socket.join(counterRooms(ctx, own.number));
    if (p.user.role === 'officer') socket.emit('snapshot', snapshotFor(ctx, p, 'counter'));
  }
  ctx.io.to(['kiosks', 'displays', 'staff']).emit('queue:stats', allServiceFigures(ctx.queue.current, index, now));
  if (ctx.manager) ctx.io.to('managers').emit('manager:live', ctx.manager.live());
}
