// A voice pack made ready to speak: the default pack (our folder) completed with espeak-ng, a
// center's own folder only read; checked against what the configuration says; loaded into the
// voice's worker, which says it. A pack may lack the clips of joined phrases ("số … đến quầy số …")
// or of the burst's short opening ("mời số"): then calls are said one by one, or with the template's
// opening, rather than refusing the pack.
import { isAbsolute, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { burstTemplate, continuationTemplate } from '@core/announcement.ts';
import type { VoiceConfig } from '@core/lobby-config.ts';
import type { PackNeeds } from './pack-generator.ts';
import { checkPack, generateMissingClips, packProblems } from './pack-generator.ts';
import { VoicePack } from './voice-pack.ts';
import type { Pcm } from './wav.ts';
import type { VoiceWorker } from './worker-client.ts';

/** The worker reads and checks every clip of a pack: a crowded machine, a big pack. */
const PACK_LOAD_TIMEOUT_MS = 60_000;

export interface PackOpening {
  config: VoiceConfig;
  /** The voice's folder: the default pack is its pack/. */
  dir: string;
  needs: Omit<PackNeeds, 'templates' | 'variant'>;
  worker: VoiceWorker;
  signal: AbortSignal;
  log: Logger;
  /** The espeak-ng that records the default pack's missing clips. */
  tts(): Promise<{ say(text: string, signal: AbortSignal): Promise<Pcm> }>;
}

export interface OpenedPack {
  pack: VoicePack;
  /** Has the clips of joined phrases. */
  joinable: boolean;
  /** Has the clips of the burst's short opening. */
  burstable: boolean;
}

export async function openPack(o: PackOpening): Promise<OpenedPack> {
  const { config, dir, signal } = o;
  const needs: PackNeeds = { ...o.needs, templates: [config.template, config.recallTemplate], variant: config.variant };
  const joined: PackNeeds = { ...needs, templates: [continuationTemplate(config.template)] };
  const burst: PackNeeds = { ...needs, templates: [burstTemplate(config.template)] };
  const packDir = config.packDir === null ? join(dir, 'pack') : isAbsolute(config.packDir) ? config.packDir : resolve(dir, config.packDir);
  if (config.packDir === null) {
    // The default pack is ours to complete; a center's own folder is only ever read.
    const tts = await o.tts();
    const say = (text: string) => tts.say(text, signal);
    let written = await generateMissingClips(packDir, needs, say);
    written += await generateMissingClips(packDir, joined, say);
    written += await generateMissingClips(packDir, burst, say);
    if (written > 0) o.log.info({ packDir, written }, 'default voice pack generated');
  }
  const pack = await VoicePack.load(packDir);
  checkPack(pack, needs);
  // The worker says the pack: it reads the clips now, so the first call does not wait for them.
  await o.worker.loadPack(pack.ref, signal, PACK_LOAD_TIMEOUT_MS);
  return { pack, joinable: packProblems(pack, joined).length === 0, burstable: packProblems(pack, burst).length === 0 };
}
