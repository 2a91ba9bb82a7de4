// What the screens' pictures are built from (server/realtime/snapshots.ts, counter-console.ts).
import type { AccountService } from '../auth/accounts.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { Clock } from '../deps.ts';
import type { QueueService } from '../queue/queue-service.ts';

export interface ScreenViewDeps {
  queue: Pick<QueueService, 'current' | 'counterOfOfficer'>;
  config: LiveConfig;
  accounts: Pick<AccountService, 'user' | 'displayName'>;
  clock: Clock;
  /** Whether the kiosks offer their phone step (messages on, with a kind that speaks of the turn). */
  phoneStep?: () => boolean;
}
