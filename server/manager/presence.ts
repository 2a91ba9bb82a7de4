// Which devices are connected right now (kiosks, displays, rating pads, printer bridges), and since
// when. Counted per socket, so a device with a second tab open stays online until both are gone.
// Nothing is stored: after a restart every device counts as away until it reconnects.
import type { DevicePresence } from '@core/manager-live.ts';
import type { AccountService } from '../auth/accounts.ts';
import type { Clock } from '../deps.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { LuotServer, LuotSocket } from '../realtime/socket-types.ts';

export interface PresenceDeps {
  io: LuotServer;
  accounts: Pick<AccountService, 'devices'>;
  clock: Clock;
  /** Told of every change (presence.changed). */
  bus: EventBus;
}
import { naturalCompare } from '@core/natural-order.ts';

interface Seen {
  sockets: number;
  since: number;
}

export class PresenceRegistry {
  private readonly seen = new Map<string, Seen>();
  private readonly startedAt: number;

  constructor(private readonly deps: PresenceDeps) {
    this.startedAt = deps.clock.now();
  }

  /** Count device sockets as they come and go. Call once, next to the other connection handlers. */
  attach(): void {
    this.deps.io.on('connection', (socket: LuotSocket) => {
      const p = socket.data.principal;
      if (p.kind !== 'device') return;
      const id = p.device.id;
      const entry = this.seen.get(id);
      if (!entry || entry.sockets === 0) this.seen.set(id, { sockets: 1, since: this.deps.clock.now() });
      else entry.sockets += 1;
      this.changed();
      socket.on('disconnect', () => {
        const e = this.seen.get(id);
        if (!e) return;
        e.sockets = Math.max(0, e.sockets - 1);
        if (e.sockets === 0) e.since = this.deps.clock.now();
        this.changed();
      });
    });
  }

  private changed(): void {
    this.deps.bus.emit('presence.changed');
  }

  /** Every device that is not revoked, online ones first within a kind. */
  list(): DevicePresence[] {
    const order = { display: 0, kiosk: 1, rating: 2, printer: 3 } as const;
    return this.deps.accounts.devices()
      .filter((d) => d.revokedAt === null)
      .map((d) => {
        const s = this.seen.get(d.id);
        return {
          id: d.id, kind: d.kind, name: d.name, zone: d.zone, counter: d.counter,
          online: (s?.sockets ?? 0) > 0, since: s?.since ?? this.startedAt, seen: s !== undefined,
        };
      })
      .sort((a, b) => order[a.kind] - order[b.kind] || Number(b.online) - Number(a.online) || naturalCompare(a.name, b.name));
  }
}
