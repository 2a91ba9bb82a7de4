// The lobby's sound, wired into the server: the voice (engine chosen and checked by configuration,
// rebuilt live when an admin changes it), the per-zone announcer and the route that serves the
// audio to the boards.
import type { Router } from 'express';
import type { CenterConfig } from '@core/config.ts';
import type { AnnouncementView } from '@core/lobby-views.ts';
import type { CallView } from '@core/views.ts';
import type { Extension } from '../events/extensions.ts';
import type { AnnouncerDeps } from './announcer.ts';
import { createAnnouncer } from './announcer.ts';
import { audioRouter } from './audio-routes.ts';
import type { VoiceStatus } from './voice-service.ts';
import { VoiceService } from './voice-service.ts';
import { VoiceSwitch } from './voice-switch.ts';

export interface Lobby extends Extension {
  /** What the current voice is and why it fell back. */
  status(): VoiceStatus;
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
}

/** What a voice pack must have clips for. */
const needsOf = (config: CenterConfig) => ({ prefixes: config.services.map((s) => s.prefix), counters: config.counters.map((c) => c.number) });

/** The lobby's voice: calls → announcements for the boards; a changed voice section applies live. */
export function startLobby(deps: AnnouncerDeps, options: LobbyOptions): Lobby {
  const { logger } = deps;
  let problems = options.configProblems;
  const build = (config: CenterConfig) =>
    new VoiceService({
      config: config.voice, configProblems: problems, needs: needsOf(config), dir: options.dir, platform: options.platform ?? process.platform, logger,
    });
  const voices = new VoiceSwitch(build(deps.config.current), logger.child({ module: 'voice-switch' }));

  const announce = (call: CallView) => voices.use((voice) => voice.announce(call));
  const announcer = createAnnouncer(deps, announce);
  return {
    name: 'lobby',
    onQueueEvents: (events) => announcer.hear(events),
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
    announce,
    router: audioRouter(voices),
    async close() {
      const stopped = announcer.close();
      await voices.close();
      await stopped;
    },
  };
}
