// What createApp may give the messages (server/deps.ts) and what they need of the bookings part:
// types only, in a file of their own so that deps.ts does not import the message center.
import type { BookingForMessage } from '@core/messages/compose.ts';
import type { MessageSettings } from '@core/messages/settings.ts';

/** What the messages need of the bookings part. */
export interface UpcomingBookings {
  upcoming(fromMs: number, toMs: number): BookingForMessage[];
}

export interface BookingChangeForMessage {
  booking: BookingForMessage;
  change: 'created' | 'moved' | 'cancelled' | 'checked-in' | 'no-show';
}

export interface MessageCenterOptions {
  /** <data>/messages; null: settings in memory, logs in a temp folder (tests without a store). */
  dir: string;
  settingsPath: string | null;
  /** Given settings (tests) instead of the file's. */
  settings?: Partial<MessageSettings>;
  backoff?: { baseMs: number; maxMs: number };
  /** How often reminders are looked for. */
  reminderEveryMs?: number;
  retentionDays?: number;
}
