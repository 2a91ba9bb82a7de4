// The site's link to the province hub, put together from narrow parts: the link file, its state,
// the floor pusher, the record sink and (until the new outbox takes the sink) the forwarder that
// reads the dossier bridge's outbox. createApp mounts `router` and calls `close`; nothing else of the
// server is touched.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { FloorSummary } from '@core/hub-protocol.ts';
import type { ServiceRecord } from '@core/service-record.ts';
import type { UserRecord } from '../auth/records.ts';
import type { Clock } from '../deps.ts';
import { FloorPusher } from './floor-pusher.ts';
import { OutboxForwarder } from './forwarder.ts';
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
  /** The outbox in cursor order (the bridge's pull API) and a way to hear of new versions; null: no outbox. */
  outbox: { pull: (after: number, limit: number) => Promise<{ records: ServiceRecord[]; next: number; more: boolean }>; onChange: (l: () => void) => void } | null;
  audit?: (by: UserRecord, action: string, what: { target: string; before: unknown; after: unknown }) => Promise<void>;
  floorTickMs?: number;
}

export interface HubLink {
  router: ReturnType<typeof hubLinkRouter>;
  state: LinkState;
  sink: HubSink;
  /** Kick the floor pusher (a call, a new ticket): the hub's view follows within seconds. */
  floorChanged(): void;
  close(): Promise<void>;
}

export async function startHubLink(deps: HubLinkDeps): Promise<HubLink> {
  const dir = deps.dataDir ?? join(tmpdir(), `luot-hub-link-${process.pid}`);
  const file = await HubLinkFile.load(join(dir, 'hub-link.json'), deps.logger);
  const state = new LinkState(() => deps.clock.now());
  const targetOf = (c: HubLinkConfig | null) => (c ? { url: c.url, credential: c.credential } : null);
  const target = () => targetOf(file.current);
  const describe = (c: HubLinkConfig | null) => (c ? { site: c.site, name: c.name, url: c.url } : null);
  state.linked(describe(file.current));
  const sink = new HubSink({ target, targetWaitSec: deps.targetWaitSec, state });
  const pusher = new FloorPusher({ summary: deps.floor, target, clock: deps.clock, logger: deps.logger, state, tickMs: deps.floorTickMs });
  pusher.start();
  const forwarder = deps.outbox
    ? await OutboxForwarder.start({
      pull: deps.outbox.pull, sink, active: () => file.current !== null, cursorFile: join(dir, 'hub-link-cursor.json'), logger: deps.logger,
      // A cursor kept for another hub or site identity does not apply: that hub needs everything.
      identity: () => (file.current ? `${file.current.url}|${file.current.site}` : null),
    })
    : null;
  if (forwarder && deps.outbox) deps.outbox.onChange(() => forwarder.kick());
  if (!forwarder && file.current) deps.logger.error({ module: 'hub-link' }, 'linked to the province hub, but no outbox records service records: set EXPORT_API_KEY (docs/hub.md)');
  state.pendingRecords = () => (forwarder ? forwarder.behind : null);
  // The link back after a failure: the backlog goes at once, not after the longest pause.
  state.onChange(() => { if (state.up) { forwarder?.reset(); pusher.reset(); } });

  const router = hubLinkRouter({
    userBySession: deps.userBySession, status: () => state.status(), now: () => deps.clock.now(),
    async link(config, by) {
      const before = file.current;
      await file.save(config);
      state.linked(describe(config), config !== null);
      await deps.audit?.(by, config ? 'hub:enrol' : 'hub:unlink', {
        target: 'hub', before: before ? describe(before) : null, after: config ? describe(config) : null,
      });
      pusher.reset();
      forwarder?.reset();
    },
  });
  return {
    router, state, sink,
    floorChanged: () => pusher.kick(),
    async close() {
      pusher.close();
      await forwarder?.close();
    },
  };
}
