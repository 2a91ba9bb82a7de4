// How messages to citizens' phones are set up: on/off, the provider (a generic HTTP SMS gateway or
// Zalo ZNS), the templates, the opt-out list. Stored by the server in a file of its own (secrets
// never leave it: the admin screen sees whether a secret is set, not the secret). Every check
// speaks Vietnamese: the admin reads it as it is. Pure.
import { z } from 'zod';
import { DEFAULT_TEMPLATES, KIND_NAMES, MESSAGE_KINDS, PLACEHOLDERS, messageTemplateProblems, templateProblems } from './templates.ts';
import type { MessageKind } from './templates.ts';
import { PhoneSchema } from './phone.ts';

export const ZNS_DEFAULT_URL = 'https://business.openapi.zalo.me/message/template';
export const SMS_PLACEHOLDERS = ['phone', 'text', 'key'] as const;

const httpUrl = z.string().trim().max(500).refine((u) => {
  try { const p = new URL(u).protocol; return p === 'http:' || p === 'https:'; } catch { return false; }
}, 'Địa chỉ phải bắt đầu bằng http:// hoặc https://');
const headerName = z.string().trim().max(100).regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]*$/, 'Tên header chỉ gồm chữ cái không dấu, số và dấu -');
const secret = z.string().max(2000).refine((s) => !/[\r\n]/.test(s), 'Giá trị không được xuống dòng');

const kinds = <T extends z.ZodType>(value: T) => z.object(Object.fromEntries(MESSAGE_KINDS.map((k) => [k, value])) as Record<MessageKind, T>);

export const SmsSettings = z.object({
  url: z.union([httpUrl, z.literal('')]).default(''),
  method: z.enum(['POST', 'PUT', 'GET']).default('POST'),
  /** How the body template is sent, and how the values put into it are escaped. */
  format: z.enum(['json', 'form', 'text']).default('json'),
  bodyTemplate: z.string().max(2000).default('{"to":"{phone}","text":"{text}","ref":"{key}"}'),
  authHeader: headerName.default('Authorization'),
  authValue: secret.default(''),
  phoneForm: z.enum(['84', '0']).default('84'),
  /** When set, a 2xx answer counts only if its body contains this (many gateways answer 200 with an error code). */
  successContains: z.string().max(200).default(''),
  timeoutMs: z.number().int().min(500).max(60_000).default(10_000),
});
export type SmsSettings = z.infer<typeof SmsSettings>;

export const ZnsTemplate = z.object({
  templateId: z.string().trim().max(40).regex(/^\d*$/, 'template_id của ZNS là một dãy số').default(''),
  /** Each parameter of the approved ZNS template, filled from our placeholders, e.g. { "so_thu_tu": "{number}" }. */
  data: z.record(z.string().regex(/^[A-Za-z0-9_]{1,50}$/, 'Tên tham số ZNS chỉ gồm chữ cái không dấu, số và _'), z.string().max(200)).default({}),
});
export const ZnsSettings = z.object({
  url: httpUrl.default(ZNS_DEFAULT_URL),
  accessToken: secret.default(''),
  templates: kinds(ZnsTemplate.default({ templateId: '', data: {} })).default(Object.fromEntries(MESSAGE_KINDS.map((k) => [k, { templateId: '', data: {} }])) as Record<MessageKind, { templateId: string; data: Record<string, string> }>),
  timeoutMs: z.number().int().min(500).max(60_000).default(10_000),
});
export type ZnsSettings = z.infer<typeof ZnsSettings>;

export const OptOut = z.object({ phone: PhoneSchema, at: z.number().int(), via: z.enum(['admin', 'reply']) });
export type OptOut = z.infer<typeof OptOut>;

/** Kinds added after settings files were first written: a file without them reads with their defaults. */
const ADDED_KINDS: readonly MessageKind[] = ['booking-cancelled'];
const asRecord = (x: unknown): Record<string, unknown> | null => (x !== null && typeof x === 'object' && !Array.isArray(x) ? x as Record<string, unknown> : null);
function withAddedKinds(value: unknown): unknown {
  const s = asRecord(value);
  if (!s) return value;
  const out = { ...s };
  for (const k of ADDED_KINDS) {
    const kindsOn = asRecord(out.kinds);
    const templates = asRecord(out.templates);
    const zns = asRecord(out.zns);
    const znsTemplates = asRecord(zns?.templates);
    // On, except where ZNS is in use: there it needs an approved template_id first, so it waits for the admin.
    if (kindsOn && !(k in kindsOn)) out.kinds = { ...kindsOn, [k]: out.provider !== 'zns' };
    if (templates && !(k in templates)) out.templates = { ...templates, [k]: DEFAULT_TEMPLATES[k] };
    if (zns && znsTemplates && !(k in znsTemplates)) out.zns = { ...zns, templates: { ...znsTemplates, [k]: { templateId: '', data: {} } } };
  }
  return out;
}

export const MessageSettings = z.preprocess(withAddedKinds, z.object({
  enabled: z.boolean().default(false),
  provider: z.enum(['sms', 'zns']).nullable().default(null),
  /** Which kinds are sent. */
  kinds: kinds(z.boolean()).default({ 'booking-confirmation': true, 'booking-reminder': true, 'booking-cancelled': true, 'near-turn': true, call: true }),
  templates: kinds(z.string().max(1000)).default(DEFAULT_TEMPLATES),
  /** SMS text without tone marks (đ → d): 160-character parts instead of 70. */
  withoutDiacritics: z.boolean().default(false),
  /** "Còn N người nữa": sent once when this many people (or fewer) are ahead. */
  nearTurnAhead: z.number().int().min(1).max(20).default(3),
  reminderHoursBefore: z.number().int().min(1).max(72).default(24),
  sms: SmsSettings.default(SmsSettings.parse({})),
  zns: ZnsSettings.default(ZnsSettings.parse({})),
  optOuts: z.array(OptOut).max(100_000).default([]),
  /** Key of the inbound webhook where a gateway forwards replies ("TU CHOI"); '' = off. */
  inboundKey: secret.default(''),
}));
export type MessageSettings = z.infer<typeof MessageSettings>;
export const DEFAULT_MESSAGE_SETTINGS: MessageSettings = MessageSettings.parse({});

/** What the admin screen reads: the settings with every secret replaced by whether it is set. */
export type MessageSettingsView = Omit<MessageSettings, 'sms' | 'zns' | 'inboundKey'> & {
  sms: Omit<SmsSettings, 'authValue'> & { authValueSet: boolean };
  zns: Omit<ZnsSettings, 'accessToken'> & { accessTokenSet: boolean };
  inboundKeySet: boolean;
};

export function settingsView(s: MessageSettings): MessageSettingsView {
  const { authValue, ...sms } = s.sms;
  const { accessToken, ...zns } = s.zns;
  const { inboundKey, ...rest } = s;
  return { ...rest, sms: { ...sms, authValueSet: authValue !== '' }, zns: { ...zns, accessTokenSet: accessToken !== '' }, inboundKeySet: inboundKey !== '' };
}

/**
 * What the admin saves: everything but the opt-out list (edited on its own). A secret left out (or
 * null) keeps the stored one; an empty string clears it.
 */
// An integration written before a kind was added still saves (the kind takes its default).
export const MessageSettingsBody = z.preprocess(withAddedKinds, z.strictObject({
  enabled: z.boolean(),
  provider: z.enum(['sms', 'zns']).nullable(),
  kinds: kinds(z.boolean()),
  templates: kinds(z.string().max(1000)),
  withoutDiacritics: z.boolean(),
  nearTurnAhead: z.number().int().min(1, 'Ngưỡng “sắp đến lượt” từ 1 đến 20 người').max(20, 'Ngưỡng “sắp đến lượt” từ 1 đến 20 người'),
  reminderHoursBefore: z.number().int().min(1, 'Nhắc lịch trước từ 1 đến 72 giờ').max(72, 'Nhắc lịch trước từ 1 đến 72 giờ'),
  sms: SmsSettings.omit({ authValue: true }).extend({ authValue: secret.nullable().optional() }),
  zns: ZnsSettings.omit({ accessToken: true }).extend({ accessToken: secret.nullable().optional() }),
  inboundKey: secret.nullable().optional(),
}));
export type MessageSettingsBody = z.infer<typeof MessageSettingsBody>;

/** The body applied to the stored settings (secrets kept unless replaced). */
export function applyBody(stored: MessageSettings, body: MessageSettingsBody): MessageSettings {
  const { authValue, ...sms } = body.sms;
  const { accessToken, ...zns } = body.zns;
  return {
    ...stored, enabled: body.enabled, provider: body.provider, kinds: body.kinds, templates: body.templates,
    withoutDiacritics: body.withoutDiacritics, nearTurnAhead: body.nearTurnAhead, reminderHoursBefore: body.reminderHoursBefore,
    sms: { ...sms, authValue: authValue ?? stored.sms.authValue },
    zns: { ...zns, accessToken: accessToken ?? stored.zns.accessToken },
    inboundKey: body.inboundKey ?? stored.inboundKey,
  };
}

/** Every reason these settings cannot be saved, in Vietnamese; empty when they can. */
export function settingsProblems(s: MessageSettings): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const kind of MESSAGE_KINDS) {
    for (const message of messageTemplateProblems(kind, s.templates[kind])) out.push({ path: `templates.${kind}`, message });
  }
  for (const message of templateProblems(s.sms.bodyTemplate, SMS_PLACEHOLDERS, [], 'Nội dung gửi tới cổng SMS', true)) out.push({ path: 'sms.bodyTemplate', message });
  const smsUnknown = [...s.sms.url.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!).filter((p) => !(SMS_PLACEHOLDERS as readonly string[]).includes(p));
  if (smsUnknown.length > 0) out.push({ path: 'sms.url', message: `Địa chỉ cổng SMS dùng biến không có: ${smsUnknown.map((u) => `{${u}}`).join(', ')}. Các biến dùng được: {phone}, {text}, {key}` });
  for (const kind of MESSAGE_KINDS) {
    const t = s.zns.templates[kind];
    for (const [param, value] of Object.entries(t.data)) {
      const label = `tham số ZNS ${param} của «${KIND_NAMES[kind].vi}»`;
      for (const message of templateProblems(value, PLACEHOLDERS[kind].allowed, [], label)) out.push({ path: `zns.templates.${kind}.data.${param}`, message });
    }
  }
  if (!s.enabled) return out;
  if (s.provider === null) out.push({ path: 'provider', message: 'Hãy chọn nhà cung cấp (cổng SMS hoặc Zalo ZNS) trước khi bật gửi tin nhắn' });
  if (s.provider === 'sms') {
    if (s.sms.url === '') out.push({ path: 'sms.url', message: 'Hãy nhập địa chỉ của cổng SMS trước khi bật gửi tin nhắn' });
    const used = [s.sms.url, s.sms.bodyTemplate].join(' ');
    for (const p of ['phone', 'text']) if (!used.includes(`{${p}}`)) out.push({ path: 'sms.bodyTemplate', message: `Cổng SMS cần biến {${p}} trong địa chỉ hoặc nội dung gửi đi` });
  }
  if (s.provider === 'zns') {
    if (s.zns.accessToken === '') out.push({ path: 'zns.accessToken', message: 'Hãy nhập access token của Zalo OA trước khi bật gửi tin ZNS' });
    for (const kind of MESSAGE_KINDS) {
      if (s.kinds[kind] && s.zns.templates[kind].templateId === '') out.push({ path: `zns.templates.${kind}.templateId`, message: `Loại tin «${KIND_NAMES[kind].vi}» đang bật nhưng chưa có template_id ZNS` });
    }
  }
  return out;
}
