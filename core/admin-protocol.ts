// REST bodies and answers of the admin API (docs/api.md, "Admin API"); re-exported by
// core/protocol.ts, the one protocol definition. Configuration items reuse the schemas of
// core/config.ts, so a body is checked by the same rules as the stored configuration.
import { z } from 'zod';
import { nameText } from './name-text.ts';
import {
  CenterConfigSchema, CenterInfoSchema, CounterConfigSchema, DepartmentSchema, KioskSettingsSchema, PrinterTargetSchema, PriorityCategorySchema,
  RatingPolicySchema, RoutingPolicySchema, ServiceSchema,
} from './config.ts';
import { DisplayConfigSchema, VoiceConfigSchema } from './lobby-config.ts';
import type { VoiceEngineName } from './lobby-config.ts';
import { MAX_SYNONYMS_TEXT_CHARS } from './catalog-search/synonyms.ts';

const name = (max: number) => z.string().max(max).transform((s) => s.normalize('NFC').trim()).pipe(nameText(max));
/** The same list as ROLES in protocol.ts (kept here so this file does not import it back). */
const STAFF_ROLES = ['officer', 'manager', 'admin'] as const;
const password = z.string().min(8, 'mật khẩu tối thiểu 8 ký tự').max(200);

export const AdminServiceBodySchema = ServiceSchema.strict();
export const AdminDepartmentBodySchema = DepartmentSchema.strict();
export const AdminCounterBodySchema = CounterConfigSchema.strict();
/**
 * The logo has its own upload (PUT /api/admin/logo), which checks the image itself: here it is
 * ignored, so the center read from GET /config can be sent back as it is.
 */
export const AdminCenterBodySchema = CenterInfoSchema.omit({ logo: true })
  .extend({ logo: z.unknown().optional().transform(() => undefined) })
  .strict();
export const AdminVoiceBodySchema = VoiceConfigSchema.strict();
export const AdminDisplayBodySchema = DisplayConfigSchema.strict();
/** Hear the current voice: any ticket number and counter (defaults: the first service and counter). */
export const AdminVoicePreviewBodySchema = z.strictObject({
  number: z.string().trim().toUpperCase().regex(/^[A-Z]{0,3}-?\d{1,6}$/, 'số thứ tự dạng A-025: 0–3 chữ cái rồi 1–6 chữ số').optional(),
  counter: z.number().int().min(1).max(999).optional(),
  recall: z.boolean().default(false),
});
export const AdminKioskBodySchema = KioskSettingsSchema.strict();
/** PUT /api/admin/printers/:kiosk: one kiosk's printer (the kiosk is named in the path). */
export const AdminPrinterBodySchema = PrinterTargetSchema;
/** A kiosk device name in a path, compared as device names are stored (NFC, trimmed). */
export const AdminKioskNameSchema = name(100);
export const AdminPriorityBodySchema = z.strictObject({
  priorityCategories: z.array(PriorityCategorySchema).max(20),
  routing: RoutingPolicySchema,
});
export const AdminRatingBodySchema = RatingPolicySchema.strict();
/** Move every waiting ticket of a service to another (POST /api/admin/services/:code/move-waiting). */
export const AdminMoveWaitingBodySchema = z.strictObject({
  toService: z.string().min(1).max(24),
  note: z.string().max(200).transform((s) => s.normalize('NFC').trim()).default(''),
});
/** GET /api/admin/address: where QR codes and device links point, and whether that is a loopback address. */
export interface LinkAddress {
  base: string;
  loopback: boolean;
  publicUrl: string | null;
  lanAddress: string | null;
}
/** The answer: how many moved, and how many of the service's tickets are still at counters. */
export interface MoveWaitingResult {
  moved: number;
  atCounters: number;
}
/** The whole configuration at once (an import, or an expert's edit); validated as a whole. */
export const AdminConfigBodySchema = CenterConfigSchema;

export const AdminCreateUserBodySchema = z.strictObject({
  username: z.string().regex(/^[a-z0-9._-]{3,32}$/i, 'tên đăng nhập 3–32 ký tự: chữ không dấu, số, . _ -').transform((s) => s.toLowerCase()),
  displayName: name(100),
  role: z.enum(STAFF_ROLES),
  password,
  counters: z.array(z.number().int().min(1).max(999)).max(50).default([]),
});
export const AdminUpdateUserBodySchema = z.strictObject({
  displayName: name(100).optional(),
  role: z.enum(STAFF_ROLES).optional(),
  disabled: z.boolean().optional(),
  counters: z.array(z.number().int().min(1).max(999)).max(50).optional(),
});
export const AdminPasswordBodySchema = z.strictObject({ password });

export const AuditQuerySchema = z.strictObject({
  limit: z.string().regex(/^\d{1,5}$/).default('200').transform(Number).pipe(z.number().int().min(1).max(10_000)),
});

/** One admin action, as stored (one JSON line each) and shown. */
export interface AuditEntry {
  at: number;
  /** Who: user id and username at the time. */
  actor: { id: string; username: string };
  /** What: e.g. "service:put", "user:disable", "device:create". */
  action: string;
  /** Which item: a service code, counter number, user name, device name… */
  target: string;
  before: unknown;
  after: unknown;
}

/** A user as admins see it (never the password hash). */
export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  role: (typeof STAFF_ROLES)[number];
  disabled: boolean;
  counters: number[];
  createdAt: number;
}

/** A device just created: its token is shown this once, with the pairing link and its QR code. */
export interface CreatedDevice {
  device: { id: string; kind: string; name: string; zone: string | null; counter: number | null; createdAt: number; revokedAt: number | null };
  token: string;
  link: string;
  /** data:image/png;base64,… of the link */
  qr: string;
}

/** GET /api/admin/voice/status: the engine asked for, what actually speaks, and why it fell back. */
export interface VoiceStatusView {
  requested: VoiceEngineName;
  active: 'espeak-ng' | 'espeak-ng-wasm' | 'say' | 'voice-pack' | 'chime-only' | 'silent' | 'starting';
  problems: string[];
}

/** What the preview answers: the text shown, the WAV to play (GET /audio/…), whether it was voiced. */
export interface VoicePreview {
  text: string;
  audioUrl: string | null;
  durationMs: number | null;
  voiced: boolean;
}

/**
 * POST /api/admin/printers/:kiosk/test: the printer took the test page. A printer that did not is
 * a refusal (PRINTER_OFFLINE, PRINTER_TIMEOUT, PRINT_FAILED) naming the printer in its issues.
 */
export interface PrinterTestResult {
  kiosk: string;
  /** tcp://host:port, or "bridge: <device name>" */
  printer: string;
  bytes: number;
  at: number;
}

/** PUT /api/admin/synonyms: the dictionary as text, one entry per line (core/catalog-search/synonyms.ts). */
export const AdminSynonymsBodySchema = z.strictObject({
  text: z.string({ error: 'thiếu nội dung từ điển (text)' }).max(MAX_SYNONYMS_TEXT_CHARS, `từ điển dài quá ${MAX_SYNONYMS_TEXT_CHARS} ký tự`),
});
