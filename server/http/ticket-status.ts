// Public ticket status for the QR code: today's tickets from memory, older ones from their day
// file (they read as served, missed or expired).
import type { DayState } from '@core/ticket.ts';
import type { PublicTicketStatus } from '@core/views.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { QueueService } from '../queue/queue-service.ts';
import { publicStatus } from '../queue/ticket-views.ts';
import { dayOfTicketId } from '../queue/ids.ts';
import type { Store } from '../store/store.ts';
import type { DroppedTickets } from '../admin/restore-numbering.ts';
import type { Clock } from '../deps.ts';

const TICKET_ID = /^[A-Za-z0-9_-]{16,64}$/;

export interface TicketStatusDeps {
  queue: Pick<QueueService, 'current'>;
  config: LiveConfig;
  store: Pick<Store, 'readDay'>;
  /** Tickets a same-day restore took back (server/admin/restore-numbering.ts). */
  dropped?: DroppedTickets;
  /** The status page's estimate is a wait from now. */
  clock: Pick<Clock, 'now'>;
}

export type TicketStatusLookup = (id: string) => Promise<PublicTicketStatus | null>;

/** One per server: it keeps the past days it read (a QR scanned again reads no file). */
export function ticketStatusLookup({ queue, config, store, clock, dropped = {} }: TicketStatusDeps): TicketStatusLookup {
  const pastDays = new Map<string, DayState | null>();
  return async (id) => {
    if (!TICKET_ID.test(id)) return null;
    const today = queue.current;
    const live = today.tickets[id];
    if (live) return publicStatus(today, config.index, live, clock.now());
    const gone = dropped[id];
    if (gone) {
      const service = config.index.service.get(gone.serviceCode);
      return {
        number: gone.number, serviceNameVi: service?.nameVi ?? gone.serviceCode, serviceNameEn: service?.nameEn ?? gone.serviceCode,
        status: 'cancelled', endReason: 'restored', ahead: 0, etaMin: null, counter: null, calledAt: null, issuedAt: gone.issuedAt, day: gone.day,
      };
    }
    const day = dayOfTicketId(id);
    if (!day || day >= today.day) return null;
    if (!pastDays.has(day)) {
      if (pastDays.size > 14) pastDays.clear();
      pastDays.set(day, await store.readDay(day).catch(() => null));
    }
    const state = pastDays.get(day);
    const ticket = state?.tickets[id];
    return state && ticket ? publicStatus(state, config.index, ticket, clock.now()) : null;
  };
}
