// Ticket views shared by the socket handlers and the REST API.
import type { ConfigIndex } from '@core/config.ts';
import { peopleAhead, ticketPosition } from '@core/estimate.ts';
import type { IssuedTicket } from '@core/protocol.ts';
import type { DayState, Ticket } from '@core/ticket.ts';
import type { PublicTicketStatus } from '@core/views.ts';
import { summarize } from '@core/views.ts';

export function statusPath(ticket: Ticket): string {
  return `/t/${ticket.id}`;
}

export function issuedView(state: DayState, index: ConfigIndex, ticket: Ticket, now: number): IssuedTicket {
  const service = index.service.get(ticket.serviceCode)!;
  const department = index.department.get(ticket.departmentCode);
  // What was recorded at issue is what the citizen reads: the figure measured later is the one
  // printed. Then only the people ahead are counted: the projection (the costly part of an issue
  // with hundreds waiting) is not run a second time for a figure nobody reads.
  const recorded = ticket.status === 'waiting' && ticket.estimateMin !== undefined;
  const position = recorded
    ? { ahead: peopleAhead(state, ticket), etaMin: ticket.estimateMin ?? null }
    : ticketPosition(state, index, ticket, now);
  return {
    ticket: summarize(ticket),
    procedureName: ticket.procedureCode ? index.config.procedures.find((p) => p.code === ticket.procedureCode)?.name ?? ticket.procedureCode : null,
    serviceNameVi: service.nameVi,
    serviceNameEn: service.nameEn,
    departmentNameVi: department?.nameVi ?? '',
    departmentNameEn: department?.nameEn ?? '',
    counters: (index.countersOfService.get(service.code) ?? []).map((c) => c.number),
    ahead: position.ahead,
    etaMin: position.etaMin,
    statusPath: statusPath(ticket),
  };
}

export function publicStatus(state: DayState, index: ConfigIndex, ticket: Ticket, now: number): PublicTicketStatus {
  const service = index.service.get(ticket.serviceCode);
  const position = ticketPosition(state, index, ticket, now);
  return {
    number: ticket.number,
    serviceNameVi: service?.nameVi ?? ticket.serviceCode,
    serviceNameEn: service?.nameEn ?? ticket.serviceCode,
    status: ticket.status,
    endReason: ticket.endReason,
    ahead: position.ahead,
    etaMin: position.etaMin,
    counter: ticket.status === 'waiting' ? null : ticket.counter,
    calledAt: ticket.calledAt,
    issuedAt: ticket.issuedAt,
    day: ticket.day,
  };
}
