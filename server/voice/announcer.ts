// Calls → announcements, one queue per zone: a zone's calls are prepared and sent to its boards
// strictly in call order (a slow synthesis holds back the next call of that zone, never reorders
// it), zones do not wait for each other, and a burst is queued, not dropped. Boards play what they
// receive one after another, so announcements never overlap. Nothing is made for a zone with no
// board connected: the server PC needs no speakers and does no work nobody hears. Each call takes
// the voice current when its turn comes, so an admin's change applies from the next call on.
import type { AnnouncementView } from '@core/lobby-views.ts';
import type { DomainEvent } from '@core/commands.ts';
import type { CallView } from '@core/views.ts';
import type { Logger } from 'pino';
import type { LiveConfig } from '../config/live-config.ts';
import type { Clock } from '../deps.ts';
import { callBoardRooms } from '../realtime/rooms.ts';
import type { ScreenViews } from '../realtime/snapshots.ts';
import type { LuotServer } from '../realtime/socket-types.ts';

export interface AnnouncerDeps {
  io: LuotServer;
  config: LiveConfig;
  views: Pick<ScreenViews, 'callView'>;
  clock: Clock;
  logger: Logger;
}

export interface Announcer {
  hear(events: DomainEvent[]): void;
  close(): Promise<void>;
}

export function createAnnouncer(deps: AnnouncerDeps, announce: (call: CallView) => Promise<AnnouncementView>): Announcer {
  const { io, config, views, clock } = deps;
  const log = deps.logger.child({ module: 'announcer' });
  /** zone → the tail of its queue. Deleted when the queue drains, so idle zones cost nothing. */
  const tails = new Map<string, Promise<void>>();
  let closed = false;

  const listening = (rooms: string[]) => rooms.some((r) => (io.sockets.adapter.rooms.get(r)?.size ?? 0) > 0);

  const hear = (events: DomainEvent[]) => {
    for (const e of events) {
      if (e.type !== 'ticket:called' || closed) continue;
      const zone = config.index.counter.get(e.counter)?.zone ?? '';
      const rooms = callBoardRooms(config.index, e.counter);
      if (!listening(rooms)) continue;
      const at = e.ticket.history[e.ticket.history.length - 1]?.at ?? clock.now();
      const call = views.callView(e.ticket, e.counter, e.recall, at);
      const tail = (tails.get(zone) ?? Promise.resolve())
        .then(async () => {
          const announcement = await announce(call);
          if (!closed) io.to(rooms).emit('announcement:ready', announcement);
        })
        .catch((err: unknown) => log.error({ err, number: call.ticket.number }, 'announcement failed'))
        .finally(() => {
          if (tails.get(zone) === tail) tails.delete(zone);
        });
      tails.set(zone, tail);
    }
  };

  return {
    hear,
    /** Stops sending; resolves when the calls in progress are done (the lobby stops the voice). */
    async close() {
      closed = true;
      await Promise.all([...tails.values()]);
    },
  };
}
