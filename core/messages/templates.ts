// The messages sent to a citizen's phone: their kinds, the placeholders each template may use,
// the Vietnamese defaults, and the checks an admin's template must pass before it is saved. Pure.
import type { Text } from '../i18n.ts';

export const MESSAGE_KINDS = ['booking-confirmation', 'booking-reminder', 'booking-cancelled', 'near-turn', 'call'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const KIND_NAMES: Record<MessageKind, Text> = {
  'booking-confirmation': { vi: 'Xác nhận đặt lịch', en: 'Booking confirmation' },
  'booking-reminder': { vi: 'Nhắc lịch hẹn', en: 'Booking reminder' },
  'booking-cancelled': { vi: 'Hủy lịch hẹn', en: 'Booking cancelled' },
  'near-turn': { vi: 'Sắp đến lượt', en: 'Turn coming up' },
  call: { vi: 'Mời vào quầy', en: 'Called to a counter' },
};

const BOOKING = ['code', 'service', 'date', 'time', 'center'] as const;
/** What each kind of message may say, and the one fact without which it is useless. */
export const PLACEHOLDERS: Record<MessageKind, { allowed: readonly string[]; required: readonly string[] }> = {
  'booking-confirmation': { allowed: BOOKING, required: ['code'] },
  'booking-reminder': { allowed: BOOKING, required: ['time'] },
  'booking-cancelled': { allowed: BOOKING, required: ['code'] },
  'near-turn': { allowed: ['number', 'ahead', 'service', 'center'], required: ['number'] },
  call: { allowed: ['number', 'counter', 'service', 'center'], required: ['counter'] },
};

export const DEFAULT_TEMPLATES: Record<MessageKind, string> = {
  'booking-confirmation': '{center}: Ông/Bà đã đặt lịch {service} lúc {time} ngày {date}. Mã đặt lịch: {code}. Khi đến, vui lòng quét mã tại kiosk.',
  'booking-reminder': '{center}: Nhắc lịch hẹn {service} lúc {time} ngày {date}, mã đặt lịch {code}. Vui lòng đến đúng giờ.',
  'booking-cancelled': '{center}: Lịch hẹn {service} lúc {time} ngày {date} (mã {code}) đã được hủy. Ông/Bà có thể đặt lịch khác hoặc đến lấy số trực tiếp.',
  'near-turn': 'Còn {ahead} người nữa đến lượt Ông/Bà (số {number}). Vui lòng có mặt gần quầy.',
  call: 'Mời Ông/Bà số {number} đến quầy số {counter}.',
};

export const MAX_TEMPLATE_CHARS = 480;
const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The placeholders a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}

/**
 * What is wrong with a template, in Vietnamese (empty when it can be saved). `json`: the template
 * is a request body where braces are JSON's own, so only {word} counts as a placeholder.
 */
export function templateProblems(template: string, allowed: readonly string[], required: readonly string[], label: string, json = false): string[] {
  const problems: string[] = [];
  const list = allowed.map((a) => `{${a}}`).join(', ');
  if (template.trim() === '') return [`Mẫu «${label}» đang để trống`];
  if (template.length > MAX_TEMPLATE_CHARS * (json ? 4 : 1)) problems.push(`Mẫu «${label}» dài ${template.length} ký tự, tối đa ${MAX_TEMPLATE_CHARS * (json ? 4 : 1)}`);
  const used = json ? [...new Set([...template.matchAll(/\{([A-Za-z_]+)\}/g)].map((m) => m[1]!))] : placeholdersOf(template);
  const unknown = used.filter((p) => !allowed.includes(p));
  if (unknown.length > 0) problems.push(`Mẫu «${label}» dùng biến không có: ${unknown.map((u) => `{${u}}`).join(', ')}. Các biến dùng được: ${list}`);
  // A brace left alone ("{number" or "quầy }") would be sent to the citizen as it is.
  const stripped = template.replace(PLACEHOLDER, '');
  if (!json && /[{}]/.test(stripped)) problems.push(`Mẫu «${label}» có dấu { hoặc } không thành cặp`);
  const missing = required.filter((r) => !used.includes(r));
  if (missing.length > 0) problems.push(`Mẫu «${label}» thiếu biến bắt buộc: ${missing.map((m) => `{${m}}`).join(', ')}`);
  return problems;
}

export function messageTemplateProblems(kind: MessageKind, template: string): string[] {
  const p = PLACEHOLDERS[kind];
  return templateProblems(template, p.allowed, p.required, KIND_NAMES[kind].vi);
}

/** Fills the placeholders; one without a value is left empty rather than sent as "{name}". */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (_m, name: string) => values[name] ?? '');
}

/** Vietnamese without tone marks or đ, for SMS gateways that bill a unicode text as 70-character parts. */
export function withoutDiacritics(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

// GSM 03.38 basic set: a text of these alone goes as 160-character parts (153 when split).
const GSM = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ ÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');
const GSM_EXT = new Set('^{}\\[~]|€');

/** How an SMS gateway will count a text: its encoding, and the parts it is billed as. */
export function smsParts(text: string): { encoding: 'gsm' | 'unicode'; chars: number; parts: number } {
  let gsmLength = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM.has(ch)) gsmLength += 1;
    else if (GSM_EXT.has(ch)) gsmLength += 2;
    else { gsm = false; break; }
  }
  if (gsm) return { encoding: 'gsm', chars: gsmLength, parts: gsmLength <= 160 ? 1 : Math.ceil(gsmLength / 153) };
  const units = text.length; // UTF-16 code units, as the gateways count them
  return { encoding: 'unicode', chars: units, parts: units <= 70 ? 1 : Math.ceil(units / 67) };
}
