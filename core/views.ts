// What clients see: projections of the state, built by the server, typed for every app.
import type { AgePriority } from './age-priority.ts';
import type { CenterInfo, ConfigIndex, Department, PriorityCategory, Service } from './config.ts';
import type { ServiceFigures } from './estimate.ts';
import type { CounterState, Ticket, TicketStatus } from './ticket.ts';
import type { Availability } from './issuing.ts';
import type { RatingSettings } from './rating.ts';

/** A ticket as officers, displays and managers see it (no history, no personal data). */
export interface TicketSummary {
  id: string;
  /** The daily sequence behind `number`: screens order tickets with core's fifo, as the server does. */
  seq: number;
  number: string;
  serviceCode: string;
  departmentCode: string;
  priority: string | null;
  status: TicketStatus;
  issuedAt: number;
  queuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  counter: number | null;
  targetCounter: number | null;
  calls: number;
  transferred: boolean;
  /** Chosen at the kiosk, or recorded by the officer when finishing (always set by summarize). */
  procedureCode?: string | null;
  /** Dossier codes: attached at the kiosk for a result pick-up, or recorded when finishing (always set by summarize). */
  dossierCodes?: string[];
  /** A booked ticket's slot (the "Đặt lịch" badge); null for a walk-in. The booking code stays off screens. */
  booking?: { slotStart: number; slotEnd: number } | null;
}

export function summarize(t: Ticket): TicketSummary {
  return {
    id: t.id, seq: t.seq, number: t.number, serviceCode: t.serviceCode, departmentCode: t.departmentCode,
    priority: t.priority, status: t.status, issuedAt: t.issuedAt, queuedAt: t.queuedAt,
    calledAt: t.calledAt, startedAt: t.startedAt, finishedAt: t.finishedAt, counter: t.counter,
    targetCounter: t.targetCounter, calls: t.calls, transferred: t.transfers.length > 0, procedureCode: t.procedureCode,
    dossierCodes: t.dossierCodes,
    booking: t.booking ? { slotStart: t.booking.slotStart, slotEnd: t.booking.slotEnd } : null,
  };
}

export interface CounterView {
  number: number;
  nameVi: string;
  nameEn: string;
  zone: string;
  services: { serviceCode: string; weight: number }[];
  status: CounterState['status'];
  officerId: string | null;
  officerName: string | null;
  pauseReason: string | null;
  since: number;
  current: TicketSummary | null;
  servedToday: number;
}

export interface CatalogService extends Pick<Service, 'code' | 'departmentCode' | 'nameVi' | 'nameEn' | 'prefix' | 'dailyCap' | 'targetWaitMin' | 'order' | 'resultReturn'> {
  availability: Availability;
  /** Counters that serve it, for "go to counters 3, 4". */
  counters: number[];
}

export interface Catalog {
  /** logoUrl: /media/logo?v=… (core/logo.ts), null when the center has no logo. */
  center: Pick<CenterInfo, 'nameVi' | 'nameEn' | 'address'> & { logoUrl: string | null };
  day: string;
  departments: Department[];
  services: CatalogService[];
  priorityCategories: PriorityCategory[];
  figures: ServiceFigures[];
  /** The `search:data` version: a kiosk fetches the search data again when it changes. */
  searchVersion: string;
  /** Messages to phones are on: the kiosk offers its optional phone step before a walk-in ticket. */
  phoneStep?: boolean;
  /** The age rule of a scanned ID card (core/age-priority.ts), so the kiosk can say "ưu tiên" at once. */
  agePriority?: AgePriority | null;
}

export interface CallView {
  ticket: TicketSummary;
  counter: number;
  zone: string;
  recall: boolean;
  at: number;
}

/**
 * A ticket as a lobby board sees it: its number, never its id. The id is the secret of the
 * ticket's status page (/t/<id>), and a board is a screen anyone in the hall can look into.
 */
export type BoardTicket = Omit<TicketSummary, 'id'>;
/** A call as the boards hear it ('board:called', snapshots, announcements). */
export interface BoardCallView extends Omit<CallView, 'ticket'> {
  ticket: BoardTicket;
}
/** A counter as the boards see it ('board:counter', snapshots). */
export interface BoardCounterView extends Omit<CounterView, 'current'> {
  current: BoardTicket | null;
}

export function boardTicket(t: TicketSummary): BoardTicket {
  const { id: _secret, ...shown } = t;
  return shown;
}
export const boardCall = (c: CallView): BoardCallView => ({ ...c, ticket: boardTicket(c.ticket) });
export const boardCounter = (c: CounterView): BoardCounterView => ({ ...c, current: c.current && boardTicket(c.current) });

export interface CounterSnapshot {
  day: string;
  /** The counter this officer has open, or null (then the console offers to open one). */
  counter: CounterView | null;
  /** Counters the officer may open (their assignment, or all when unassigned). */
  allowedCounters: number[];
  /** Waiting tickets this counter can call, in the order call-next would take them. */
  waiting: TicketSummary[];
  figures: ServiceFigures[];
  /** Server time of the snapshot: consoles measure live timers against it, not their own clock. */
  now: number;
  /** Who is signed in, for the console's header. */
  officer: { id: string; displayName: string } | null;
  /** Names for tickets in the list and targets for transfers. */
  services: ServiceRef[];
  counters: CounterRef[];
  priorityCategories: PriorityCategory[];
  /** Tickets this counter ended today (done, no-show, transferred away), newest first. */
  recent: TicketSummary[];
  /** The `search:data` version: the transfer and finish pickers rebuild their index when it changes. */
  searchVersion: string;
}

export type ServiceRef = Pick<Service, 'code' | 'departmentCode' | 'nameVi' | 'nameEn' | 'prefix' | 'targetWaitMin'>;

export interface CounterRef {
  number: number;
  nameVi: string;
  nameEn: string;
  zone: string;
  services: string[];
  status: CounterState['status'];
  /** This is the signed-in officer's usual counter (its default officer): offered first. */
  usual: boolean;
}

/** A counter's waiting list on request (`queue:get`), lighter than a whole snapshot. */
export interface CounterQueue {
  now: number;
  waiting: TicketSummary[];
}

export interface DisplaySnapshot {
  center: Pick<CenterInfo, 'nameVi' | 'nameEn'> & { logoUrl: string | null };
  day: string;
  zone: string | null;
  counters: BoardCounterView[];
  recentCalls: BoardCallView[];
  figures: ServiceFigures[];
}

export interface ManagerSnapshot {
  day: string;
  counters: CounterView[];
  figures: ServiceFigures[];
  recentCalls: CallView[];
  totals: Record<TicketStatus, number>;
}

export interface RatingPadSnapshot {
  counter: CounterView;
  /** A finished ticket still waiting for its rating, if any. */
  pending: RatingRequest | null;
  /** Labels, reasons and timeout from the center's configuration. */
  settings: RatingSettings;
  /** Server time of the snapshot, to count down a pending request from its finish time. */
  now: number;
}

export interface RatingRequest {
  counter: number;
  ticket: TicketSummary;
  officerName: string | null;
  timeoutSec: number;
}

/** What the public status page (QR code) shows: no ids of staff, no other tickets. */
export interface PublicTicketStatus {
  number: string;
  serviceNameVi: string;
  serviceNameEn: string;
  status: TicketStatus;
  /** 'expired' when the day ended before service. */
  endReason: string | null;
  ahead: number;
  etaMin: number | null;
  counter: number | null;
  calledAt: number | null;
  issuedAt: number;
  day: string;
}

export function counterView(index: ConfigIndex, state: CounterState, current: Ticket | null, officerName: string | null): CounterView {
  const cfg = index.counter.get(state.number)!;
  return {
    number: state.number, nameVi: cfg.nameVi, nameEn: cfg.nameEn, zone: cfg.zone, services: cfg.services,
    status: state.status, officerId: state.officerId, officerName, pauseReason: state.pauseReason,
    since: state.since, current: current ? summarize(current) : null, servedToday: state.servedToday,
  };
}
