// The manager's figures of the messages (core/messages/status.ts), from the journal (what became
// due today and what was given up), the outboxes (what was delivered, what waits, when next) and
// the delivery tracker (what is failing, the last error).
import type { Text } from '@core/i18n.ts';
import type { MessageSettings } from '@core/messages/settings.ts';
import type { MessagesStatus } from '@core/messages/status.ts';
import { localDay } from '@core/time.ts';
import { maskPhone } from '@core/messages/phone.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { MessageJournal, Provider } from './journal.ts';
import type { DeliveryTracker } from './message-sink.ts';

export interface StatusInput {
  settings: MessageSettings;
  problem: string | null;
  journal: MessageJournal;
  tracker: DeliveryTracker;
  outboxes: Record<Provider, Outbox>;
  now: number;
  optedOutToday: number;
}

function originOf(url: string): string | null {
  try { return url ? new URL(url).origin : null; } catch { return null; }
}

export function messagesStatus(input: StatusInput): MessagesStatus {
  const { settings: s, journal, tracker, outboxes, now } = input;
  const today = localDay(now);
  const counts = { due: 0, sent: 0, pending: 0, failing: 0, expired: 0, optedOut: input.optedOutToday, failed: 0 };
  const failures: NonNullable<MessagesStatus['failures']> = [];
  for (const m of journal.all()) {
    if (localDay(m.at) !== today) continue;
    counts.due += 1;
    if (m.outcome === 'expired') counts.expired += 1;
    else if (m.outcome === 'opted-out') counts.optedOut += 1;
    else if (m.outcome === 'failed') {
      counts.failed += 1;
      failures.push({ at: m.outcomeAt ?? m.at, kind: m.kind, to: maskPhone(m.phone), reason: m.reason ?? { vi: 'Không rõ lý do', en: 'Unknown reason' } });
    }
    else {
      const e = outboxes[m.provider].log.get(m.key);
      if (e && e.deliveredRev >= e.rev) counts.sent += 1;
      else {
        counts.pending += 1;
        if (tracker.failing.has(m.key)) counts.failing += 1;
      }
    }
  }
  const next = [outboxes.sms.state().nextAttemptAt, outboxes.zns.state().nextAttemptAt].filter((n): n is number => n !== null);
  const problem: Text | null = input.problem ? { vi: input.problem, en: 'The message settings file could not be read; sending is off' } : null;
  return {
    enabled: s.enabled, provider: s.provider, problem,
    target: s.provider === 'sms' ? originOf(s.sms.url) : s.provider === 'zns' ? originOf(s.zns.url) : null,
    today: counts, failures: failures.sort((a, b) => b.at - a.at).slice(0, 20), failedAttempts: tracker.failedAttempts, lastSuccessAt: tracker.lastSuccessAt, lastError: tracker.lastError,
    nextAttemptAt: next.length > 0 ? Math.min(...next) : null,
  };
}
