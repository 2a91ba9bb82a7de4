// Counter consoles: an officer opens one counter and acts only on it. The counter is found from
// the server's state, not from the client, so a second tab or a reload acts on the same counter.
import type { Command, CounterActor } from '@core/commands.ts';
import { Refusal } from '@core/refusal.ts';
import { summarize } from '@core/views.ts';
import type { TicketSummary } from '@core/views.ts';
import type { AppContext, LuotSocket } from '../../context.ts';
import type { UserRecord } from '../../auth/records.ts';
import { onCommand } from '../command.ts';
import { viewOfCounter, waitingFor } from '../snapshots.ts';

/** Rooms an officer's sockets join while a counter is open: its own, and its services' queues. */
export function counterRooms(ctx: AppContext, counter: number): string[] {
  const cfg = ctx.queue.config.counter.get(counter);
  return [`counter:${counter}`, ...(cfg?.services ?? []).map((s) => `service:${s.serviceCode}`)];
}

export function joinCounterRooms(ctx: AppContext, userId: string, counter: number): void {
  ctx.io.in(`user:${userId}`).socketsJoin(counterRooms(ctx, counter));
}

export function leaveCounterRooms(ctx: AppContext, userId: string, counter: number): void {
  ctx.io.in(`user:${userId}`).socketsLeave(counterRooms(ctx, counter));
}

export function registerCounter(ctx: AppContext, socket: LuotSocket, user: UserRecord): void {
  const own = ctx.queue.counterOfOfficer(user.id);
  if (own) void socket.join(counterRooms(ctx, own.number));

  const actor = (): CounterActor | Refusal => {
    const c = ctx.queue.counterOfOfficer(user.id);
    return c ? { counter: c.number, officerId: user.id } : new Refusal('COUNTER_NOT_OPEN');
  };

  const ticketAction = async (make: (a: CounterActor) => Command): Promise<TicketSummary | Refusal> => {
    const a = actor();
    if (a instanceof Refusal) return a;
    const result = await ctx.queue.execute(make(a));
    if (!result.ok) return new Refusal(result.code, result.params);
    return summarize(result.ticket!);
  };

  onCommand(ctx, socket, 'counter:open', async ({ counter }) => {
    if (user.counters.length > 0 && !user.counters.includes(counter)) return new Refusal('FORBIDDEN');
    const result = await ctx.queue.execute({ type: 'open-counter', counter, officerId: user.id });
    if (!result.ok) return new Refusal(result.code, result.params);
    joinCounterRooms(ctx, user.id, counter);
    return viewOfCounter(ctx, counter);
  });
  onCommand(ctx, socket, 'counter:pause', async ({ reason }) => {
    const a = actor();
    if (a instanceof Refusal) return a;
    const result = await ctx.queue.execute({ type: 'pause-counter', reason, ...a });
    return result.ok ? viewOfCounter(ctx, a.counter) : new Refusal(result.code, result.params);
  });
  onCommand(ctx, socket, 'counter:resume', async () => {
    const a = actor();
    if (a instanceof Refusal) return a;
    const result = await ctx.queue.execute({ type: 'resume-counter', ...a });
    return result.ok ? viewOfCounter(ctx, a.counter) : new Refusal(result.code, result.params);
  });
  onCommand(ctx, socket, 'counter:close', async () => {
    const a = actor();
    if (a instanceof Refusal) return a;
    const result = await ctx.queue.execute({ type: 'close-counter', ...a });
    if (!result.ok) return new Refusal(result.code, result.params);
    leaveCounterRooms(ctx, user.id, a.counter);
    return viewOfCounter(ctx, a.counter);
  });

  // The console keeps its list live from events and asks for the authoritative call order here,
  // which is cheaper than a whole snapshot (no catalog, no figures).
  onCommand(ctx, socket, 'queue:get', () => {
    const c = ctx.queue.counterOfOfficer(user.id);
    return { now: ctx.clock.now(), waiting: c ? waitingFor(ctx, c.number).map(summarize) : [] };
  });

  onCommand(ctx, socket, 'ticket:call-next', () => ticketAction((a) => ({ type: 'call-next', ...a })));
  onCommand(ctx, socket, 'ticket:call', ({ ticketId }) => ticketAction((a) => ({ type: 'call-ticket', ticketId, ...a })));
  onCommand(ctx, socket, 'ticket:recall', () => ticketAction((a) => ({ type: 'recall', ...a })));
  onCommand(ctx, socket, 'ticket:start', () => ticketAction((a) => ({ type: 'start', ...a })));
  onCommand(ctx, socket, 'ticket:finish', (p) => ticketAction((a) => ({ type: 'finish', ...p, ...a })));
  onCommand(ctx, socket, 'ticket:no-show', () => ticketAction((a) => ({ type: 'no-show', ...a })));
  onCommand(ctx, socket, 'ticket:transfer', (p) => ticketAction((a) => ({ type: 'transfer', ...p, ...a })));
}
