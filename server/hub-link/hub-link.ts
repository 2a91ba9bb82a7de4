// The site's link to the province hub, put together from narrow parts: the link file, its state,
// the floor pusher, and the service records (the hub sink behind an outbox of its own, fed by a
// record source like the dossier bridge's: hub-records.ts). createApp registers it as an extension
// (queue events) and mounts `router`; nothing else of the server is touched.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { DomainEvent } from '@core/commands.ts';
import type { FloorSummary } from '@core/hub-protocol.ts';
import type { UserRecord } from '../auth/records.ts';
import type { Clock } from '../deps.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Extension } from '../events/extensions.ts';
import type { RecordSourceDeps } from '../export/record-source.ts';
import type { Backoff } from '../outbox/outbox.ts';
import type { Booking } from '@core/booking/types.ts';
import type { BookingSourceDeps } from './booking-source.ts';
import { HubBookingSink } from './booking-sink.ts';
import { HubBookings } from './hub-bookings.ts';
import { CatalogSync } from './catalog-sync.ts';
import type { CatalogApply } from './catalog-sync.ts';
import { FloorPusher } from './floor-pusher.ts';
import { HubRecords } from './hub-records.ts';
import { HubSink } from './hub-sink.ts';
import { LinkState } from './link-state.ts';
import { hubLinkRouter } from './routes.ts';
import { HubLinkFile } from './settings.ts';
import type { HubLinkConfig } from './settings.ts';

export interface HubLinkDeps {
  /** Where hub-link.json lives (the data folder); null for a store without a folder (a temp one then). */
  dataDir: string | null;
  clock: Clock;
  logger: Logger;
  userBySession: (token: string) => UserRecord | null;
  floor: () => FloorSummary;
  targetWaitSec: (serviceCode: string) => number | null;
  /** Where the service records come from (the same parts the dossier bridge reads). */
  records: Omit<RecordSourceDeps, 'logger'>;
  /** The site's bookings, sent through an outbox of their own (hub-bookings.ts). */
  bookings: BookingSourceDeps['bookings'];
  bus: EventBus;
  /** The records outbox's pause after failures (default: 1 s doubling to 30 s). */
  backoff?: Backoff;
  audit?: (by: UserRecord, action: string, what: { target: string; before: unknown; after: unknown }) => Promise<void>;
  /** A version of the province catalog through the site's validated live-configuration path. */
  applyCatalog: CatalogApply;
  floorTickMs?: number;
  catalogIntervalMs?: number;
  /** The link's state, made by the composition root when others read it (the manager's screen). */
  state?: LinkState;
}

export interface HubLink extends Extension {
  router: ReturnType<typeof hubLinkRouter>;
  records: HubRecords;
  bookings: HubBookings;
  catalog: CatalogSync;
  state: LinkState;
  sink: HubSink;
  /** Kick the floor pusher (a call, a new ticket): the hub's view follows within seconds. */
  floorChanged(): void;
  close(): Promise<void>;
}

export async function startHubLink(deps: HubLinkDeps): Promise<HubLink> {
  const dir = deps.dataDir ?? join(tmpdir(), `luot-hub-link-${process.pid}`);
  const file = await HubLinkFile.load(join(dir, 'hub-link.json'), deps.logger);
  const state = deps.state ?? new LinkState(() => deps.clock.now());
  const targetOf = (c: HubLinkConfig | null) => (c ? { url: c.url, credential: c.credential } : null);
  const target = () => targetOf(file.current);
  const describe = (c: HubLinkConfig | null) => (c ? { site: c.site, name: c.name, url: c.url } : null);
  state.linked(describe(file.current));
  const sink = new HubSink({ target, targetWaitSec: deps.targetWaitSec, state });
  const pusher = new FloorPusher({ summary: deps.floor, target, clock: deps.clock, logger: deps.logger, state, tickMs: deps.floorTickMs });
  pusher.start();
  const records = new HubRecords({
    ...deps.records, clock: deps.clock, bus: deps.bus, logger: deps.logger, sink, backoff: deps.backoff, dir: join(dir, 'hub-outbox'),
  });
  const identity = (c: HubLinkConfig | null) => (c ? { site: c.site, url: c.url } : null);
  const bookings = new HubBookings({
    bookings: deps.bookings, queue: deps.records.queue, store: deps.records.store, config: deps.records.config,
    clock: deps.clock, bus: deps.bus, logger: deps.logger, backoff: deps.backoff, dir: join(dir, 'hub-outbox'),
    sink: new HubBookingSink({ target, state }),
  });
  await records.use(identity(file.current));
  await bookings.use(identity(file.current));
  // What waits for the hub: service records and booking versions together (each outbox counts its own).
  const sum = (a: number | null | undefined, b: number | null | undefined) => (a == null && b == null ? null : (a ?? 0) + (b ?? 0));
  const latest = (a: number | null | undefined, b: number | null | undefined) => (a == null ? b ?? null : b == null ? a : Math.max(a, b));
  state.pendingRecords = () => sum(records.state()?.pending, bookings.state()?.pending);
  state.lastDeliveryAt = () => latest(records.state()?.lastSuccessAt, bookings.state()?.lastSuccessAt);
  state.refusals = () => {
    const [r, b] = [records.state(), bookings.state()];
    if (!r && !b) return null;
    const refusals = [r?.lastRefusal, b?.lastRefusal].filter((x) => x != null);
    return { records: (r?.refusedRecords ?? 0) + (b?.refusedRecords ?? 0), last: refusals.sort((x, y) => y.at - x.at)[0] ?? null };
  };
  const catalog = await CatalogSync.start({
    target, identity: () => (file.current ? `${file.current.url}|${file.current.site}` : null), file: join(dir, 'hub-catalog.json'),
    apply: deps.applyCatalog, state, logger: deps.logger, intervalMs: deps.catalogIntervalMs,
  });
  // The link back after a failure: the backlog goes at once, not after the longest pause; the
  // catalog is asked for again (a version may have been published meanwhile).
  state.onChange(() => { if (state.up) { records.linkUp(); bookings.linkUp(); pusher.reset(); catalog.check(); } });

  const router = hubLinkRouter({
    userBySession: deps.userBySession, status: () => state.status(), now: () => deps.clock.now(),
    async link(config, by) {
      const before = file.current;
      await file.save(config);
      state.linked(describe(config), config !== null);
      await deps.audit?.(by, config ? 'hub:enrol' : 'hub:unlink', {
        target: 'hub', before: before ? describe(before) : null, after: config ? describe(config) : null,
      });
      await records.use(identity(config));
      await bookings.use(identity(config));
      state.shown(); // the count of records waiting is the new log's
      pusher.reset();
      catalog.check();
    },
  });
  return {
    name: 'hub-link', router, state, sink, records, bookings, catalog,
    onQueueEvents(events: DomainEvent[]) {
      records.onQueueEvents(events);
      bookings.onQueueEvents(events);
      pusher.kick();
    },
    onBookingChange({ booking }: { booking: Booking }) {
      bookings.onBookingChange(booking);
    },
    floorChanged: () => pusher.kick(),
    async close() {
      pusher.close();
      await catalog.close();
      await records.close();
      await bookings.close();
    },
  };
}
