// The engine's vocabulary: commands in, events out. Identities (ticket ids) are made by the
// caller, so the engine stays a pure function of (state, command, now).
import type { ErrorCode, Params } from './i18n.ts';
import type { CounterState, DayState, Ticket } from './ticket.ts';
import type { TicketBooking } from './booking/types.ts';

export interface CounterActor {
  counter: number;
  officerId: string;
}

export type Command =
  | {
      type: 'issue'; id: string; serviceCode: string; priority: string | null; source: Ticket['source']; procedureCode?: string | null;
      /** Result pick-up: the dossier code(s) from the receipt, attached to the ticket for the officer and the record. */
      dossierCodes?: string[];
      /** A booking checked in at the kiosk: its place in the queue follows core/booking/ordering.ts. */
      booking?: TicketBooking | null;
      phone?: string | null;
    }
  | ({ type: 'open-counter' } & CounterActor)
  | ({ type: 'pause-counter'; reason: string } & CounterActor)
  | ({ type: 'resume-counter' } & CounterActor)
  /** `override`: a manager closing a counter an officer left open. */
  | ({ type: 'close-counter'; override?: boolean } & CounterActor)
  | ({ type: 'call-next' } & CounterActor)
  | ({ type: 'call-ticket'; ticketId: string } & CounterActor)
  | ({ type: 'recall' } & CounterActor)
  | ({ type: 'start' } & CounterActor)
  | ({ type: 'finish'; procedureCode: string | null; dossierCodes: string[]; note: string } & CounterActor)
  | ({ type: 'no-show' } & CounterActor)
  | ({ type: 'transfer'; toService: string | null; toCounter: number | null; note: string } & CounterActor)
  | { type: 'cancel'; ticketId: string; by: string; reason: string }
  /** An admin moves every waiting ticket of a service to another (core/move-waiting.ts). */
  | { type: 'move-waiting'; fromService: string; toService: string; by: string; note: string }
  | { type: 'rate'; counter: number; ticketId: string; score: number | null; reasons: string[]; comment: string }
  | { type: 'rollover' };

export type DomainEvent =
  | { type: 'ticket:issued'; ticket: Ticket }
  | { type: 'ticket:called'; ticket: Ticket; counter: number; recall: boolean }
  | { type: 'ticket:started'; ticket: Ticket }
  | { type: 'ticket:finished'; ticket: Ticket }
  | { type: 'ticket:no-show'; ticket: Ticket }
  /** fromCounter is null when an admin moved a waiting ticket (no counter had it). */
  | { type: 'ticket:transferred'; ticket: Ticket; fromService: string; fromCounter: number | null }
  | { type: 'ticket:cancelled'; ticket: Ticket }
  | { type: 'ticket:rated'; ticket: Ticket }
  | { type: 'counter:updated'; counter: CounterState }
  | { type: 'day:started'; day: string };

/** What one command changed in a day: upserted tickets and counters, and small maps if touched. */
export interface DayChanges {
  tickets: Ticket[];
  counters: CounterState[];
  /** The whole prefix → sequence map, when a ticket was issued. */
  sequences?: Record<string, number>;
  /** Only the services whose recent service times changed. */
  recentServiceSec?: Record<string, number[]>;
}

export type Decision =
  | { ok: true; changes: DayChanges; events: DomainEvent[]; ticket: Ticket | null; counter: CounterState | null }
  | { ok: false; code: ErrorCode; params: Params };

export type ApplyResult =
  | {
      ok: true;
      state: DayState;
      events: DomainEvent[];
      /** The ticket the command created or acted on, if any. */
      ticket: Ticket | null;
      counter: CounterState | null;
      /** Set when the command crossed local midnight: yesterday, with unfinished tickets expired. */
      closedDay: DayState | null;
      /** The command's own changes (empty for a bare rollover). */
      changes: DayChanges;
    }
  | { ok: false; code: ErrorCode; params: Params };
