// The RecordSink of each provider's outbox. Before sending it checks what may have changed since
// the message was queued: the number opted out (never messaged), the message is too late (given
// up, not sent), sending was turned off (held until it is on). Then the provider is called with
// the settings as they are now. What happened is logged with the number masked, and noted for
// the manager's card (the last error in Vietnamese, which messages are failing).
import type { Logger } from 'pino';
import type { Text } from '@core/i18n.ts';
import { fill } from '@core/i18n.ts';
import { maskPhone, maskPhonesIn } from '@core/messages/phone.ts';
import type { MessageSettings } from '@core/messages/settings.ts';
import { KIND_NAMES } from '@core/messages/templates.ts';
import { messageErrorText, providerName } from '@core/text/messages.ts';
import type { Clock } from '../deps.ts';
import type { RecordSink, SinkResult } from '../outbox/record-sink.ts';
import type { Attempt } from './http-attempt.ts';
import type { MessageJournal, MessageRecord, Provider } from './journal.ts';
import { sendSms } from './sms-sink.ts';
import { sendZns } from './zns-sink.ts';

export class DeliveryTracker {
  /** Keys whose last attempt failed. */
  readonly failing = new Set<string>();
  failedAttempts = 0;
  lastSuccessAt: number | null = null;
  lastError: { at: number; text: Text } | null = null;

  failed(key: string, at: number, text: Text): void {
    this.failing.add(key);
    this.failedAttempts += 1;
    this.lastError = { at, text };
  }

  /** Refused for a reason no retry cures: no longer "failing", but the reason is the last error. */
  gaveUp(key: string, at: number, text: Text): void {
    this.failing.delete(key);
    this.failedAttempts += 1;
    this.lastError = { at, text };
  }

  done(key: string, at: number, sent: boolean): void {
    this.failing.delete(key);
    if (sent) {
      this.lastSuccessAt = at;
      this.lastError = null;
    }
  }
}

export interface MessageSinkDeps {
  settings: () => MessageSettings;
  journal: MessageJournal;
  tracker: DeliveryTracker;
  clock: Clock;
  logger: Logger;
}

const both = (t: Text, params: Record<string, string | number>): Text => ({ vi: fill(t.vi, params, 'vi'), en: fill(t.en, params, 'en') });

export function messageSink(provider: Provider, deps: MessageSinkDeps): RecordSink {
  const { journal, tracker, clock, logger } = deps;
  const name = providerName[provider];
  const settled = async (m: MessageRecord, outcome: 'expired' | 'opted-out'): Promise<SinkResult> => {
    await journal.note(m.key, outcome, clock.now());
    tracker.done(m.key, clock.now(), false);
    logger.info({ key: m.key, kind: m.kind, to: maskPhone(m.phone), outcome }, outcome === 'expired' ? 'message given up: too late to be of use' : 'message not sent: the number opted out');
    return { ok: true, status: 0 };
  };
  return {
    name: `messages-${provider}`,
    async deliver(d, signal) {
      const m = JSON.parse(d.body) as MessageRecord;
      const s = deps.settings();
      if (s.optOuts.some((o) => o.phone === m.phone)) return settled(m, 'opted-out');
      if (clock.now() >= m.expiresAt) return settled(m, 'expired');
      if (!s.enabled) {
        tracker.failed(m.key, clock.now(), messageErrorText.off);
        return { ok: false, kind: 'unreachable', status: null, receiverDown: true };
      }
      if (provider === 'zns' && s.zns.templates[m.kind].templateId === '') {
        tracker.failed(m.key, clock.now(), both(messageErrorText.noTemplate, { kind: KIND_NAMES[m.kind].vi }));
        return { ok: false, kind: 'http', status: null, receiverDown: false };
      }
      const a: Attempt = provider === 'sms' ? await sendSms(s.sms, m, signal) : await sendZns(s.zns, m, signal);
      const at = clock.now();
      if (a.result.ok) {
        tracker.done(m.key, at, true);
        logger.info({ key: m.key, kind: m.kind, provider, to: maskPhone(m.phone), text: m.text, status: a.result.status }, 'message sent');
        return a.result;
      }
      const r = a.result;
      const detail = a.detail ? maskPhonesIn(a.detail) : '';
      if (a.permanent) {
        // Zalo will refuse it whatever we do: failed for good, with the reason, never retried.
        const reason = { vi: fill(messageErrorText.permanent.vi, { provider: name.vi, reason: a.permanent.vi }, 'vi'), en: fill(messageErrorText.permanent.en, { provider: name.en, reason: a.permanent.en }, 'en') };
        await journal.note(m.key, 'failed', at, reason);
        tracker.gaveUp(m.key, at, reason);
        logger.warn({ key: m.key, kind: m.kind, provider, to: maskPhone(m.phone), status: r.status, detail }, 'message failed for good: the provider will never take it');
        return { ok: true, status: r.status ?? 0 };
      }
      const timeoutMs = provider === 'sms' ? s.sms.timeoutMs : s.zns.timeoutMs;
      const params = { provider: name.vi, status: r.status ?? '', sec: Math.round(timeoutMs / 100) / 10, detail };
      const text = r.kind === 'http' && r.status !== null && r.status >= 200 && r.status < 300
        ? { vi: fill(messageErrorText.refused.vi, params, 'vi'), en: fill(messageErrorText.refused.en, { ...params, provider: name.en }, 'en') }
        : { vi: fill(messageErrorText[r.kind].vi, params, 'vi'), en: fill(messageErrorText[r.kind].en, { ...params, provider: name.en }, 'en') };
      tracker.failed(m.key, at, text);
      logger.warn({ key: m.key, kind: m.kind, provider, to: maskPhone(m.phone), failure: r.kind, status: r.status, detail }, 'message not delivered');
      return r;
    },
  };
}
