// Public ticket status for the QR code: today's tickets from memory, older ones from their day
// file (they read as served, missed or expired).
import type { DayState } from '@core/ticket.ts';
import type { PublicTicketStatus } from '@core/views.ts';
import type { AppContext } from '../context.ts';
import { publicStatus } from '../queue/ticket-views.ts';
import { dayOfTicketId } from '../queue/ids.ts';

const TICKET_ID = /^[A-Za-z0-9_-]{16,64}$/;
const pastDays = new WeakMap<AppContext, Map<string, DayState | null>>();

export async function lookupTicketStatus(ctx: AppContext, id: string): Promise<PublicTicketStatus | null> {
  if (!TICKET_ID.test(id)) return null;
  const today = ctx.queue.current;
  const live = today.tickets[id];
  if (live) return publicStatus(today, ctx.queue.config, live);
  const day = dayOfTicketId(id);
  if (!day || day >= today.day) return null;
  let cache = pastDays.get(ctx);
  if (!cache) pastDays.set(ctx, (cache = new Map()));
  if (!cache.has(day)) {
    if (cache.size > 14) cache.clear();
    cache.set(day, await ctx.store.readDay(day).catch(() => null));
  }
  const state = cache.get(day);
  const ticket = state?.tickets[id];
  return state && ticket ? publicStatus(state, ctx.queue.config, ticket) : null;
}
