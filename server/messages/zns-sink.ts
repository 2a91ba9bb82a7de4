// Zalo ZNS, per its public API: POST to the template message endpoint with the OA's access token
// in an `access_token` header and a JSON body { phone: "84…", template_id, template_data,
// tracking_id }. The answer is JSON: `error: 0` is success (data.msg_id names the message); any
// other `error` is a refusal with its `message`; an answer without a numeric `error` is garbage.
// A refusal no retry can cure (core/messages/zns-errors.ts) says so: the message fails for good.
import { fillTemplate } from '@core/messages/templates.ts';
import { znsError } from '@core/messages/zns-errors.ts';
import { internationalPhone } from '@core/messages/phone.ts';
import type { ZnsSettings } from '@core/messages/settings.ts';
import type { MessageRecord } from './journal.ts';
import { attempt } from './http-attempt.ts';
import type { Attempt, ProviderRequest } from './http-attempt.ts';
import { trackingId } from './tracking.ts';

export function znsRequest(s: ZnsSettings, m: MessageRecord): ProviderRequest {
  const t = s.templates[m.kind];
  const data: Record<string, string> = {};
  for (const [param, template] of Object.entries(t.data)) data[param] = fillTemplate(template, m.values);
  return {
    url: s.url, method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', access_token: s.accessToken, 'user-agent': 'Luot-Messages/1' },
    body: JSON.stringify({ phone: internationalPhone(m.phone), template_id: t.templateId, template_data: data, tracking_id: trackingId(m.key) }),
  };
}

export function sendZns(s: ZnsSettings, m: MessageRecord, signal: AbortSignal): Promise<Attempt> {
  return attempt(znsRequest(s, m), s.timeoutMs, signal, (status, body) => {
    let json: unknown;
    try { json = JSON.parse(body); } catch { json = null; }
    const error = (json as { error?: unknown } | null)?.error;
    if (typeof error !== 'number') return { result: { ok: false, kind: 'garbage', status, receiverDown: true }, detail: body.slice(0, 120) || null };
    if (error === 0) return { result: { ok: true, status }, detail: null };
    const message = (json as { message?: unknown }).message;
    const detail = `ZNS error ${error}: ${typeof message === 'string' ? message.slice(0, 200) : ''}`;
    const known = znsError(error);
    return {
      result: { ok: false, kind: 'http', status, receiverDown: false }, detail,
      permanent: known?.permanent ? { vi: `${known.text.vi} (mã ${error})`, en: `${known.text.en} (code ${error})` } : null,
    };
  });
}
