// Domain events → the rooms that care. Nothing is broadcast to everyone: a call goes to the
// displays of its zone, the counter's console and pad, the officers of that service, managers.
import type { DomainEvent } from '@core/commands.ts';
import { allServiceFigures } from '@core/estimate.ts';
import type { Ticket } from '@core/ticket.ts';
import { summarize } from '@core/views.ts';
import type { AppContext } from '../context.ts';
import { callView, ratingRequest, viewOfCounter } from './snapshots.ts';

/** Queue figures change with every ticket; they are sent at most this often. */
const STATS_INTERVAL_MS = 250;

export function attachBroadcaster(ctx: AppContext): { close(): void } {
  const { io } = ctx;
  let statsTimer: NodeJS.Timeout | null = null;

  const sendStats = () => {
    statsTimer = null;
    const figures = allServiceFigures(ctx.queue.current, ctx.queue.config, ctx.clock.now());
    io.to(['kiosks', 'displays', 'staff']).emit('queue:stats', figures);
  };
  const statsSoon = () => {
    statsTimer ??= setTimeout(sendStats, STATS_INTERVAL_MS);
  };

  const serviceRooms = (t: Ticket, extra: string[] = []) => [`service:${t.serviceCode}`, 'managers', ...extra];
  const zoneRooms = (counter: number) => {
    const zone = ctx.queue.config.counter.get(counter)?.zone;
    return ['displays:all', ...(zone ? [`zone:${zone}`] : [])];
  };

  ctx.queue.onEvents((events: DomainEvent[]) => {
    for (const e of events) {
      switch (e.type) {
        case 'ticket:issued':
          io.to(serviceRooms(e.ticket)).emit('ticket:issued', summarize(e.ticket));
          statsSoon();
          break;
        case 'ticket:called': {
          const at = e.ticket.history[e.ticket.history.length - 1]?.at ?? ctx.clock.now();
          const rooms = [...zoneRooms(e.counter), ...serviceRooms(e.ticket, [`counter:${e.counter}`, `pad:${e.counter}`])];
          io.to(rooms).emit('ticket:called', callView(ctx, e.ticket, e.counter, e.recall, at));
          statsSoon();
          break;
        }
        case 'ticket:started':
          io.to(serviceRooms(e.ticket, [`counter:${e.ticket.counter}`, `pad:${e.ticket.counter}`])).emit('ticket:started', summarize(e.ticket));
          break;
        case 'ticket:finished':
          io.to(serviceRooms(e.ticket, [`counter:${e.ticket.counter}`])).emit('ticket:finished', summarize(e.ticket));
          io.to(`pad:${e.ticket.counter}`).emit('rating:requested', ratingRequest(ctx, e.ticket));
          statsSoon();
          break;
        case 'ticket:no-show':
          io.to(serviceRooms(e.ticket, [`counter:${e.ticket.counter}`, `pad:${e.ticket.counter}`])).emit('ticket:no-show', summarize(e.ticket));
          statsSoon();
          break;
        case 'ticket:transferred': {
          const extra = [`service:${e.fromService}`, ...(e.fromCounter === null ? [] : [`counter:${e.fromCounter}`, `pad:${e.fromCounter}`])];
          if (e.ticket.targetCounter !== null) extra.push(`counter:${e.ticket.targetCounter}`);
          io.to(serviceRooms(e.ticket, extra)).emit('ticket:transferred', summarize(e.ticket));
          statsSoon();
          break;
        }
        case 'ticket:cancelled':
          io.to(serviceRooms(e.ticket)).emit('ticket:cancelled', summarize(e.ticket));
          statsSoon();
          break;
        case 'ticket:rated':
          io.to([`pad:${e.ticket.counter}`, `counter:${e.ticket.counter}`, 'managers']).emit('rating:recorded', summarize(e.ticket));
          break;
        case 'counter:updated': {
          const n = e.counter.number;
          io.to([...zoneRooms(n), `counter:${n}`, `pad:${n}`, 'managers']).emit('counter:updated', viewOfCounter(ctx, n));
          statsSoon();
          break;
        }
        case 'day:started':
          io.emit('day:started', { day: e.day });
          statsSoon();
          break;
      }
    }
  });

  return {
    close() {
      if (statsTimer) clearTimeout(statsTimer);
    },
  };
}
