// Which engine speaks, made and checked: `auto` is espeak-ng on every OS (the system's where
// installed, else the one built in, WebAssembly from npm); the OS voice only when chosen; a voice
// pack opened (pack-open.ts) with what it can say. Each engine runs in the voice's worker.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { VoiceConfig, VoiceEngineName } from '@core/lobby-config.ts';
import type { VoiceEngine } from './engine.ts';
import { VoiceSetupError } from './engine.ts';
import { EspeakEngine } from './espeak.ts';
import { EspeakWasmEngine } from './espeak-wasm-engine.ts';
import type { PackNeeds } from './pack-generator.ts';
import { openPack } from './pack-open.ts';
import { SayEngine } from './say.ts';
import type { VoiceWorker } from './worker-client.ts';

export interface EngineContext {
  config: VoiceConfig;
  dir: string;
  needs: Omit<PackNeeds, 'templates' | 'variant'>;
  platform: NodeJS.Platform;
  worker: VoiceWorker;
  signal: AbortSignal;
  log: Logger;
}

export interface MadeEngine {
  engine: VoiceEngine;
  /** False for a center's own voice pack without the clips a joined phrase needs. */
  joinable: boolean;
  /** False for a center's own voice pack without the clips of the burst's short opening. */
  burstable: boolean;
}

/**
 * 'auto' is espeak-ng on every OS: the system's where installed, else the built-in one. The OS
 * voice (`say`) is only used when chosen: Windows and macOS rarely have a Vietnamese voice.
 * The system's is preferred as issue 13 asks (a center's own espeak-ng data is used), though on a
 * loaded 2-core machine the built-in one, warm in the worker, makes a call 4–10× faster (a program
 * started per call at low priority: voice-engines-bench, cold p50 217 vs 43 ms at load ~10): the
 * built-in one costs ~6 s of start-up and ~25 MB in every server, tests included.
 */
export function resolveEngine(name: VoiceEngineName, _platform: NodeJS.Platform): Exclude<VoiceEngineName, 'auto'> {
  return name === 'auto' ? 'espeak-ng' : name;
}

export async function createEngine(name: 'espeak-ng' | 'espeak-ng-wasm' | 'say' | 'voice-pack', c: EngineContext): Promise<MadeEngine> {
  const { config, dir, platform, worker, signal, log } = c;
  const wasm = () => EspeakWasmEngine.create({ variant: config.variant, rate: config.rate, worker }, signal);
  // The system's espeak-ng where it is installed, else the one built in.
  const espeak = async (): Promise<EspeakEngine | EspeakWasmEngine> => {
    try {
      return await EspeakEngine.create({ variant: config.variant, rate: config.rate, worker }, signal);
    } catch (e) {
      if (signal.aborted || !(e instanceof VoiceSetupError)) throw e;
      log.info({ reason: e.message }, 'no usable system espeak-ng: the built-in espeak-ng (WebAssembly) speaks');
      return wasm();
    }
  };
  const alone = (engine: VoiceEngine): MadeEngine => ({ engine, joinable: true, burstable: true });
  if (name === 'espeak-ng') return alone(await espeak());
  if (name === 'espeak-ng-wasm') return alone(await wasm());
  if (name === 'say') return alone(await SayEngine.create({ platform, voice: config.osVoice, rate: config.rate, workDir: join(dir, 'tmp') }, signal));
  const { pack, joinable, burstable } = await openPack({ config, dir, needs: c.needs, worker, signal, log, tts: espeak });
  return { engine: pack, joinable, burstable };
}
