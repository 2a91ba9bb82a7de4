// Handlers that end a counter's current ticket: finished, no-show, transferred elsewhere.
import { fifo } from '../call-rules.ts';
import { isValidDossierCode, normalizeDossierCode } from '../dossier.ts';
import { recordServiceTime } from '../estimate.ts';
import { Refusal } from '../refusal.ts';
import type { CounterState, Ticket } from '../ticket.ts';
import { waitingTickets } from '../ticket.ts';
import type { Draft } from '../draft.ts';
import { currentTicket, invalidTransition, ownCounter } from '../draft.ts';
import type { CommandOf } from './types.ts';

/** Leave the counter free after its current ticket ended (finished, no-show, transferred). */
function release(d: Draft, c: CounterState, served: boolean): void {
  d.putCounter({ ...c, currentTicketId: null, servedToday: c.servedToday + (served ? 1 : 0) });
}

export function finish(d: Draft, cmd: CommandOf<'finish'>): Ticket {
  const c = ownCounter(d, cmd, true);
  const t = currentTicket(d, c);
  const codes = cmd.dossierCodes.map(normalizeDossierCode);
  const bad = codes.find((code) => !isValidDossierCode(code));
  if (bad !== undefined) throw new Refusal('INVALID_DOSSIER_CODE', { code: bad });
  const startedAt = t.startedAt ?? t.calledAt ?? d.now; // finished straight from "called"
  const done = d.step(t, { type: 'finished', counter: c.number, officerId: cmd.officerId, note: cmd.note || undefined }, {
    status: 'done', startedAt, finishedAt: d.now, procedureCode: cmd.procedureCode ?? t.procedureCode,
    // Codes attached at the kiosk (result pick-up) stay; the officer's are added.
    dossierCodes: [...new Set([...t.dossierCodes, ...codes])], note: cmd.note || null,
  });
  d.state.recentServiceSec = {
    ...d.state.recentServiceSec,
    [t.serviceCode]: recordServiceTime(d.state.recentServiceSec[t.serviceCode], Math.round((d.now - startedAt) / 1000)),
  };
  d.serviceTimesChanged.add(t.serviceCode);
  release(d, c, true);
  d.events.push({ type: 'ticket:finished', ticket: done });
  return done;
}

export function noShow(d: Draft, cmd: CommandOf<'no-show'>): Ticket {
  const c = ownCounter(d, cmd, true);
  const t = currentTicket(d, c);
  if (t.status !== 'called') throw invalidTransition(t, 'no-show');
  const missed = d.step(t, { type: 'no-show', counter: c.number, officerId: cmd.officerId }, { status: 'no-show', finishedAt: d.now });
  release(d, c, false);
  d.events.push({ type: 'ticket:no-show', ticket: missed });
  return missed;
}

export function transfer(d: Draft, cmd: CommandOf<'transfer'>): Ticket {
  const c = ownCounter(d, cmd, true);
  const t = currentTicket(d, c);
  const toService = cmd.toService ?? t.serviceCode;
  if (!d.index.service.has(toService)) throw new Refusal('TRANSFER_TARGET_INVALID');
  if (cmd.toCounter !== null) {
    if (!d.index.counter.has(cmd.toCounter) || cmd.toCounter === c.number) throw new Refusal('TRANSFER_TARGET_INVALID');
  } else if (toService === t.serviceCode || (d.index.countersOfService.get(toService) ?? []).length === 0) {
    throw new Refusal('TRANSFER_TARGET_INVALID');
  }
  let queuedAt = t.queuedAt;
  if (d.index.config.routing.transferPlacement === 'front') {
    const ahead = [...waitingTickets(d.state)].filter((o) => o.serviceCode === toService).sort(fifo)[0];
    if (ahead && ahead.queuedAt <= queuedAt) queuedAt = ahead.queuedAt - 1;
  }
  const moved = d.step(t, { type: 'transferred', counter: c.number, officerId: cmd.officerId, note: cmd.note || undefined }, {
    status: 'waiting', serviceCode: toService, departmentCode: d.index.service.get(toService)!.departmentCode,
    queuedAt, counter: null, targetCounter: cmd.toCounter, calls: 0, startedAt: null,
    transfers: [...t.transfers, {
      at: d.now, fromService: t.serviceCode, toService, fromCounter: c.number, toCounter: cmd.toCounter,
      officerId: cmd.officerId, note: cmd.note,
    }],
  });
  release(d, c, false);
  d.events.push({ type: 'ticket:transferred', ticket: moved, fromService: t.serviceCode, fromCounter: c.number });
  return moved;
}
