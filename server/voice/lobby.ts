// The lobby's sound, wired into the server: the voice (engine chosen and checked by configuration,
// rebuilt live when an admin changes it), the per-zone announcer and the route that serves the
// audio to the boards.
import type { Router } from 'express';
import type { CenterConfig } from '@core/config.ts';
import type { AnnouncementView } from '@core/lobby-views.ts';
import type { CallView } from '@core/views.ts';
import { DEFAULT_MAX_JOIN } from '@core/announcement-plan.ts';
import { likelyNextNumbers } from '@core/likely-calls.ts';
import { waitingTickets } from '@core/ticket.ts';
import type { Logger } from 'pino';
import type { LiveConfig } from '../config/live-config.ts';
import type { Clock } from '../deps.ts';
import type { Extension } from '../events/extensions.ts';
import type { QueueService } from '../queue/queue-service.ts';
import { rooms } from '../realtime/rooms.ts';
import type { ScreenViews } from '../realtime/snapshots.ts';
import type { LuotServer } from '../realtime/socket-types.ts';
import { attachAnnouncer } from './announcer.ts';
import { audioRouter } from './audio-routes.ts';
import type { VoiceStatus } from './voice-service.ts';
import { VoiceService } from './voice-service.ts';
import { VoiceSwitch } from './voice-switch.ts';

export interface Lobby extends Extension {
  /** What the current voice is and why it fell back. */
  status(): VoiceStatus;
  /** The status once the changes made so far are applied and the voice is ready (tests, tools). */
  settled(): Promise<VoiceStatus>;
  /** One announcement with the current voice (the announcer's calls and the admin's preview). */
  announce(call: CallView): Promise<AnnouncementView>;
  /** Mounted at /audio. */
  router: Router;
  close(): Promise<void>;
}

export interface LobbyOptions {
  /** Folder for the audio cache and the default voice pack. */
  dir: string;
  /** Problems of the stored voice section (the voice then uses the chime alone until an admin sets it). */
  configProblems: string[];
  platform?: NodeJS.Platform;
  /** The voice engine starts once this settles (the server listening: VoiceOptions.startAfter). */
  startAfter?: Promise<void>;
  /** VoiceOptions.warmProgram: the first call made at start with the system's espeak-ng too. */
  warmProgram?: boolean;
}

/** Each service's first waiting tickets have their number words made ahead. */
const LIKELY_PER_SERVICE = 3;
/** At most one look at the waiting tickets this often, after changes to the queue. */
const LIKELY_EVERY_MS = 500;

/** What a voice pack must have clips for. */
const needsOf = (config: CenterConfig) => ({ prefixes: config.services.map((s) => s.prefix), counters: config.counters.map((c) => c.number) });

export interface LobbyDeps {
  io: LuotServer;
  queue: Pick<QueueService, 'ticket' | 'current'>;
  config: LiveConfig;
  views: Pick<ScreenViews, 'callView'>;
  clock: Clock;
  logger: Logger;
}

/** The lobby's voice: calls → announcements for the boards; a changed voice section applies live. */
export function startLobby(deps: LobbyDeps, options: LobbyOptions): Lobby {
  const { io, queue, config, views, clock, logger } = deps;
  let problems = options.configProblems;
  const build = (center: CenterConfig) =>
    new VoiceService({
      config: center.voice, configProblems: problems, needs: needsOf(center), dir: options.dir, platform: options.platform ?? process.platform, logger, startAfter: options.startAfter, warmProgram: options.warmProgram,
    });
  const voices = new VoiceSwitch(build(config.current), logger.child({ module: 'voice-switch' }));

  const announce = (call: CallView) => voices.use((voice) => voice.announce(call));
  const zoneRooms = (zone: string) => [rooms.allZones, rooms.zone(zone)];
  const callListeners: ((call: CallView) => void)[] = [];
  const announcer = attachAnnouncer({
    onCall: (listener) => { callListeners.push(listener); },
    ticketNow: (id) => queue.ticket(id),
    listening: (zone) => zoneRooms(zone).some((r) => (io.sockets.adapter.rooms.get(r)?.size ?? 0) > 0),
    emit: (zone, announcement) => io.to(zoneRooms(zone)).emit('announcement:ready', announcement),
    clock,
    logger,
    synth: (utterance) => voices.use((voice) => voice.announceUtterance(utterance)),
    options: () => {
      const v = config.current.voice;
      return { staleAfterMs: v.staleAfterSec * 1000, repeat: v.repeat, chime: v.chime, maxJoin: DEFAULT_MAX_JOIN };
    },
  });
  // Made ahead in the voice's worker while it is idle: the main thread only lists the numbers.
  let likelyTimer: NodeJS.Timeout | null = null;
  const listeningAnywhere = () => io.sockets.adapter.rooms.get(rooms.allZones)?.size || config.current.counters.some((c) => io.sockets.adapter.rooms.get(rooms.zone(c.zone))?.size);
  const prepareLikely = () => {
    likelyTimer = null;
    if (!listeningAnywhere()) return;
    const numbers = likelyNextNumbers(waitingTickets(queue.current), LIKELY_PER_SERVICE);
    void voices.use((voice) => voice.prepare(numbers)).catch((err: unknown) => logger.warn({ err }, 'voice: could not prepare the next numbers'));
  };
  return {
    name: 'lobby',
    onQueueEvents(events) {
      if (!likelyTimer && events.some((e) => e.type === 'ticket:issued' || e.type === 'ticket:called')) {
        likelyTimer = setTimeout(prepareLikely, LIKELY_EVERY_MS);
        likelyTimer.unref();
      }
      for (const e of events) {
        if (e.type !== 'ticket:called') continue;
        const at = e.ticket.history[e.ticket.history.length - 1]?.at ?? clock.now();
        const call = views.callView(e.ticket, e.counter, e.recall, at);
        for (const listener of callListeners) listener(call);
      }
    },
    onConfigChange({ before, after }) {
      const voiceChanged = JSON.stringify(before.voice) !== JSON.stringify(after.voice);
      // A voice pack speaks prefixes and counter numbers from clips: new ones need their clips made.
      const clipsChanged = after.voice.engine === 'voice-pack' && JSON.stringify(needsOf(before)) !== JSON.stringify(needsOf(after));
      if (!voiceChanged && !clipsChanged) return;
      // The admin's voice section passed validation: a section set aside at start no longer applies.
      if (voiceChanged) problems = [];
      voices.replace(() => build(after));
    },
    status: () => voices.status(),
    settled: () => voices.settled(),
    announce,
    router: audioRouter(voices),
    async close() {
      if (likelyTimer) clearTimeout(likelyTimer);
      // The backlog is dropped at once; the voice kills what it is making.
      await announcer.close();
      await voices.close();
    },
  };
}
