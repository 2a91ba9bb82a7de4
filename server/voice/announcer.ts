// Calls → announcements, one queue per zone: a zone's calls are prepared and sent to its boards
// strictly in call order (a slow synthesis holds back the next call of that zone, never reorders
// it), zones do not wait for each other, and a burst is queued, not dropped. Boards play what they
// receive one after another, so announcements never overlap. Nothing is made for a zone with no
// board connected: the server PC needs no speakers and does no work nobody hears.
import type { AppContext } from '../context.ts';
import { callView } from '../realtime/snapshots.ts';
import type { VoiceService } from './voice-service.ts';

export function attachAnnouncer(ctx: AppContext, voice: VoiceService): { close(): Promise<void> } {
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
          const announcement = await voice.announce(call);
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
    async close() {
      closed = true;
      await voice.close();
      await Promise.all([...tails.values()]);
    },
  };
}
