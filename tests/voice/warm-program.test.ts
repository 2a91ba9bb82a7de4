// The server's main asks the voice to make the morning's first call at start with the system's
// espeak-ng too (warmProgram): that program's first run is the slow one (159 ms against ~60 ms
// after, voice-engines-bench on a quiet machine). Test servers, started by the hundred, do not.
import { readdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VoiceConfigSchema } from '@core/lobby-config.ts';
import { VoiceService } from '../../server/voice/voice-service.ts';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'luot-warm-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const wavsIn = async (folder: string) => (await readdir(folder).catch(() => [] as string[])).filter((f) => f.endsWith('.wav'));

it.each([[true, 1], [false, 0]] as const)('warmProgram %s: %i announcement made at start with the system espeak-ng', { timeout: 120_000 }, async (warmProgram, files) => {
  const voiceDir = join(dir, `voice-${warmProgram}`);
  const voice = new VoiceService({
    config: VoiceConfigSchema.parse({ engine: 'espeak-ng', chime: false, repeat: 1 }), configProblems: [],
    needs: { prefixes: ['A'], counters: [3] }, dir: voiceDir, platform: 'linux', logger: pino({ level: 'silent' }), warmProgram,
  });
  try {
    await voice.ready;
    expect(voice.status().active).toBe('espeak-ng');
    expect(await wavsIn(join(voiceDir, 'cache'))).toHaveLength(files);
  } finally {
    await voice.close();
  }
});
