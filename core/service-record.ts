// The service record: what the dossier system receives for every ticket that ended (served,
// no-show, cancelled or expired). Built from the ticket alone, so it can be rebuilt at any time from
// the day files: the export outbox only remembers which version of it was delivered.
// Schema and example: docs/api.md, "Service records".
import type { ConfigIndex } from './config.ts';
import type { Ticket, Transfer } from './ticket.ts';
import { isFinal } from './ticket.ts';
import { VN_OFFSET_MS } from './time.ts';

export const SERVICE_RECORD_SCHEMA = 'luot.service-record/1';

export type Outcome = 'served' | 'no-show' | 'cancelled' | 'expired';

/** A transfer as the dossier system receives it: the ticket's own record, with an ISO time. */
export type RecordTransfer = Omit<Transfer, 'at'> & { at: string };

export interface RecordRating {
  /** 1 (very unsatisfied) … 5 (very satisfied); null: asked, but the citizen did not answer. */
  score: number | null;
  label: string | null;
  reasons: string[];
  comment: string;
  at: string;
}

export interface ServiceRecordBody {
  schema: typeof SERVICE_RECORD_SCHEMA;
  /** Stable for the life of the record: an update (a late rating) carries the same key. */
  key: string;
  ticketId: string;
  ticketNumber: string;
  day: string;
  departmentCode: string;
  departmentName: string;
  serviceCode: string;
  serviceName: string;
  /** The service the ticket was issued for, when a transfer moved it elsewhere. */
  issuedForService: string;
  priority: string | null;
  procedureCode: string | null;
  dossierCodes: string[];
  counter: number | null;
  officerId: string | null;
  officerName: string | null;
  /** ISO 8601 in local time (+07:00). */
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** Seconds spent waiting in queues (before each call), or null when never called. */
  waitingSeconds: number | null;
  /** Seconds at the counter for a served ticket, else null. */
  serviceSeconds: number | null;
  outcome: Outcome;
  /** Why it ended without service (a manager's reason), else null. */
  endReason: string | null;
  note: string | null;
  transfers: RecordTransfer[];
  rating: RecordRating | null;
}

/** As delivered and pulled: the body plus its version and place in the export order. */
export interface ServiceRecord extends ServiceRecordBody {
  /** 1 for the first version; a later change (a rating) is the same key with a higher revision. */
  revision: number;
  /** Position in the pull order (the cursor); grows with every new version. */
  sequence: number;
}

/** Local ISO time with the +07:00 offset, e.g. 2026-11-23T09:14:05+07:00. */
export function localIso(at: number): string {
  return new Date(at + VN_OFFSET_MS).toISOString().slice(0, 19) + '+07:00';
}

const iso = (at: number | null) => (at === null ? null : localIso(at));

/**
 * A step's time since an earlier one; none when the PC's clock was set back between them (an NTP
 * correction on a machine whose clock ran ahead): a negative wait would skew every average, and
 * the province hub refuses the record (docs/hub.md), which then waits at the site for ever.
 */
export const elapsed = (from: number, to: number) => Math.max(0, to - from);

/**
 * Milliseconds spent waiting: from issue (or a transfer away from a counter) to the next call,
 * summed. A ticket never called has no waiting time (it is censored, not zero).
 */
export function waitingMillis(t: Ticket): number | null {
  let since: number | null = null;
  let total = 0;
  let called = false;
  for (const step of t.history) {
    if (step.type === 'issued') since = step.at;
    else if (step.type === 'called') {
      if (since !== null) total += elapsed(since, step.at);
      since = null;
      called = true;
    } else if (step.type === 'transferred' && since === null) since = step.at; // back in a queue
  }
  return called ? total : null;
}

/**
 * Milliseconds at the counter that finished it, from the start (or from the last call when started
 * straight from it: a recall moves calledAt, so service counts from the last call); null for
 * anything but a served ticket.
 */
export function serviceMillis(t: Ticket): number | null {
  if (t.status !== 'done' || t.finishedAt === null) return null;
  const from = t.startedAt ?? t.calledAt;
  return from === null ? null : elapsed(from, t.finishedAt);
}

/** Whole seconds, rounded once per ticket (the figures average these). */
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

export function waitingSeconds(t: Ticket): number | null {
  return seconds(waitingMillis(t));
}

/** Seconds at the counter that finished it; null for anything but a served ticket. */
export function serviceSeconds(t: Ticket): number | null {
  return seconds(serviceMillis(t));
}

/**
 * The counter that called it last: where it is, or was before a transfer sent it back to a queue
 * where nobody called it again. Reports count a ticket for this counter, as for its officer.
 */
export function lastCounter(t: Ticket): number | null {
  if (t.counter !== null) return t.counter;
  for (let i = t.history.length - 1; i >= 0; i--) {
    const step = t.history[i]!;
    if ((step.type === 'called' || step.type === 'recalled') && step.counter !== undefined) return step.counter;
  }
  return null;
}

/**
 * Called (or recalled) and still not at the counter when the day ended: the citizen did not come,
 * so reports count it as a no-show rather than as expired while waiting.
 */
export function calledAtDayEnd(t: Ticket): boolean {
  if (t.status !== 'cancelled' || t.endReason !== 'expired') return false;
  const before = t.history[t.history.length - 2];
  return before !== undefined && (before.type === 'called' || before.type === 'recalled');
}

export function outcomeOf(t: Ticket): Outcome | null {
  switch (t.status) {
    case 'done': return 'served';
    case 'no-show': return 'no-show';
    case 'cancelled': return t.endReason === 'expired' ? 'expired' : 'cancelled';
    default: return null;
  }
}

export function recordKey(t: Ticket): string {
  return t.id;
}

/** The record of a ticket that ended, or null while it is still in the queue. */
export function buildServiceRecord(t: Ticket, index: ConfigIndex, officerName: (id: string | null) => string | null): ServiceRecordBody | null {
  const fields = ticketFields(t, index, officerName);
  return isFinal(t.status) && fields.outcome !== null ? { ...fields, outcome: fields.outcome } : null;
}

/** The same fields for any ticket (exports list today's unfinished ones too): outcome null while open. */
export function ticketFields(t: Ticket, index: ConfigIndex, officerName: (id: string | null) => string | null): Omit<ServiceRecordBody, 'outcome'> & { outcome: Outcome | null } {
  const outcome = outcomeOf(t);
  const levels = index.config.rating.levels;
  return {
    schema: SERVICE_RECORD_SCHEMA,
    key: recordKey(t),
    ticketId: t.id,
    ticketNumber: t.number,
    day: t.day,
    departmentCode: t.departmentCode,
    departmentName: index.department.get(t.departmentCode)?.nameVi ?? t.departmentCode,
    serviceCode: t.serviceCode,
    serviceName: index.service.get(t.serviceCode)?.nameVi ?? t.serviceCode,
    issuedForService: t.transfers[0]?.fromService ?? t.serviceCode,
    priority: t.priority,
    procedureCode: t.procedureCode,
    dossierCodes: t.dossierCodes,
    counter: lastCounter(t),
    officerId: t.officerId,
    officerName: officerName(t.officerId),
    issuedAt: localIso(t.issuedAt),
    calledAt: iso(t.calledAt),
    startedAt: iso(t.startedAt),
    finishedAt: iso(t.finishedAt),
    waitingSeconds: waitingSeconds(t),
    serviceSeconds: serviceSeconds(t),
    outcome,
    endReason: outcome === 'cancelled' ? t.endReason : null,
    note: t.note,
    transfers: t.transfers.map((x) => ({
      at: localIso(x.at), fromService: x.fromService, toService: x.toService, fromCounter: x.fromCounter,
      toCounter: x.toCounter, officerId: x.officerId, note: x.note,
    })),
    rating: t.rating ? {
      score: t.rating.score,
      label: t.rating.score === null ? null : levels[t.rating.score - 1]?.nameVi ?? null,
      reasons: t.rating.reasons,
      comment: t.rating.comment,
      at: localIso(t.rating.at),
    } : null,
  };
}
