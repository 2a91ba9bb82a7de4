// Ticket ids double as the public status-page secret: 120 random bits, so they cannot be guessed,
// led by the local day (YYMMDD) so an old ticket's day file can be found without an index.
import { randomToken } from '../auth/secrets.ts';
import { localDay } from '@core/time.ts';

export function newTicketId(now: number): string {
  return localDay(now).slice(2).replaceAll('-', '') + randomToken(15);
}

/** The local day a ticket id was issued on, or null if the id does not carry one. */
export function dayOfTicketId(id: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})/.exec(id);
  return m ? `20${m[1]}-${m[2]}-${m[3]}` : null;
}
