// What a zone's loudspeaker says next, given the calls waiting to be announced, what their
// tickets are now, and the time. Pure: the announcer (server/voice/announcer.ts) asks it each time
// the zone's boards are about to fall silent, so the plan is made with the freshest states.
// At a quiet hour every call is said as configured (chime, phrase, phrase again); at the morning
// peak the queue keeps up instead of falling ever further behind:
//  - a call whose ticket is no longer called at that counter (started, finished, absent,
//    transferred, cancelled) is dropped; one recalled since is replaced by its recall;
//  - a call that could not start within `staleAfterMs` of being made is never said (the board has
//    shown it; a citizen is not sent to a counter that has long moved on);
//  - with calls waiting behind it, or right after another announcement (a burst), the phrase is
//    said once and briskly, consecutive calls are joined into one phrase ("… số A-025 đến quầy
//    số 3, số B-011 đến quầy số 5"), and the chime is not rung again inside a burst;
//  - right after another announcement the hall is already listening: the short opening ("Mời số
//    B-011 đến quầy số 5") replaces the template's (a recall keeps its own words);
//  - a call said twice in a quiet hall is said once, and its second saying waits in the queue as
//    an `again` item: a call made meanwhile takes its place (the first call of a peak, said twice
//    in one ~15 s file, held up the next three).
// The arithmetic behind it (tests/bench/announce-peak-bench.ts): a zone called every 5 s has 5 s of
// loudspeaker per call. The full phrase said once briskly lasts ~5 s (no room left: the queue
// grows like a random walk and p99 reached ~11 s); the short opening brings a call to ~3.4 s.
import type { TicketStatus } from './ticket.ts';

export interface PendingCall {
  ticketId: string;
  /** As printed: "A-025". */
  number: string;
  counter: number;
  recall: boolean;
  /** The ticket's call count this call made (1 = first call, 2+ = recalls): a later one replaces it. */
  callNo: number;
  /** Server time of the call. */
  at: number;
  /** The second saying of a call just said (repeat 2): given up as soon as anything else waits. */
  again?: boolean;
}

/** What the queue says of a ticket now; undefined when it is not today's any more. */
export interface TicketNow {
  status: TicketStatus;
  counter: number | null;
  calls: number;
}

export type DropReason =
  /** started, finished, absent, transferred or cancelled before its turn */
  | 'not-called'
  /** called again since: the recall is said instead */
  | 'superseded'
  /** could not start within staleAfterMs of the call */
  | 'stale';

export interface PlanOptions {
  staleAfterMs: number;
  /** Times the phrase is said when nothing waits behind it. */
  repeat: 1 | 2;
  chime: boolean;
  /** Most calls said in one phrase. */
  maxJoin: number;
}

/**
 * Two: a joined phrase stays short (~6 s in a burst), so a call arriving while it is said does not
 * wait long; with the burst's short opening a lone call (~3 s) keeps up with a call every 5 s anyway.
 */
export const DEFAULT_MAX_JOIN = 2;



export interface Utterance<C extends PendingCall = PendingCall> {
  /** One call, or several of the zone said as one phrase (never a recall among others). */
  calls: C[];
  repeat: 1 | 2;
  chime: boolean;
  /** In a burst or with calls waiting: say it briskly, to keep up (and numbers in the short style). */
  brisk: boolean;
  /** Right after another utterance: the short opening ("Mời số …", burstTemplate) instead of the template's. */
  burst: boolean;
  /** The second saying of the call just said: the same words after a short pause, no chime. */
  again: boolean;
}

export interface Plan<C extends PendingCall = PendingCall> {
  next: Utterance<C> | null;
  dropped: { call: C; reason: DropReason }[];
  /** Still to say after `next`, in call order. */
  rest: C[];
}

/** Why a call must not be said now, or null when it still may be. */
export function dropReason(call: PendingCall, ticket: TicketNow | undefined, startAt: number, staleAfterMs: number): DropReason | null {
  if (!ticket || ticket.status !== 'called' || ticket.counter !== call.counter) return 'not-called';
  if (ticket.calls > call.callNo) return 'superseded';
  if (startAt - call.at > staleAfterMs) return 'stale';
  return null;
}

/**
 * The next utterance of a zone. `startAt`: when it would start playing (now, or when the boards
 * finish what they are saying). `inBurst`: it follows the previous utterance without a pause, so
 * the chime is not rung again.
 */
export function planNext<C extends PendingCall>(
  pending: readonly C[], ticketOf: (ticketId: string) => TicketNow | undefined, startAt: number, options: PlanOptions, inBurst: boolean,
): Plan<C> {
  const dropped: { call: C; reason: DropReason }[] = [];
  const live: C[] = [];
  for (const call of pending) {
    const reason = dropReason(call, ticketOf(call.ticketId), startAt, options.staleAfterMs);
    // A second saying is not a call: it goes quietly, never counted as a dropped call.
    if (reason) { if (!call.again) dropped.push({ call, reason }); }
    else live.push(call);
  }
  const echo = live[0]?.again ? live.shift()! : null;
  // Anything else waiting takes the second saying's place.
  if (echo && live.length === 0) {
    return { next: { calls: [echo], repeat: 1, chime: false, brisk: false, burst: false, again: true }, dropped, rest: [] };
  }
  const first = live[0];
  if (!first) return { next: null, dropped, rest: [] };
  const calls = [first];
  if (!first.recall) {
    // A recall has its own words ("Xin nhắc lại, …"): it is never folded into another phrase.
    for (const c of live.slice(1)) {
      if (calls.length >= Math.max(1, options.maxJoin) || c.recall) break;
      calls.push(c);
    }
  }
  const rest = live.slice(calls.length);
  // Busy: calls wait behind it, or the loudspeaker has not fallen silent since the last one. Then
  // every second counts: said once, briskly, without the chime. A call in a quiet hall gets it all.
  const busy = calls.length > 1 || rest.length > 0 || inBurst;
  // Said twice: once now, and again after it unless a call comes meanwhile.
  const twice = !busy && options.repeat === 2;
  return {
    next: { calls, repeat: 1, chime: options.chime && !inBurst, brisk: busy, burst: inBurst && !first.recall, again: false },
    dropped,
    rest: twice ? [{ ...first, again: true }] : rest,
  };
}
