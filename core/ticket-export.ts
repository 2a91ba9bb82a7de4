// The per-ticket sheet of the exports (CSV and XLSX): names a manager reads (service, priority
// category, reasons, officer), each code in its own column for systems, exact durations in minutes
// and in seconds. Pure: the server only writes the cells out.
import type { ConfigIndex } from './config.ts';
import type { Cell, Column } from './report-tables.ts';
import { col } from './report-tables.ts';
import { calledAtDayEnd, serviceMillis, ticketFields, waitingMillis } from './service-record.ts';
import type { Ticket } from './ticket.ts';
import { exportHeaders as H, outcomeText, transferText } from './text/manager.ts';
import { fill } from './i18n.ts';

export const TICKET_SHEET = 'Danh sách phiếu';

export const TICKET_COLUMNS: Column[] = [
  col(H.day, 'date', 11), col(H.number, 'text', 9), col(H.departmentCode, 'text', 10), col(H.department, 'text', 30),
  col(H.serviceCode, 'text', 12), col(H.service, 'text', 28), col(H.issuedForCode, 'text', 12), col(H.issuedFor, 'text', 24),
  col(H.priorityCode, 'text', 10), col(H.priority, 'text', 20), col(H.procedureCode, 'text', 14), col(H.procedure, 'text', 36),
  col(H.dossierCodes, 'text', 30), col(H.counter, 'int', 6), col(H.officer, 'text', 24), col(H.officerUsername, 'text', 14),
  col(H.issuedAt, 'time', 18), col(H.calledAt, 'time', 18), col(H.startedAt, 'time', 18), col(H.finishedAt, 'time', 18),
  col(H.waitMin, 'decimal', 10), col(H.waitSec, 'int', 10), col(H.serviceMin, 'decimal', 10), col(H.serviceSec, 'int', 10),
  col(H.outcome, 'text', 16), col(H.endReason, 'text', 24), col(H.note, 'text', 36), col(H.transfers, 'text', 36),
  col(H.score, 'int', 8), col(H.ratingLabel, 'text', 18), col(H.reasons, 'text', 30), col(H.reasonCodes, 'text', 20),
  col(H.comment, 'text', 40),
];

export interface ExportNames {
  /** The officer's display name. */
  officerName: (id: string | null) => string | null;
  /** The officer's username: the code column beside the name (user ids are random). */
  officerUsername: (id: string | null) => string | null;
}

/** Minutes to one decimal, rounded once from the exact duration (8.669 s is 0.1, not 0.2). */
const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6_000) / 10);
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1_000));
const instant = (at: number | null) => at;

/**
 * One exported line per ticket, without the ticket id: it is the secret of the ticket's status
 * page, and these files travel.
 */
export function ticketExportCells(t: Ticket, index: ConfigIndex, names: ExportNames): Cell[] {
  const r = ticketFields(t, index, names.officerName);
  const serviceName = (code: string) => index.service.get(code)?.nameVi ?? code;
  const procedure = r.procedureCode === null ? undefined : index.config.procedures.find((p) => p.code === r.procedureCode);
  const reasonName = new Map(index.config.rating.reasons.map((x) => [x.code, x.nameVi]));
  const outcome = calledAtDayEnd(t) ? outcomeText.calledAtDayEnd : outcomeText[r.outcome ?? 'open'];
  const transfers = t.transfers.map((x) => {
    const to = x.toCounter === null ? serviceName(x.toService) : fill(transferText.counter, { service: serviceName(x.toService), n: x.toCounter });
    return `${fill(transferText.counter, { service: serviceName(x.fromService), n: x.fromCounter })} → ${to}`;
  });
  const issuedFor = r.issuedForService === r.serviceCode ? null : r.issuedForService;
  return [
    r.day, r.ticketNumber, r.departmentCode, r.departmentName, r.serviceCode, r.serviceName,
    issuedFor ?? '', issuedFor ? serviceName(issuedFor) : '',
    t.priority ?? '', t.priority === null ? '' : index.priority.get(t.priority)?.nameVi ?? t.priority,
    r.procedureCode ?? '', procedure?.name ?? '',
    r.dossierCodes.join('; '), r.counter, r.officerName ?? '', names.officerUsername(t.officerId) ?? '',
    instant(t.issuedAt), instant(t.calledAt), instant(t.startedAt), instant(t.finishedAt),
    minutes(waitingMillis(t)), seconds(waitingMillis(t)), minutes(serviceMillis(t)), seconds(serviceMillis(t)),
    outcome.vi, r.endReason ?? '', t.note ?? '', transfers.join('; '),
    r.rating?.score ?? null, r.rating ? r.rating.label ?? transferText.unanswered : '',
    r.rating?.reasons.map((code) => reasonName.get(code) ?? code).join('; ') ?? '', r.rating?.reasons.join('; ') ?? '',
    r.rating?.comment ?? '',
  ];
}
