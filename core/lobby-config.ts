// Settings of the lobby: the display boards and the voice that announces calls. Both sections are
// optional in a stored configuration and get defaults. A template with an unknown placeholder is
// refused here, at configuration time, with the reason in Vietnamese.
import { z } from 'zod';
import { DEFAULT_RECALL_TEMPLATE, DEFAULT_TEMPLATE, templateProblems } from './announcement.ts';
import { NUMBER_STYLES } from './vietnamese-numbers.ts';

const nfc = (s: string) => s.normalize('NFC').trim();

const TemplateSchema = z
  .string()
  .max(300)
  .transform(nfc)
  .superRefine((t, ctx) => {
    for (const message of templateProblems(t)) ctx.addIssue({ code: 'custom', message });
  });

export const VOICE_ENGINES = ['auto', 'espeak-ng', 'espeak-ng-wasm', 'say', 'voice-pack', 'none'] as const;
export type VoiceEngineName = (typeof VOICE_ENGINES)[number];

export const VoiceConfigSchema = z.object({
  /**
   * auto: the system's espeak-ng where it is installed, else the espeak-ng built into the server
   * (WebAssembly, shipped with npm install), on every OS. espeak-ng-wasm: the built-in one always.
   * say: the OS voice (Windows, macOS). voice-pack: recorded clips (a default pack is made with
   * espeak-ng at first start). none: the chime only.
   */
  engine: z.enum(VOICE_ENGINES).default('auto'),
  /** Number words: North (linh, nghìn) or South (lẻ, ngàn); also picks espeak-ng's regional voice. */
  variant: z.enum(['north', 'south']).default('north'),
  template: TemplateSchema.default(DEFAULT_TEMPLATE),
  recallTemplate: TemplateSchema.default(DEFAULT_RECALL_TEMPLATE),
  /** full: "a, không trăm hai mươi lăm" (the zeros of A-025 said); short: "a, hai mươi lăm". */
  numberStyle: z.enum(NUMBER_STYLES).default('full'),
  /** Say the phrase once or twice (after one chime); with calls waiting behind it, it is said once. */
  repeat: z.union([z.literal(1), z.literal(2)]).default(2),
  chime: z.boolean().default(true),
  /** The chime's loudness, in % of the voice's level (the voice is normalised to one level). */
  chimeLevel: z.number().int().min(5).max(100).default(60),
  /**
   * A call whose announcement could not start within this many seconds is not said at all: the
   * board shows it, and a citizen is not sent to a counter that has long moved on.
   */
  staleAfterSec: z.number().int().min(10).max(600).default(60),
  /** espeak-ng speed in words per minute: announcements in a hall want slower than its 175. */
  rate: z.number().int().min(80).max(260).default(135),
  /** For `say`: the OS voice, e.g. "Microsoft An" (Windows) or "Linh" (macOS); null = the default voice. */
  osVoice: z.string().regex(/^[\p{L}\p{N} ._()-]{1,60}$/u, 'tên giọng đọc chỉ gồm chữ, số, dấu cách và . _ ( ) -').nullable().default(null),
  /** For `voice-pack`: the clips folder, absolute or relative to the voice folder; null = voice/pack. */
  packDir: z.string().min(1).max(300).nullable().default(null),
});
export type VoiceConfig = z.infer<typeof VoiceConfigSchema>;

export const DisplayConfigSchema = z.object({
  /** The scrolling line at the bottom of every board; empty hides it. Managers edit it. */
  notice: z.string().max(500).transform(nfc).default(''),
  /** A board's theme unless its link says otherwise (?theme=light). */
  theme: z.enum(['dark', 'light']).default('dark'),
  /** Seconds the newest call stays highlighted. */
  highlightSec: z.number().int().min(2).max(60).default(8),
});
export type DisplayConfig = z.infer<typeof DisplayConfigSchema>;

/**
 * Sections whose mistakes must not stop the queue: a stored configuration with a bad voice
 * template still starts, with that section's defaults and the voice reduced to the chime.
 */
export const FORGIVING_SECTIONS = ['voice', 'display'] as const;
