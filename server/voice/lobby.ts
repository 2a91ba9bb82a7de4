// The lobby's sound, wired into the server: the voice (engine chosen and checked by configuration),
// the per-zone announcer and the route that serves the audio to the boards.
import type { Router } from 'express';
import type { AppContext } from '../context.ts';
import { attachAnnouncer } from './announcer.ts';
import { audioRouter } from './audio-routes.ts';
import { VoiceService } from './voice-service.ts';

export interface Lobby {
  voice: VoiceService;
  /** Mounted at /audio. */
  router: Router;
  close(): Promise<void>;
}

export interface LobbyOptions {
  /** Folder for the audio cache and the default voice pack. */
  dir: string;
  /** Problems of the stored voice section (the voice then uses the chime alone). */
  configProblems: string[];
  platform?: NodeJS.Platform;
}

export function startLobby(ctx: AppContext, options: LobbyOptions): Lobby {
  const config = ctx.queue.config.config;
  const voice = new VoiceService({
    config: config.voice,
    configProblems: options.configProblems,
    needs: { prefixes: config.services.map((s) => s.prefix), counters: config.counters.map((c) => c.number) },
    dir: options.dir,
    platform: options.platform ?? process.platform,
    logger: ctx.logger,
  });
  const announcer = attachAnnouncer(ctx, voice);
  return { voice, router: audioRouter(voice), close: () => announcer.close() };
}
