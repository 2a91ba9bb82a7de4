// Calls → announcements, one loudspeaker queue per zone, planned rather than merely ordered
// (core/announcement-plan.ts decides what is said). The boards show every call at once; what they
// say is prepared just before they fall silent, with the tickets' states of that moment: a call
// whose ticket has moved on is dropped, a backlog is said once per phrase and joined, and a call
// that could not start within the configured time is never said. Zones do not wait for each
// other; nothing is made for a zone with no board connected (the server PC needs no speakers).
// It receives exactly what it needs (no AppContext), so it can be wired to any event source.
import type { Logger } from 'pino';
import type { DropReason, PendingCall, PlanOptions, TicketNow } from '@core/announcement-plan.ts';
import { planNext } from '@core/announcement-plan.ts';
import type { AnnouncementView } from '@core/lobby-views.ts';
import type { CallView } from '@core/views.ts';
import type { UtteranceRequest } from './voice-service.ts';

/**
 * Plan and make the next announcement at least this long before the boards finish the current one;
 * longer when making one takes longer (a crowded machine): twice the recent time it took, plus margin.
 */
export const LEAD_MS = 800;
const MAX_LEAD_MS = 4_000;
/** How long before the boards fall silent a second saying is planned (its pieces are ready). */
export const AGAIN_LEAD_MS = 300;
/** Boards silent for less than this are still in the same burst: no second chime. */
export const BURST_GAP_MS = 2_500;

/**
 * The pacing clock: when the boards finish playing is real time, kept apart from the queue's clock
 * (which stamps calls and may be a test's frozen clock).
 */
export interface Timers {
  /** Monotonic milliseconds. */
  now(): number;
  /** Runs `fn` after `ms`; returns the function that cancels it. */
  set(fn: () => void, ms: number): () => void;
}

export const realTimers: Timers = {
  now: () => performance.now(),
  set(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};

export interface AnnouncerDeps {
  /** Subscribes to the queue's calls (its ticket:called events). */
  onCall(listener: (call: CallView) => void): void;
  /** A ticket's state now. */
  ticketNow(ticketId: string): TicketNow | undefined;
  /** Whether any board of the zone (or an all-zones board) is connected. */
  listening(zone: string): boolean;
  /** Sends an announcement to the zone's boards (and the all-zones boards). */
  emit(zone: string, announcement: AnnouncementView): void;
  clock: { now(): number };
  logger: Logger;
  /** Makes the audio of one utterance (in the voice's worker process). */
  synth(utterance: UtteranceRequest): Promise<AnnouncementView>;
  /** The live voice settings, read at each plan. */
  options(): PlanOptions;
  timers?: Timers;
}

export interface AnnouncerStats {
  calls: number;
  /** Calls said (alone or joined). */
  voiced: number;
  /** Calls said as part of a phrase with an earlier call. */
  merged: number;
  dropped: Record<DropReason, number>;
  utterances: number;
}

interface Item extends PendingCall {
  view: CallView;
}

interface Zone {
  pending: Item[];
  /** Pacing time (Timers.now) at which the boards finish what they were sent. */
  busyUntil: number;
  cancel: (() => void) | null;
  working: boolean;
}

export interface Announcer {
  stats(): AnnouncerStats;
  /** Stops at once: the backlog is dropped, a phrase being made is not sent. */
  close(): Promise<void>;
}

export function attachAnnouncer(deps: AnnouncerDeps): Announcer {
  const log = deps.logger.child({ module: 'announcer' });
  const timers = deps.timers ?? realTimers;
  const zones = new Map<string, Zone>();
  const stats: AnnouncerStats = { calls: 0, voiced: 0, merged: 0, dropped: { 'not-called': 0, superseded: 0, stale: 0 }, utterances: 0 };
  let closed = false;
  /** Recent time to make an announcement (pacing clock), smoothed. */
  let making = 0;
  const lead = () => Math.min(MAX_LEAD_MS, Math.max(LEAD_MS, 2 * making + 300));

  const schedule = (name: string, zone: Zone) => {
    if (closed || zone.working || zone.cancel || zone.pending.length === 0) return;
    // A second saying is decided as late as may be, so a call made meanwhile takes its place: its
    // words were just made, so its file takes milliseconds.
    const ahead = zone.pending.length === 1 && zone.pending[0]!.again ? AGAIN_LEAD_MS : lead();
    const wait = zone.busyUntil - ahead - timers.now();
    if (wait <= 0) void run(name, zone);
    else zone.cancel = timers.set(() => { zone.cancel = null; void run(name, zone); }, wait);
  };

  async function run(name: string, zone: Zone): Promise<void> {
    if (closed || zone.working) return;
    const now = timers.now();
    const options = deps.options();
    // When it would start, on the queue's clock: now, or once the boards finish what they say.
    const startAt = deps.clock.now() + Math.max(0, zone.busyUntil - now);
    const plan = planNext(zone.pending, deps.ticketNow, startAt, options, zone.busyUntil > 0 && now < zone.busyUntil + BURST_GAP_MS);
    for (const { call, reason } of plan.dropped) {
      stats.dropped[reason]++;
      log.debug({ number: call.number, counter: call.counter, reason }, 'call not announced');
    }
    zone.pending = plan.rest;
    const next = plan.next;
    if (!next) {
      if (zone.pending.length === 0 && now >= zone.busyUntil) zones.delete(name);
      return;
    }
    zone.working = true;
    try {
      const began = timers.now();
      const made = await deps.synth({
        calls: next.calls.map((c) => c.view), repeat: next.repeat, chime: next.chime, brisk: next.brisk, burst: next.burst, again: next.again,
      });
      if (closed) return;
      making = making === 0 ? timers.now() - began : 0.8 * making + 0.2 * (timers.now() - began);
      // A voice that cannot join (a center's own pack) said fewer: the rest go back to the front.
      const said = next.calls.slice(0, Math.max(1, made.calls.length));
      zone.pending = [...next.calls.slice(said.length), ...zone.pending];
      const sentAt = timers.now();
      const notAfter = Math.min(...said.map((c) => c.at)) + options.staleAfterMs;
      // Nothing to play (the voice set silent, or failed inside a burst with no chime): a board's
      // audio queue drops it, and each call would have cost a write to every board of the zone.
      if (made.audioUrl !== null) deps.emit(name, { ...made, notAfter });
      zone.busyUntil = Math.max(sentAt, zone.busyUntil) + (made.durationMs ?? 0);
      stats.utterances++;
      if (!next.again) {
        stats.voiced += said.length;
        stats.merged += said.length - 1;
      }
    } catch (err) {
      log.error({ err, number: next.calls[0]!.number }, 'announcement failed');
    } finally {
      zone.working = false;
    }
    schedule(name, zone);
  }

  deps.onCall((view) => {
    if (closed || !deps.listening(view.zone)) return;
    stats.calls++;
    let zone = zones.get(view.zone);
    if (!zone) zones.set(view.zone, (zone = { pending: [], busyUntil: 0, cancel: null, working: false }));
    zone.pending.push({
      ticketId: view.ticket.id, number: view.ticket.number, counter: view.counter, recall: view.recall, callNo: view.ticket.calls, at: view.at, view,
    });
    schedule(view.zone, zone);
  });

  return {
    stats: () => ({ ...stats, dropped: { ...stats.dropped } }),
    async close() {
      closed = true;
      for (const zone of zones.values()) {
        zone.cancel?.();
        zone.pending = [];
      }
      zones.clear();
    },
  };
}
