// espeak-ng says a call in pieces cut at its commas (phrase-chunks.ts), kept by the voice's worker:
// the pieces are exactly the words of the whole phrase, and the announcement they make is as long
// as the whole phrase said at once (sox measures both), voiced, at the speech level.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJoinedPhrase, buildPhrase, DEFAULT_RECALL_TEMPLATE, DEFAULT_TEMPLATE } from '@core/announcement.ts';
import { VoiceConfigSchema } from '@core/lobby-config.ts';
import type { CallView } from '@core/views.ts';
import { EspeakEngine } from '../../server/voice/espeak.ts';
import { phraseChunks } from '../../server/voice/phrase-chunks.ts';
import { VoiceService } from '../../server/voice/voice-service.ts';
import { encodeWav } from '../../server/voice/wav.ts';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'luot-chunked-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const callOf = (number: string, counter: number): CallView => ({
  ticket: {
    id: number, number, serviceCode: 'X', departmentCode: 'Y', priority: null, status: 'called', issuedAt: 0, queuedAt: 0, calledAt: 0,
    startedAt: null, finishedAt: null, counter, targetCounter: null, calls: 1, transferred: false, seq: 0,
  },
  counter, zone: 'T1', recall: false, at: 0,
});
const seconds = (file: string) => Number(execFileSync('soxi', ['-D', file], { encoding: 'utf8' }));

describe('pieces of a phrase', () => {
  it('are the phrase’s own words, cut at its commas; only the number piece varies', () => {
    for (const phrase of [
      buildPhrase(DEFAULT_TEMPLATE, { number: 'A-025', counter: 3 }, 'north'),
      buildPhrase(DEFAULT_RECALL_TEMPLATE, { number: 'CG-105', counter: 21 }, 'south'),
      buildJoinedPhrase(DEFAULT_TEMPLATE, [{ number: 'A-025', counter: 3 }, { number: 'B-011', counter: 5 }], 'north'),
    ]) {
      const chunks = phraseChunks(phrase);
      expect(chunks.map((c) => c.text).join(' ')).toBe(phrase.spoken);
      expect(chunks.slice(0, -1).every((c) => c.text.endsWith(','))).toBe(true);
    }
    expect(phraseChunks(buildPhrase(DEFAULT_TEMPLATE, { number: 'A-025', counter: 3 }, 'north'))).toEqual([
      { text: 'Xin mời công dân có số thứ tự a,', variable: false },
      { text: 'không trăm hai mươi lăm,', variable: true },
      { text: 'đến quầy số ba', variable: false },
    ]);
  });

  it('said by espeak-ng one after another last as long as the whole phrase, voiced', { timeout: 120_000 }, async () => {
    const voice = new VoiceService({
      config: VoiceConfigSchema.parse({ engine: 'espeak-ng', chime: false, repeat: 1 }), configProblems: [],
      needs: { prefixes: ['A'], counters: [3, 7] }, dir: join(dir, 'voice'), platform: 'linux', logger: pino({ level: 'silent' }),
    });
    try {
      await voice.ready;
      // The first call at counter 3 has its pieces made; the second (another number) reuses two of them.
      await voice.announce(callOf('A-024', 3));
      const a = await voice.announce(callOf('A-025', 3));
      const file = voice.fileFor(a.audioUrl!.slice('/audio/'.length, -'.wav'.length))!;
      const engine = await EspeakEngine.create({ variant: 'north', rate: 135 }, new AbortController().signal);
      const whole = join(dir, 'whole.wav');
      await writeFile(whole, encodeWav(await engine.speak(buildPhrase(DEFAULT_TEMPLATE, { number: 'A-025', counter: 3 }, 'north'), new AbortController().signal)));
      expect(Math.abs(seconds(file) - seconds(whole))).toBeLessThan(0.05 * seconds(whole));
      const rms = Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(spawnSync('sox', [file, '-n', 'stat'], { encoding: 'utf8' }).stderr)?.[1]);
      expect(rms).toBeGreaterThan(0.02);
    } finally {
      await voice.close();
    }
  });
});
