// What a manager sees of the messages to citizens' phones (the manager app's live view).
import type { Text } from '../i18n.ts';

export interface MessagesStatus {
  enabled: boolean;
  provider: 'sms' | 'zns' | null;
  /** The provider's origin (no path, no secrets), e.g. https://business.openapi.zalo.me. */
  target: string | null;
  /** Why sending is off although it was set up (an unreadable settings file), else null. */
  problem: Text | null;
  /** Messages that became due today, and where they stand. */
  today: { due: number; sent: number; pending: number; failing: number; expired: number; optedOut: number; failed?: number };
  /** Today's messages the provider refused for good (never retried), newest first, the phone masked. */
  failures?: { at: number; kind: string; to: string; reason: Text }[];
  /** Failed attempts since the server started (each retry counts). */
  failedAttempts: number;
  lastSuccessAt: number | null;
  lastError: { at: number; text: Text } | null;
  nextAttemptAt: number | null;
}
