// Domain events → the rooms that care (server/realtime/rooms.ts). Nothing is broadcast to
// everyone but the day's start: a call goes to the boards of its zone, the counter's console and
// pad, the officers of that service, managers; a print job's end to its kiosk. The first
// extension: screens hear of a change first.
import type { DomainEvent } from '@core/commands.ts';
import type { Ticket } from '@core/ticket.ts';
import { boardCall, boardCounter, summarize } from '@core/views.ts';
import type { Clock } from '../deps.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { Extension } from '../events/extensions.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { LuotServer } from './socket-types.ts';
import type { ScreenViews } from './snapshots.ts';
import type { FiguresSender } from './figures-sender.ts';
import { callBoardRooms, rooms } from './rooms.ts';

export interface BroadcasterDeps {
  io: LuotServer;
  config: LiveConfig;
  views: ScreenViews;
  clock: Clock;
  figures: Pick<FiguresSender, 'soon' | 'close'>;
}

export function createBroadcaster({ io, config, views, clock, figures }: BroadcasterDeps): Extension {
  const statsSoon = () => figures.soon();

  const serviceRooms = (t: Ticket, extra: string[] = []) => [rooms.service(t.serviceCode), rooms.managers, ...extra];
  const atCounter = (n: number | null) => (n === null ? [] : [rooms.counter(n), rooms.pad(n)]);

  /** Counters whose call in this batch already told their boards who is at the counter now. */
  let calledNow = new Set<number>();

  const broadcast = (e: DomainEvent) => {
    switch (e.type) {
      case 'ticket:issued':
        io.to(serviceRooms(e.ticket)).emit('ticket:issued', summarize(e.ticket));
        return statsSoon();
      case 'ticket:called': {
        const at = e.ticket.history[e.ticket.history.length - 1]?.at ?? clock.now();
        calledNow.add(e.counter);
        const view = views.callView(e.ticket, e.counter, e.recall, at);
        // Boards hear the number only: the ticket's id is its status page's secret.
        io.to(callBoardRooms(config.index, e.counter)).emit('board:called', boardCall(view));
        io.to(serviceRooms(e.ticket, atCounter(e.counter))).emit('ticket:called', view);
        return statsSoon();
      }
      case 'ticket:started':
        io.to(serviceRooms(e.ticket, atCounter(e.ticket.counter))).emit('ticket:started', summarize(e.ticket));
        return;
      case 'ticket:finished':
        io.to(serviceRooms(e.ticket, e.ticket.counter === null ? [] : [rooms.counter(e.ticket.counter)])).emit('ticket:finished', summarize(e.ticket));
        io.to(rooms.pad(e.ticket.counter ?? 0)).emit('rating:requested', views.ratingRequest(e.ticket));
        return statsSoon();
      case 'ticket:no-show':
        io.to(serviceRooms(e.ticket, atCounter(e.ticket.counter))).emit('ticket:no-show', summarize(e.ticket));
        return statsSoon();
      case 'ticket:transferred': {
        const extra = [rooms.service(e.fromService), ...atCounter(e.fromCounter)];
        if (e.ticket.targetCounter !== null) extra.push(rooms.counter(e.ticket.targetCounter));
        io.to(serviceRooms(e.ticket, extra)).emit('ticket:transferred', summarize(e.ticket));
        return statsSoon();
      }
      case 'ticket:cancelled':
        io.to(serviceRooms(e.ticket)).emit('ticket:cancelled', summarize(e.ticket));
        return statsSoon();
      case 'ticket:rated':
        io.to([...atCounter(e.ticket.counter), rooms.managers]).emit('rating:recorded', summarize(e.ticket));
        return;
      case 'counter:updated': {
        const n = e.counter.number;
        const view = views.viewOfCounter(n);
        // After a call the boards already show the counter's new ticket (the call carries it):
        // 50 more writes would only hold back the next call.
        if (!calledNow.has(n)) io.to(callBoardRooms(config.index, n)).emit('board:counter', boardCounter(view));
        io.to([...atCounter(n), rooms.managers]).emit('counter:updated', view);
        return statsSoon();
      }
      case 'day:started':
        io.emit('day:started', { day: e.day });
        return statsSoon();
    }
  };

  return {
    name: 'broadcaster',
    onQueueEvents(events) {
      calledNow = new Set();
      for (const e of events) broadcast(e);
    },
    // Printing tells the kiosk how its ticket's print went, and managers of a ticket not printed.
    onPrintFinished({ kioskId, view }) {
      io.to(rooms.device(kioskId)).emit('print:status', view);
    },
    onPrintFault(fault) {
      io.to(rooms.managers).emit('print:fault', fault);
    },
    close() {
      figures.close();
    },
  };
}
