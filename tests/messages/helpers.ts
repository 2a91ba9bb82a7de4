// Shared steps of the messages tests: a center with messages on, tickets with phones issued
// through the kiosks' REST door, the manager's figures.
import type { MessagesStatus } from '@core/messages/status.ts';
import type { MessageSettings } from '@core/messages/settings.ts';
import type { TestServer } from '../helpers/server.ts';
import type { SmsGateway, ZnsReceiver } from '../helpers/message-receivers.ts';

let seq = 0;

/** A ticket with the citizen's phone, as a kiosk integration issues it. */
export async function issueWithPhone(s: TestServer, serviceCode: string, phone: string | null): Promise<{ id: string; number: string }> {
  const res = await fetch(`${s.url}/api/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.deviceTokens.kiosk1}`, 'content-type': 'application/json' },
    body: JSON.stringify({ serviceCode, requestId: `msg-test-${++seq}-req`, phone }),
  });
  const body = (await res.json()) as { ok: boolean; data: { ticket: { id: string; number: string } }; message?: string };
  if (!body.ok) throw new Error(`issue refused: ${body.message}`);
  return body.data.ticket;
}

export function smsSettings(gateway: SmsGateway, more: Partial<MessageSettings> = {}): Partial<MessageSettings> {
  return {
    enabled: true, provider: 'sms',
    sms: {
      url: gateway.url, method: 'POST', format: 'json', bodyTemplate: '{"to":"{phone}","text":"{text}","ref":"{key}"}',
      authHeader: 'Authorization', authValue: `Bearer ${gateway.apiKey}`, phoneForm: '84', successContains: '"status":"OK"', timeoutMs: 1_000,
    },
    ...more,
  };
}

export function znsSettings(receiver: ZnsReceiver, more: Partial<MessageSettings> = {}): Partial<MessageSettings> {
  const t = (templateId: string, data: Record<string, string>) => ({ templateId, data });
  return {
    enabled: true, provider: 'zns',
    zns: {
      url: receiver.url, accessToken: receiver.accessToken, timeoutMs: 1_000,
      templates: {
        'booking-confirmation': t('300001', { ma_dat_lich: '{code}', gio: '{time}', ngay: '{date}' }),
        'booking-reminder': t('300002', { ma_dat_lich: '{code}', gio: '{time}' }),
        'booking-cancelled': t('300005', { ma_dat_lich: '{code}', gio: '{time}', ngay: '{date}' }),
        'near-turn': t('300003', { so_thu_tu: '{number}', con_lai: '{ahead}' }),
        call: t('300004', { so_thu_tu: '{number}', quay: '{counter}' }),
      },
    },
    ...more,
  };
}

export const FAST = { baseMs: 40, maxMs: 300 };

export async function messagesStatus(s: TestServer, user = 'quanly'): Promise<MessagesStatus> {
  const res = await fetch(`${s.url}/api/messages/status`, { headers: { authorization: `Bearer ${await s.login(user)}` } });
  return ((await res.json()) as { data: MessagesStatus }).data;
}
