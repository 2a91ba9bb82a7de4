// Counter consoles: an officer opens one counter and acts only on it. The counter is found from
// the server's state, not from the client, so a second tab or a reload acts on the same counter.
import type { Command, CounterActor } from '@core/commands.ts';
import { Refusal } from '@core/refusal.ts';
import { summarize } from '@core/views.ts';
import type { TicketSummary } from '@core/views.ts';
import type { UserRecord } from '../../auth/records.ts';
import type { LiveConfig } from '../../config/live-config.ts';
import type { Clock } from '../../deps.ts';
import type { QueueService } from '../../queue/queue-service.ts';
import type { SocketCommands } from '../command.ts';
import { counterRooms, rooms } from '../rooms.ts';
import type { ScreenViews } from '../snapshots.ts';
import type { LuotServer, LuotSocket } from '../socket-types.ts';

export interface CounterHandlerDeps {
  io: LuotServer;
  queue: Pick<QueueService, 'execute' | 'counterOfOfficer'>;
  config: LiveConfig;
  views: ScreenViews;
  clock: Clock;
}

export function registerCounter(deps: CounterHandlerDeps, socket: LuotSocket, commands: SocketCommands, user: UserRecord): void {
  const { io, queue, config, views, clock } = deps;
  const own = queue.counterOfOfficer(user.id);
  if (own) void socket.join(counterRooms(config.index, own.number));
  // Every tab of this officer follows the counter's rooms.
  const officerSockets = () => io.in(rooms.user(user.id));

  const actor = (): CounterActor | Refusal => {
    const c = queue.counterOfOfficer(user.id);
    return c ? { counter: c.number, officerId: user.id } : new Refusal('COUNTER_NOT_OPEN');
  };

  const ticketAction = async (make: (a: CounterActor) => Command): Promise<TicketSummary | Refusal> => {
    const a = actor();
    if (a instanceof Refusal) return a;
    const result = await queue.execute(make(a));
    if (!result.ok) return new Refusal(result.code, result.params);
    return summarize(result.ticket!);
  };

  commands.on('counter:open', async ({ counter }) => {
    if (user.counters.length > 0 && !user.counters.includes(counter)) return new Refusal('FORBIDDEN');
    const result = await queue.execute({ type: 'open-counter', counter, officerId: user.id });
    if (!result.ok) return new Refusal(result.code, result.params);
    officerSockets().socketsJoin(counterRooms(config.index, counter));
    return views.viewOfCounter(counter);
  });
  commands.on('counter:pause', async ({ reason }) => {
    const a = actor();
    if (a instanceof Refusal) return a;
    const result = await queue.execute({ type: 'pause-counter', reason, ...a });
    return result.ok ? views.viewOfCounter(a.counter) : new Refusal(result.code, result.params);
  });
  commands.on('counter:resume', async () => {
    const a = actor();
    if (a instanceof Refusal) return a;
    const result = await queue.execute({ type: 'resume-counter', ...a });
    return result.ok ? views.viewOfCounter(a.counter) : new Refusal(result.code, result.params);
  });
  commands.on('counter:close', async () => {
    const a = actor();
    if (a instanceof Refusal) return a;
    const result = await queue.execute({ type: 'close-counter', ...a });
    if (!result.ok) return new Refusal(result.code, result.params);
    officerSockets().socketsLeave(counterRooms(config.index, a.counter));
    return views.viewOfCounter(a.counter);
  });

  // The console keeps its list live from events and asks for the authoritative call order here,
  // which is cheaper than a whole snapshot (no catalog, no figures).
  commands.on('queue:get', () => {
    const c = queue.counterOfOfficer(user.id);
    return { now: clock.now(), waiting: c ? views.waitingFor(c.number).map(summarize) : [] };
  });

  commands.on('ticket:call-next', () => ticketAction((a) => ({ type: 'call-next', ...a })));
  commands.on('ticket:call', ({ ticketId }) => ticketAction((a) => ({ type: 'call-ticket', ticketId, ...a })));
  commands.on('ticket:recall', () => ticketAction((a) => ({ type: 'recall', ...a })));
  commands.on('ticket:start', () => ticketAction((a) => ({ type: 'start', ...a })));
  commands.on('ticket:finish', (p) => ticketAction((a) => ({ type: 'finish', ...p, ...a })));
  commands.on('ticket:no-show', () => ticketAction((a) => ({ type: 'no-show', ...a })));
  commands.on('ticket:transfer', (p) => ticketAction((a) => ({ type: 'transfer', ...p, ...a })));
}
