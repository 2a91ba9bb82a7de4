// Issuing rules: is this service taking tickets now, and what number comes next.
import type { ConfigIndex, IssuingWindow, Service } from './config.ts';
import type { Command } from './commands.ts';
import type { DayState, Ticket } from './ticket.ts';
import { formatTicketNumber } from './ticket.ts';
import { localDay, localTimeOfDay, localWeekday } from './time.ts';
import { Refusal } from './refusal.ts';
import { issueEstimate } from './estimate.ts';
import { isValidDossierCode, normalizeDossierCode } from './dossier.ts';
import { waitingTickets } from './ticket.ts';
import { bookedQueueTime, bypassesForBooking } from './booking/ordering.ts';

type IssueCommand = Extract<Command, { type: 'issue' }>;

export interface PreparedIssue {
  service: Service;
  prefix: string;
  seq: number;
  /** The wait the citizen is told, kept on the ticket to be measured later. */
  estimateMin: number | null;
  /** How a booked ticket joins the queue (the configuration's bookings.queueRule). */
  queueRule: 'slot-time' | 'ratio';
}

export function windowsOf(index: ConfigIndex, service: Service): IssuingWindow[] {
  return service.windows ?? index.config.center.defaultWindows;
}

export function formatWindows(windows: IssuingWindow[]): string {
  return windows.map((w) => `${w.start}–${w.end}`).join(', ');
}

export type Availability =
  | { open: true }
  | { open: false; code: 'SERVICE_INACTIVE' | 'NOT_WORKING_DAY' | 'WINDOW_CLOSED' | 'CAP_REACHED'; params: Record<string, string | number> };

/** Whether a service takes tickets at `now`: shown on kiosks, enforced on issue. */
export function availability(state: DayState, index: ConfigIndex, service: Service, now: number): Availability {
  const center = index.config.center;
  if (!service.active) return { open: false, code: 'SERVICE_INACTIVE', params: {} };
  if (center.enforceWindows) {
    if (!center.workingDays.includes(localWeekday(now)) || center.holidays.includes(localDay(now))) {
      return { open: false, code: 'NOT_WORKING_DAY', params: {} };
    }
    const windows = windowsOf(index, service);
    const time = localTimeOfDay(now);
    if (!windows.some((w) => w.start <= time && time < w.end)) {
      return { open: false, code: 'WINDOW_CLOSED', params: { windows: formatWindows(windows) } };
    }
  }
  const issued = state.sequences[service.prefix] ?? 0;
  if (service.dailyCap !== null && issued >= service.dailyCap) {
    return { open: false, code: 'CAP_REACHED', params: { cap: service.dailyCap } };
  }
  return { open: true };
}

export function checkIssuing(state: DayState, index: ConfigIndex, cmd: IssueCommand, now: number): PreparedIssue | Refusal {
  const service = index.service.get(cmd.serviceCode);
  if (!service) return new Refusal('UNKNOWN_SERVICE', { service: cmd.serviceCode });
  if (cmd.priority !== null && !index.priority.has(cmd.priority)) return new Refusal('UNKNOWN_PRIORITY');
  const procedure = cmd.procedureCode ?? null;
  if (procedure !== null && !index.config.procedures.some((p) => p.code === procedure && p.serviceCode === service.code)) {
    return new Refusal('UNKNOWN_PROCEDURE', { procedure, service: service.nameVi });
  }
  const available = availability(state, index, service, now);
  if (!available.open && !(cmd.booking && bypassesForBooking(available.code))) return new Refusal(available.code, available.params);
  const dossier = checkDossierCodes(state, cmd.dossierCodes ?? []);
  if (dossier) return dossier;
  return {
    service, prefix: service.prefix, seq: (state.sequences[service.prefix] ?? 0) + 1,
    estimateMin: index.noEstimates ? null : issueEstimate(state, index, service.code, cmd.priority, now),
    queueRule: index.config.bookings.queueRule,
  };
}

export function newTicket(day: string, cmd: IssueCommand, p: PreparedIssue, now: number): Ticket {
  return {
    id: cmd.id, day, seq: p.seq, number: formatTicketNumber(p.prefix, p.seq),
    serviceCode: p.service.code, departmentCode: p.service.departmentCode, priority: cmd.priority,
    status: 'waiting', issuedAt: now, queuedAt: bookedQueueTime(cmd.booking ?? null, now, p.queueRule), calledAt: null, startedAt: null, finishedAt: null,
    counter: null, officerId: null, targetCounter: null, calls: 0,
    procedureCode: cmd.procedureCode ?? null, dossierCodes: [...new Set((cmd.dossierCodes ?? []).map(normalizeDossierCode))], note: null, transfers: [],
    history: [{ at: now, type: 'issued' }], source: cmd.source, rating: null, endReason: null,
    estimateMin: p.estimateMin,
    ...(cmd.booking ? { booking: cmd.booking } : {}),
    ...(cmd.phone ? { phone: cmd.phone } : {}),
  };
}

/** Codes attached at issue (result pick-up): well formed, and not already waiting on another ticket today. */
function checkDossierCodes(state: DayState, raw: string[]): Refusal | null {
  const codes = raw.map(normalizeDossierCode);
  const bad = codes.find((c) => !isValidDossierCode(c));
  if (bad !== undefined) return new Refusal('INVALID_DOSSIER_CODE', { code: bad });
  if (codes.length === 0) return null;
  for (const t of waitingTickets(state)) {
    const same = t.dossierCodes.find((c) => codes.includes(c));
    if (same !== undefined) return new Refusal('DOSSIER_ALREADY_WAITING', { code: same, number: t.number });
  }
  return null;
}
