// What createApp receives instead of reaching for globals: tests pass their own.
import type { Logger } from 'pino';
import type { Store } from './store/store.ts';
import type { ExportSettings } from './export/settings.ts';
import type { MessageCenterOptions, UpcomingBookings } from './messages/options.ts';

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface AppDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Makes unguessable ids (tickets, records); injectable so tests can be deterministic. */
  newId?: () => string;
  /** Base URL for links printed on tickets and shown at first start. */
  publicUrl?: string | null;
  /** The server's LAN address: QR codes and links use it rather than a loopback origin (core/lan-origin.ts). */
  lanAddress?: string | null;
  /** Seconds a rating pad waits for an answer before recording "not rated". */
  ratingTimeoutSec?: number;
  /** The voice's folder (audio cache, default voice pack); default <data folder>/voice. */
  voiceDir?: string;
  /** Warm the system's espeak-ng with the first call at start (server/main.ts; not test servers). */
  warmVoiceProgram?: boolean;
  /** The dossier bridge; default from EXPORT_PUSH_URL, EXPORT_HMAC_SECRET, EXPORT_API_KEY (README). */
  exportSettings?: Partial<ExportSettings>;
  /** The export outbox's folder; default <data folder>/export. */
  exportDir?: string;
  /** Messages to citizens' phones (docs/messages.md): settings until an admin saves some, backoff, folder, bookings. */
  messages?: Partial<Omit<MessageCenterOptions, 'settingsPath'>> & { bookings?: UpcomingBookings | null };
  /** Asks the supervisor (server/supervisor.ts) to restart the app in-process, e.g. to apply a restore. */
  requestRestart?: () => void;
}
