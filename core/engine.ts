// The queue engine: apply(state, config, command, now) → new state and events, or a refusal;
// decide() gives the same outcome as a set of changes. Pure: no I/O, no clock, no randomness.
// The input state is never mutated.
import type { ConfigIndex } from './config.ts';
import type { ApplyResult, Command, DayChanges, Decision, DomainEvent } from './commands.ts';
import { Refusal } from './refusal.ts';
import type { CounterState, DayState, Ticket } from './ticket.ts';
import { detachWaitingIndex, emptyDay, isFinal, waitingTickets } from './ticket.ts';
import { assertFree, currentTicket, Draft, invalidTransition, ownCounter } from './draft.ts';
import { localDay, localInstant, nextLocalMidnight } from './time.ts';
import { chooseNext, fifo } from './routing.ts';
import { recordServiceTime } from './estimate.ts';
import { checkIssuing, newTicket } from './issuing.ts';
import { isValidDossierCode, normalizeDossierCode } from './dossier.ts';
import { moveWaiting } from './move-waiting.ts';

function call(d: Draft, c: CounterState, t: Ticket, officerId: string): Ticket {
  const called = d.step(t, { type: 'called', counter: c.number, officerId }, {
    status: 'called', calledAt: d.now, counter: c.number, officerId, targetCounter: null, calls: 1,
  });
  // The call is announced before the counter's update: it is what the lobby is waiting for.
  d.events.push({ type: 'ticket:called', ticket: called, counter: c.number, recall: false });
  const mix = d.index.config.routing.normalPerPriority;
  d.putCounter({
    ...c, currentTicketId: called.id,
    normalsSincePriority: called.priority ? 0 : Math.min(c.normalsSincePriority + 1, mix),
  });
  return called;
}

/** Leave the counter free after its current ticket ended (finished, no-show, transferred). */
function release(d: Draft, c: CounterState, served: boolean): void {
  d.putCounter({ ...c, currentTicketId: null, servedToday: c.servedToday + (served ? 1 : 0) });
}

function run(d: Draft, cmd: Exclude<Command, { type: 'rollover' }>): Ticket | null {
  switch (cmd.type) {
    case 'issue': {
      const prepared = checkIssuing(d.state, d.index, cmd, d.now);
      if (prepared instanceof Refusal) throw prepared;
      if (d.lookup(cmd.id)) throw new Refusal('VALIDATION_FAILED');
      d.state.sequences = { ...d.state.sequences, [prepared.prefix]: prepared.seq };
      d.sequencesChanged = true;
      const t = d.putTicket(newTicket(d.state.day, cmd, prepared, d.now));
      d.events.push({ type: 'ticket:issued', ticket: t });
      return t;
    }
    case 'open-counter': {
      const c = d.counter(cmd.counter);
      if (c.status !== 'closed') {
        if (c.officerId !== cmd.officerId) throw new Refusal('COUNTER_TAKEN', { counter: cmd.counter });
        return null; // already open by this officer: re-opening after a reload changes nothing
      }
      const other = Object.values(d.state.counters).find((o) => o.status !== 'closed' && o.officerId === cmd.officerId);
      if (other) throw new Refusal('OFFICER_BUSY', { counter: other.number });
      d.putCounter({
        ...c, status: 'open', officerId: cmd.officerId, since: d.now, pauseReason: null,
        normalsSincePriority: d.index.config.routing.normalPerPriority,
      });
      return null;
    }
    case 'pause-counter': {
      const c = ownCounter(d, cmd);
      assertFree(d, c);
      d.putCounter({ ...c, status: 'paused', pauseReason: cmd.reason, since: d.now });
      return null;
    }
    case 'resume-counter': {
      const c = ownCounter(d, cmd, true);
      if (c.status === 'open') return null;
      d.putCounter({ ...c, status: 'open', pauseReason: null, since: d.now });
      return null;
    }
    case 'close-counter': {
      const c = d.counter(cmd.counter);
      if (c.status === 'closed') throw new Refusal('COUNTER_NOT_OPEN', { counter: cmd.counter });
      if (!cmd.override && c.officerId !== cmd.officerId) throw new Refusal('COUNTER_TAKEN', { counter: cmd.counter });
      assertFree(d, c);
      d.putCounter({ ...c, status: 'closed', officerId: null, pauseReason: null, currentTicketId: null, since: d.now });
      // Citizens sent to this very counter would wait for nobody: they go back to their service's queue.
      for (const t of [...waitingTickets(d.state)]) {
        if (t.targetCounter === c.number) {
          const freed = d.step(t, { type: 'transferred', counter: c.number, note: 'counter-closed' }, { targetCounter: null });
          d.events.push({ type: 'ticket:transferred', ticket: freed, fromService: t.serviceCode, fromCounter: c.number });
        }
      }
      return null;
    }
    case 'call-next': {
      const c = ownCounter(d, cmd);
      assertFree(d, c);
      const next = chooseNext(d.state, d.index, c.number, d.now);
      if (!next) throw new Refusal('QUEUE_EMPTY');
      return call(d, c, next, cmd.officerId);
    }
    case 'call-ticket': {
      const c = ownCounter(d, cmd);
      assertFree(d, c);
      const t = d.ticket(cmd.ticketId);
      if (t.status === 'called' || t.status === 'serving') throw new Refusal('TICKET_TAKEN', { number: t.number });
      if (t.status !== 'waiting') throw invalidTransition(t, 'call');
      const served = d.index.counter.get(c.number)!.services.some((s) => s.serviceCode === t.serviceCode);
      if (t.targetCounter !== null ? t.targetCounter !== c.number : !served) {
        throw new Refusal('NOT_FOR_THIS_COUNTER', { number: t.number });
      }
      return call(d, c, t, cmd.officerId);
    }
    case 'recall': {
      const c = ownCounter(d, cmd);
      const t = currentTicket(d, c);
      if (t.status !== 'called') throw invalidTransition(t, 'recall');
      const recalled = d.step(t, { type: 'recalled', counter: c.number, officerId: cmd.officerId }, { calls: t.calls + 1 });
      d.events.push({ type: 'ticket:called', ticket: recalled, counter: c.number, recall: true });
      return recalled;
    }
    case 'start': {
      const c = ownCounter(d, cmd);
      const t = currentTicket(d, c);
      if (t.status !== 'called') throw invalidTransition(t, 'start');
      const started = d.step(t, { type: 'started', counter: c.number, officerId: cmd.officerId }, { status: 'serving', startedAt: d.now });
      d.events.push({ type: 'ticket:started', ticket: started });
      return started;
    }
    case 'finish': {
      const c = ownCounter(d, cmd, true);
      const t = currentTicket(d, c);
      const codes = cmd.dossierCodes.map(normalizeDossierCode);
      const bad = codes.find((code) => !isValidDossierCode(code));
      if (bad !== undefined) throw new Refusal('INVALID_DOSSIER_CODE', { code: bad });
      const startedAt = t.startedAt ?? t.calledAt ?? d.now; // finished straight from "called"
      const done = d.step(t, { type: 'finished', counter: c.number, officerId: cmd.officerId, note: cmd.note || undefined }, {
        status: 'done', startedAt, finishedAt: d.now, procedureCode: cmd.procedureCode,
        dossierCodes: [...new Set(codes)], note: cmd.note || null,
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
    case 'no-show': {
      const c = ownCounter(d, cmd, true);
      const t = currentTicket(d, c);
      if (t.status !== 'called') throw invalidTransition(t, 'no-show');
      const missed = d.step(t, { type: 'no-show', counter: c.number, officerId: cmd.officerId }, { status: 'no-show', finishedAt: d.now });
      release(d, c, false);
      d.events.push({ type: 'ticket:no-show', ticket: missed });
      return missed;
    }
    case 'transfer': {
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
    case 'cancel': {
      const t = d.ticket(cmd.ticketId);
      if (t.status !== 'waiting') throw invalidTransition(t, 'cancel');
      const cancelled = d.step(t, { type: 'cancelled', officerId: cmd.by, note: cmd.reason || undefined }, {
        status: 'cancelled', finishedAt: d.now, endReason: cmd.reason || 'cancelled',
      });
      d.events.push({ type: 'ticket:cancelled', ticket: cancelled });
      return cancelled;
    }
    case 'move-waiting':
      return moveWaiting(d, cmd);
    case 'rate': {
      const t = d.ticket(cmd.ticketId);
      if (t.status !== 'done' || t.counter !== cmd.counter) throw new Refusal('NOT_SERVED_HERE', { number: t.number });
      if (t.rating) throw new Refusal('ALREADY_RATED', { number: t.number });
      const rated = d.step(t, { type: 'rated', counter: cmd.counter }, {
        rating: { at: d.now, score: cmd.score, reasons: cmd.reasons, comment: cmd.comment, counter: cmd.counter, officerId: t.officerId },
      });
      d.events.push({ type: 'ticket:rated', ticket: rated });
      return rated;
    }
  }
}

/** End a day: unfinished tickets expire, counters close. Returns the final state of that day. */
export function closeDay(state: DayState, now: number): DayState {
  // A ticket expires at the end of its own day, even when the server first runs days later.
  const end = Math.min(now, nextLocalMidnight(localInstant(state.day, '00:00')));
  const tickets: Record<string, Ticket> = {};
  for (const [id, t] of Object.entries(state.tickets)) {
    tickets[id] = isFinal(t.status) ? t : {
      ...t, status: 'cancelled', endReason: 'expired', finishedAt: end,
      history: [...t.history, { at: end, type: 'expired' }],
    };
  }
  const counters: Record<string, CounterState> = {};
  for (const [key, c] of Object.entries(state.counters)) {
    counters[key] = { ...c, status: 'closed', officerId: null, currentTicketId: null, pauseReason: null, since: now };
  }
  return detachWaitingIndex({ ...state, tickets, counters });
}

/** A day with a command's changes applied, as a new value (the input is not touched). */
export function evolve(state: DayState, changes: DayChanges): DayState {
  const tickets = changes.tickets.length > 0 ? { ...state.tickets } : state.tickets;
  for (const t of changes.tickets) tickets[t.id] = t;
  const counters = changes.counters.length > 0 ? { ...state.counters } : state.counters;
  for (const c of changes.counters) counters[String(c.number)] = c;
  // An index of the old day would be stale for the new one: the new value goes without.
  return detachWaitingIndex({
    ...state, tickets, counters,
    sequences: changes.sequences ?? state.sequences,
    recentServiceSec: changes.recentServiceSec ? { ...state.recentServiceSec, ...changes.recentServiceSec } : state.recentServiceSec,
  });
}

/**
 * The command's outcome without building the new day: what changed and the events. The server
 * applies `changes` to its own copy (cost independent of the day's size); tests use apply().
 * The state must already be on today's local day (roll over first).
 */
export function decide(state: DayState, index: ConfigIndex, cmd: Exclude<Command, { type: 'rollover' }>, now: number): Decision {
  if (localDay(now) > state.day) return { ok: false, code: 'DAY_CHANGED', params: {} };
  const d = new Draft(state, index, now);
  try {
    const ticket = run(d, cmd);
    const counter = 'counter' in cmd ? d.state.counters[String(cmd.counter)] ?? null : null;
    return { ok: true, changes: d.changes(), events: d.events, ticket, counter };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, code: e.code, params: e.params };
    throw e;
  }
}

export function apply(state: DayState, index: ConfigIndex, cmd: Command, now: number): ApplyResult {
  let base = state;
  let closedDay: DayState | null = null;
  const events: DomainEvent[] = [];
  const today = localDay(now);
  // Only forwards: a clock stepped back over midnight (NTP) must not expire today's queue and
  // restart its numbering. YYYY-MM-DD strings compare in calendar order.
  if (today > state.day) {
    closedDay = closeDay(state, now);
    base = emptyDay(today);
    events.push({ type: 'day:started', day: today });
  }
  if (cmd.type === 'rollover') {
    return { ok: true, state: base, events, ticket: null, counter: null, closedDay, changes: { tickets: [], counters: [] } };
  }
  const decision = decide(base, index, cmd, now);
  if (!decision.ok) return decision;
  return {
    ok: true, state: evolve(base, decision.changes), events: [...events, ...decision.events],
    ticket: decision.ticket, counter: decision.counter, closedDay, changes: decision.changes,
  };
}
