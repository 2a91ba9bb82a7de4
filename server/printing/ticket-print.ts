// What goes on a printed ticket, from the issued ticket and the center's configuration.
import type { ConfigIndex } from '@core/config.ts';
import type { IssuedTicket } from '@core/protocol.ts';
import type { TicketPrint } from '../../printer/render.ts';
import type { Lang } from '@core/i18n.ts';

export function ticketPrintOf(index: ConfigIndex, issued: IssuedTicket, statusUrl: string, lang: Lang = 'vi'): TicketPrint {
  const priority = issued.ticket.priority;
  const category = priority === null ? undefined : index.priority.get(priority);
  return {
    ...(lang === 'en' ? {
      english: {
        centerName: index.config.center.nameEn,
        serviceName: issued.serviceNameEn,
        departmentName: issued.departmentNameEn,
        priorityName: priority === null ? null : category?.nameEn ?? priority,
      },
    } : {}),
    centerName: index.config.center.nameVi,
    number: issued.ticket.number,
    serviceName: issued.serviceNameVi,
    departmentName: issued.departmentNameVi,
    procedureName: issued.procedureName,
    booking: issued.ticket.booking ?? null,
    dossierCodes: issued.ticket.dossierCodes ?? [],
    priorityName: priority === null ? null : index.priority.get(priority)?.nameVi ?? priority,
    counters: issued.counters,
    ahead: issued.ahead,
    etaMin: issued.etaMin,
    issuedAt: issued.ticket.issuedAt,
    statusUrl,
    logo: index.config.center.logo,
  };
}

/** A stand-in ticket for warming up the renderer and the encoder before the first citizen. */
export function sampleTicketPrint(index: ConfigIndex, now: number): TicketPrint {
  return {
    centerName: index.config.center.nameVi, number: 'A-000', serviceName: 'Đất đai', departmentName: 'Sở Tư pháp',
    priorityName: null, counters: [1], ahead: 0, etaMin: null, issuedAt: now, statusUrl: 'http://localhost/t/warm-up',
    // The logo too: the worker prepares it once, here rather than for the first citizen.
    logo: index.config.center.logo,
  };
}

/** The status page's full address: PUBLIC_URL when set, else the address the client used. */
export function statusUrlOf(publicUrl: string | null, requestOrigin: string, statusPath: string): string {
  return `${(publicUrl ?? requestOrigin).replace(/\/$/, '')}${statusPath}`;
}
