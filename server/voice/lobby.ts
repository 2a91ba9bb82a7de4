// The lobby's sound, wired into the server: the voice (engine chosen and checked by configuration,
// rebuilt live when an admin changes it), the per-zone announcer and the route that serves the
// audio to the boards.
import type { Router } from 'express';
import type { CenterConfig } from '@core/config.ts';
import type { AnnouncementView } from '@core/lobby-views.ts';
import type { CallView } from '@core/views.ts';
import { DEFAULT_MAX_JOIN } from '@core/announcement-plan.ts';
import type { AppContext } from '../context.ts';
import type { ConfigService } from '../admin/config-service.ts';
import { callView } from '../realtime/snapshots.ts';
import { attachAnnouncer } from './announcer.ts';
import { audioRouter } from './audio-routes.ts';
import type { VoiceStatus } from './voice-service.ts';
import { VoiceService } from './voice-service.ts';
import { VoiceSwitch } from './voice-switch.ts';

export interface Lobby {
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
  /** Live configuration changes: a changed voice section is applied without a restart. */
  configs: ConfigService;
  platform?: NodeJS.Platform;
}

/** What a voice pack must have clips for. */
const needsOf = (config: CenterConfig) => ({ prefixes: config.services.map((s) => s.prefix), counters: config.counters.map((c) => c.number) });

export function startLobby(ctx: AppContext, options: LobbyOptions): Lobby {
  let problems = options.configProblems;
  const build = (config: CenterConfig) =>
    new VoiceService({
      config: config.voice, configProblems: problems, needs: needsOf(config), dir: options.dir, platform: options.platform ?? process.platform, logger: ctx.logger,
    });
  const voices = new VoiceSwitch(build(ctx.queue.config.config), ctx.logger.child({ module: 'voice-switch' }));

  options.configs.onChange((before, after) => {
    const voiceChanged = JSON.stringify(before.voice) !== JSON.stringify(after.voice);
    // A voice pack speaks prefixes and counter numbers from clips: new ones need their clips made.
    const clipsChanged = after.voice.engine === 'voice-pack' && JSON.stringify(needsOf(before)) !== JSON.stringify(needsOf(after));
    if (!voiceChanged && !clipsChanged) return;
    // The admin's voice section passed validation: a section set aside at start no longer applies.
    if (voiceChanged) problems = [];
    voices.replace(() => build(after));
  });

  const announce = (call: CallView) => voices.use((voice) => voice.announce(call));
  const roomsOf = (zone: string) => ['displays:all', `zone:${zone}`];
  const announcer = attachAnnouncer({
    onCall: (listener) => ctx.queue.onEvents((events) => {
      for (const e of events) {
        if (e.type !== 'ticket:called') continue;
        const at = e.ticket.history[e.ticket.history.length - 1]?.at ?? ctx.clock.now();
        listener(callView(ctx, e.ticket, e.counter, e.recall, at));
      }
    }),
    ticketNow: (id) => ctx.queue.ticket(id),
    listening: (zone) => roomsOf(zone).some((r) => (ctx.io.sockets.adapter.rooms.get(r)?.size ?? 0) > 0),
    emit: (zone, announcement) => ctx.io.to(roomsOf(zone)).emit('announcement:ready', announcement),
    clock: ctx.clock,
    logger: ctx.logger,
    synth: (utterance) => voices.use((voice) => voice.announceUtterance(utterance)),
    options: () => {
      const v = options.configs.current.voice;
      return { staleAfterMs: v.staleAfterSec * 1000, repeat: v.repeat, chime: v.chime, maxJoin: DEFAULT_MAX_JOIN };
    },
  });
  return {
    status: () => voices.status(),
    settled: () => voices.settled(),
    announce,
    router: audioRouter(voices),
    async close() {
      // The backlog is dropped at once; the voice kills what it is making.
      await announcer.close();
      await voices.close();
    },
  };
}
