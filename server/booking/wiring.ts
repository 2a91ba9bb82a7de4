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
