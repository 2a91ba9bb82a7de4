// The OS voices through the `say` package: macOS `say` and Windows System.Speech (PowerShell),
// both exporting a WAV file. Three guards around that package:
//  - On Linux it drives festival: no Vietnamese voice, no export, and when festival is missing
//    its child's 'error' event goes unhandled and the whole server dies (`spawn festival ENOENT`).
//    So on Linux this engine is refused at configuration time and never started.
//  - Elsewhere the program is looked up on PATH first, and every child it spawns gets an 'error'
//    listener the moment it exists, so a missing program is an error, not a crash.
//  - Text never reaches a shell or a script unescaped: it is reduced to words and punctuation
//    (no quotes, backslashes, $, control characters or leading dashes); the voice name and the
//    file path, which the package pastes into a PowerShell string, are checked to be plain.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Phrase } from '@core/announcement.ts';
import type { VoiceEngine } from './engine.ts';
import { VoiceSetupError } from './engine.ts';
import type { Pcm } from './wav.ts';
import { readWavAs } from './wav.ts';

export const SAY_RATE = 22050;
const TIMEOUT_MS = 15_000;

interface SayInstance {
  child: ChildProcess | null;
  export(text: string, voice: string | undefined, speed: number | undefined, file: string, cb: (err: Error | null) => void): void;
}
type SayClass = new (platform: string) => SayInstance;

/** Text as the OS voice may receive it: words, digits and plain punctuation only. */
export function sanitizeForSay(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f"'`\\$<>|&;^%{}[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s-]+/, '')
    .trim();
}

/** A path the package may paste inside a PowerShell '…' string: no quote or shell character. */
export function isPlainPath(path: string): boolean {
  return /^[\p{L}\p{N} :\\/._-]+$/u.test(path);
}

function onPath(program: string, platform: NodeJS.Platform): boolean {
  const exts = platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && exts.some((ext) => existsSync(join(dir, program + ext)))) return true;
  }
  return false;
}

export interface SayOptions {
  platform: NodeJS.Platform;
  /** OS voice name, e.g. "Microsoft An"; undefined = the system default. */
  voice: string | null;
  /** Words per minute, mapped to the platform's speed. */
  rate: number;
  /** Where WAV files are written before being read back. */
  workDir: string;
}

export class SayEngine implements VoiceEngine {
  readonly id: string;
  readonly sampleRate = SAY_RATE;

  /** Exposed for the test that proves the spawn guard on a machine without the program. */
  constructor(private readonly options: SayOptions) {
    this.id = `say:${options.platform}:${options.voice ?? 'default'}:${options.rate}`;
  }

  static async create(options: SayOptions, signal: AbortSignal): Promise<SayEngine> {
    const { platform } = options;
    if (platform !== 'darwin' && platform !== 'win32') {
      throw new VoiceSetupError(
        `bộ đọc "say" không dùng được trên ${platform}: ở đó nó cần festival (không có giọng tiếng Việt, không xuất được WAV, ` +
        'và làm sập máy chủ khi thiếu festival). Hãy dùng engine "espeak-ng" hoặc "voice-pack".',
      );
    }
    const program = platform === 'darwin' ? 'say' : 'powershell';
    if (!onPath(program, platform)) throw new VoiceSetupError(`không tìm thấy chương trình ${program} trong PATH`);
    if (platform === 'win32' && !isPlainPath(options.workDir)) {
      throw new VoiceSetupError(`thư mục giọng đọc ${options.workDir} có ký tự không an toàn cho PowerShell (dấu nháy, &, %, …)`);
    }
    const engine = new SayEngine(options);
    try {
      await engine.sayText('một', signal);
    } catch (e) {
      throw new VoiceSetupError(`giọng đọc của hệ điều hành không đọc được: ${e instanceof Error ? e.message : String(e)}`);
    }
    return engine;
  }

  speak(phrase: Phrase, signal: AbortSignal): Promise<Pcm> {
    return this.sayText(phrase.spoken, signal);
  }

  async sayText(text: string, signal: AbortSignal): Promise<Pcm> {
    const clean = sanitizeForSay(text);
    if (!clean) throw new Error('nothing to say');
    await mkdir(this.options.workDir, { recursive: true });
    const file = join(this.options.workDir, `say-${randomUUID()}.wav`);
    try {
      // The package is loaded when first used, not at every server start (it is rarely chosen).
      const { default: sayModule } = await import('say');
      await this.exportTo((sayModule as unknown as { Say: SayClass }).Say, clean, file, signal);
      return readWavAs(await readFile(file), this.sampleRate);
    } finally {
      await rm(file, { force: true });
    }
  }

  private exportTo(Say: SayClass, text: string, file: string, signal: AbortSignal): Promise<void> {
    const instance = new Say(this.options.platform);
    const speed = this.options.rate / 175;
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (err: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve();
      };
      const onAbort = () => { instance.child?.kill(); settle(new Error('aborted')); };
      const timer = setTimeout(() => { instance.child?.kill(); settle(new Error(`say: no answer within ${TIMEOUT_MS} ms`)); }, TIMEOUT_MS);
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        instance.export(text, this.options.voice ?? undefined, speed, file, (err) => settle(err ? new Error(String(err)) : null));
      } catch (e) {
        settle(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      // The package spawns synchronously and never listens for 'error': a missing program would be
      // an uncaught exception on the next tick. Listening now turns it into this call's failure.
      instance.child?.on('error', (e) => settle(e));
    });
  }
}
