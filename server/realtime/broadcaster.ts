// Domain events → the rooms that care (server/realtime/rooms.ts). Nothing is broadcast to
// everyone but the day's start: a call goes to the boards of its zone, the counter's console and
// pad, the officers of that service, managers; a print job's end to its kiosk. The officers of a
// service hear what changes its queue (issued, called, transferred, cancelled), not what happens to
// a ticket already at another counter (started, finished, no-show): their consoles show the queue,
// and each event they hear makes each of them ask for its order again. The first extension:
// screens hear of a change first.
import type { DomainEvent } from '@core/commands.ts';
import type { ServerToClientEvents } from '@core/protocol.ts';
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

  // The lobby's boards hear a change first; consoles, pads and managers one turn of the event loop
  // later, in order. 50 board writes then leave before 30 officers' writes instead of among them,
  // and what the other extensions do with the batch runs before the officers' writes, not before
  // the boards'. A socket is a board or not, so none sees its own messages reordered. Payloads are
  // made now: the tickets change in place with the next command.
  let later: Array<() => void> = [];
  let laterTurn: NodeJS.Immediate | null = null;
  const sendLater = () => {
    if (laterTurn) clearImmediate(laterTurn);
    laterTurn = null;
    const sends = later;
    later = [];
    for (const send of sends) send();
  };
  const emitLater = <E extends keyof ServerToClientEvents>(targets: string[], event: E, ...args: Parameters<ServerToClientEvents[E]>) => {
    const to = io.to(targets);
    // Socket.IO's decorated emit type does not accept a generic event's parameters as they are.
    const emit = to.emit.bind(to) as (event: E, ...payload: Parameters<ServerToClientEvents[E]>) => boolean;
    later.push(() => emit(event, ...args));
    laterTurn ??= setImmediate(sendLater);
  };

  const broadcast = (e: DomainEvent) => {
    switch (e.type) {
      case 'ticket:issued':
        emitLater(serviceRooms(e.ticket), 'ticket:issued', summarize(e.ticket));
        return statsSoon();
      case 'ticket:called': {
        const at = e.ticket.history[e.ticket.history.length - 1]?.at ?? clock.now();
        calledNow.add(e.counter);
        const view = views.callView(e.ticket, e.counter, e.recall, at);
        // Boards hear the number only: the ticket's id is its status page's secret.
        io.to(callBoardRooms(config.index, e.counter)).emit('board:called', boardCall(view));
        emitLater(serviceRooms(e.ticket, atCounter(e.counter)), 'ticket:called', view);
        return statsSoon();
      }
      case 'ticket:started':
        emitLater([...atCounter(e.ticket.counter), rooms.managers], 'ticket:started', summarize(e.ticket));
        return;
      case 'ticket:finished':
        emitLater([...(e.ticket.counter === null ? [] : [rooms.counter(e.ticket.counter)]), rooms.managers], 'ticket:finished', summarize(e.ticket));
        emitLater([rooms.pad(e.ticket.counter ?? 0)], 'rating:requested', views.ratingRequest(e.ticket));
        return statsSoon();
      case 'ticket:no-show':
        emitLater([...atCounter(e.ticket.counter), rooms.managers], 'ticket:no-show', summarize(e.ticket));
        return statsSoon();
      case 'ticket:transferred': {
        const extra = [rooms.service(e.fromService), ...atCounter(e.fromCounter)];
        if (e.ticket.targetCounter !== null) extra.push(rooms.counter(e.ticket.targetCounter));
        emitLater(serviceRooms(e.ticket, extra), 'ticket:transferred', summarize(e.ticket));
        return statsSoon();
      }
      case 'ticket:cancelled':
        emitLater(serviceRooms(e.ticket), 'ticket:cancelled', summarize(e.ticket));
        return statsSoon();
      case 'ticket:rated':
        emitLater([...atCounter(e.ticket.counter), rooms.managers], 'rating:recorded', summarize(e.ticket));
        return;
      case 'counter:updated': {
        const n = e.counter.number;
        const view = views.viewOfCounter(n);
        // After a call the boards already show the counter's new ticket (the call carries it):
        // 50 more writes would only hold back the next call.
        if (!calledNow.has(n)) io.to(callBoardRooms(config.index, n)).emit('board:counter', boardCounter(view));
        emitLater([...atCounter(n), rooms.managers], 'counter:updated', view);
        return statsSoon();
      }
      case 'day:started':
        sendLater(); // yesterday's news before the new day
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
      sendLater();
      figures.close();
    },
  };
}
