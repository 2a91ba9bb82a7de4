// After a configuration change goes live, every connected screen is sent its picture again on the
// connection it already has (no reconnect): kiosks a fresh catalog and their printer setup,
// boards their snapshot and settings, counters their console and queue rooms, pads their
// settings, managers the floor. An extension, after those that rebuild what the change affects.
import { displaySettings } from '@core/lobby-views.ts';
import type { AccountService } from '../auth/accounts.ts';
import type { Clock } from '../deps.ts';
import type { Extension } from '../events/extensions.ts';
import type { PrintService } from '../printing/print-service.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { FiguresSender } from './figures-sender.ts';
import { counterRooms, isServiceRoom } from './rooms.ts';
import type { ScreenViews } from './snapshots.ts';
import type { LuotServer, LuotSocket } from './socket-types.ts';

export interface ConfigPropagationDeps {
  io: LuotServer;
  queue: Pick<QueueService, 'current' | 'counterOfOfficer'>;
  accounts: Pick<AccountService, 'device'>;
  printing: Pick<PrintService, 'setupFor'>;
  views: ScreenViews;
  clock: Clock;
  figures: Pick<FiguresSender, 'now'>;
  /** The managers' floor, sent again at once. */
  pushManagerLive: () => void;
}

export function createConfigPropagation(deps: ConfigPropagationDeps): Extension {
  const { io, queue, views } = deps;
  return {
    name: 'config-propagation',
    onConfigChange({ index }) {
      const now = deps.clock.now();
      for (const socket of io.of('/').sockets.values() as Iterable<LuotSocket>) {
        const p = socket.data.principal;
        if (!p) continue;
        if (p.kind === 'device') {
          socket.emit('snapshot', views.snapshotFor(p));
          if (p.device.kind === 'display') socket.emit('display:settings', displaySettings(index, p.device.zone, now));
          if (p.device.kind === 'kiosk') {
            const device = deps.accounts.device(p.device.id);
            if (device) socket.emit('kiosk:setup', deps.printing.setupFor(device));
          }
          continue;
        }
        // An open counter may serve other services now: its officer follows the new queues.
        const own = queue.counterOfOfficer(p.user.id);
        for (const room of socket.rooms) if (isServiceRoom(room)) void socket.leave(room);
        if (own) void socket.join(counterRooms(index, own.number));
        if (p.user.role === 'officer') socket.emit('snapshot', views.snapshotFor(p, 'counter'));
      }
      deps.figures.now();
      deps.pushManagerLive();
    },
  };
}
