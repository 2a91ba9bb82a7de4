// Calls → announcements, one queue per zone: a zone's calls are prepared and sent to its boards
// strictly in call order (a slow synthesis holds back the next call of that zone, never reorders
// it), zones do not wait for each other, and a burst is queued, not dropped. Boards play what they
// receive one after another, so announcements never overlap. Nothing is made for a zone with no
// board connected: the server PC needs no speakers and does no work nobody hears. Each call takes
// the voice current when its turn comes, so an admin's change applies from the next call on.
import type { AnnouncementView } from '@core/lobby-views.ts';
import type { CallView } from '@core/views.ts';
import type { AppContext } from '../context.ts';
import { callView } from '../realtime/snapshots.ts';

export function attachAnnouncer(ctx: AppContext, announce: (call: CallView) => Promise<AnnouncementView>): { close(): Promise<void> } {
  const log = ctx.logger.child({ module: 'announcer' });
  /** zone → the tail of its queue. Deleted when the queue drains, so idle zones cost nothing. */
  const tails = new Map<string, Promise<void>>();
  let closed = false;

  const listening = (rooms: string[]) => rooms.some((r) => (ctx.io.sockets.adapter.rooms.get(r)?.size ?? 0) > 0);

  ctx.queue.onEvents((events) => {
    for (const e of events) {
      if (e.type !== 'ticket:called' || closed) continue;
      const zone = ctx.queue.config.counter.get(e.counter)?.zone ?? '';
      const rooms = ['displays:all', `zone:${zone}`];
      if (!listening(rooms)) continue;
      const at = e.ticket.history[e.ticket.history.length - 1]?.at ?? ctx.clock.now();
      const call = callView(ctx, e.ticket, e.counter, e.recall, at);
      const tail = (tails.get(zone) ?? Promise.resolve())
        .then(async () => {
          const announcement = await announce(call);
          if (!closed) ctx.io.to(rooms).emit('announcement:ready', announcement);
        })
        .catch((err: unknown) => log.error({ err, number: call.ticket.number }, 'announcement failed'))
        .finally(() => {
          if (tails.get(zone) === tail) tails.delete(zone);
        });
      tails.set(zone, tail);
    }
  });

  return {
    /** Stops sending; resolves when the calls in progress are done (the lobby stops the voice). */
    async close() {
      closed = true;
      await Promise.all([...tails.values()]);
    },
  };
}
