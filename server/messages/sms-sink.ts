// The generic HTTP SMS gateway: URL, method, body template with {phone} {text} {key}, an auth
// header, all from the admin's settings as they are when the message is sent. Values are escaped
// for where they land (JSON string, form field, URL query). A 2xx counts; when the admin set
// "success contains", the answer must also contain that text (gateways often answer 200 with an
// error code in the body).
import { internationalPhone } from '@core/messages/phone.ts';
import type { SmsSettings } from '@core/messages/settings.ts';
import type { MessageRecord } from './journal.ts';
import { attempt } from './http-attempt.ts';
import type { Attempt, ProviderRequest } from './http-attempt.ts';
import { trackingId } from './tracking.ts';

function fill(template: string, values: Record<string, string>, escape: (v: string) => string): string {
  return template.replace(/\{(phone|text|key)\}/g, (_m, name: string) => escape(values[name] ?? ''));
}

const jsonEscape = (v: string) => JSON.stringify(v).slice(1, -1);

export function smsRequest(s: SmsSettings, m: MessageRecord): ProviderRequest {
  const values = { phone: s.phoneForm === '84' ? internationalPhone(m.phone) : m.phone, text: m.text, key: trackingId(m.key) };
  const url = fill(s.url, values, encodeURIComponent);
  const headers: Record<string, string> = { 'user-agent': 'Luot-Messages/1', 'idempotency-key': values.key };
  if (s.authHeader && s.authValue) headers[s.authHeader.toLowerCase()] = s.authValue;
  if (s.method === 'GET') return { url, method: 'GET', headers, body: null };
  const escape = s.format === 'json' ? jsonEscape : s.format === 'form' ? encodeURIComponent : (v: string) => v;
  headers['content-type'] = s.format === 'json' ? 'application/json; charset=utf-8'
    : s.format === 'form' ? 'application/x-www-form-urlencoded; charset=utf-8' : 'text/plain; charset=utf-8';
  return { url, method: s.method, headers, body: fill(s.bodyTemplate, values, escape) };
}

export function sendSms(s: SmsSettings, m: MessageRecord, signal: AbortSignal): Promise<Attempt> {
  return attempt(smsRequest(s, m), s.timeoutMs, signal, (status, body) => {
    if (s.successContains === '' || body.includes(s.successContains)) return { result: { ok: true, status }, detail: null };
    return { result: { ok: false, kind: 'http', status, receiverDown: false }, detail: body.slice(0, 200) || '(trống / empty)' };
  });
}
