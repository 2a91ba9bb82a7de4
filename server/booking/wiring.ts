// Opens the bookings for the composition root: the log under <data>/bookings, the ID-hash key
// under <data>/secrets (a temp folder when the store is not on disk), the no-show sweep started.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { LiveConfig } from '../config/live-config.ts';
import type { Clock } from '../deps.ts';
import type { EventBus } from '../events/event-bus.ts';
import { BookingService } from './booking-service.ts';
import { loadIdKey } from './id-key.ts';
import type { Router } from 'express';
import type { PrincipalLookup } from '../auth/principal.ts';
import { ApiKeys } from './api-keys.ts';
import { bookingKeysRouter } from './keys-api.ts';
import { portalRouter } from './portal-api.ts';
import { publicBookingRouter } from './public-api.ts';
import { bookPageRouter } from './book-page.ts';
import { bookingReportRouter } from './report-api.ts';
import { bookingSettingsRouter } from './settings-api.ts';
import { officerNameRouter } from './officer-name-api.ts';
import type { ConfigService } from '../admin/config-service.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { Store } from '../store/store.ts';

export async function openBookings(deps: { dataDir: string | null; config: LiveConfig; clock: Clock; bus: EventBus; logger: Logger }): Promise<BookingService> {
  const root = deps.dataDir ?? join(tmpdir(), `luot-bookings-${process.pid}`);
  const bookings = await BookingService.open({
    dir: join(root, 'bookings'), config: deps.config, clock: deps.clock, bus: deps.bus,
    logger: deps.logger.child({ module: 'bookings' }), key: await loadIdKey(join(root, 'secrets')),
    random: (n) => randomBytes(n),
  });
  bookings.startSweeping();
  return bookings;
}

export interface BookingRoutesDeps {
  dataDir: string | null;
  bookings: BookingService;
  accounts: PrincipalLookup;
  config: LiveConfig;
  clock: Clock;
  logger: Logger;
  audit: (by: { id: string; username: string }, action: string, target: string) => Promise<void>;
  queue: Pick<QueueService, 'current' | 'ticket' | 'counterOfOfficer'>;
  store: Pick<Store, 'readDay'>;
  configs: ConfigService;
}

/** The routers of bookings, for the composition root to mount. */
export async function bookingRoutes(deps: BookingRoutesDeps): Promise<{ keys: Router; portal: Router; book: Router; page: Router; report: Router; settings: Router; officerName: Router }> {
  const keys = await ApiKeys.open(join(deps.dataDir ?? join(tmpdir(), `luot-bookings-${process.pid}`), 'bookings'));
  const logger = deps.logger.child({ module: 'bookings' });
  return {
    keys: bookingKeysRouter({ accounts: deps.accounts, keys, clock: deps.clock, logger, audit: deps.audit }),
    portal: portalRouter({ bookings: deps.bookings, keys, config: deps.config, logger }),
    book: publicBookingRouter({ bookings: deps.bookings, config: deps.config, clock: deps.clock, logger }),
    page: bookPageRouter({ config: deps.config }),
    settings: bookingSettingsRouter({ accounts: deps.accounts, configs: deps.configs, logger }),
    officerName: officerNameRouter({ accounts: deps.accounts, bookings: deps.bookings, queue: deps.queue, config: deps.config, logger }),
    report: bookingReportRouter({ accounts: deps.accounts, bookings: deps.bookings, queue: deps.queue, store: deps.store, logger }),
  };
}
