// Which devices are connected right now (kiosks, displays, rating pads, printer bridges), and since
// when. Counted per socket, so a device with a second tab open stays online until both are gone.
// Nothing is stored: after a restart every device counts as away until it reconnects.
import type { DevicePresence } from '@core/manager-live.ts';
import type { AppContext, LuotSocket } from '../context.ts';
import { naturalCompare } from '@core/natural-order.ts';

interface Seen {
  sockets: number;
  since: number;
}

export class PresenceRegistry {
  private readonly seen = new Map<string, Seen>();
  private readonly startedAt: number;
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly ctx: AppContext) {
    this.startedAt = ctx.clock.now();
  }

  /** Count device sockets as they come and go. Call once, next to the other connection handlers. */
  attach(): void {
    this.ctx.io.on('connection', (socket: LuotSocket) => {
      const p = socket.data.principal;
      if (p.kind !== 'device') return;
      const id = p.device.id;
      const entry = this.seen.get(id);
      if (!entry || entry.sockets === 0) this.seen.set(id, { sockets: 1, since: this.ctx.clock.now() });
      else entry.sockets += 1;
      this.changed();
      socket.on('disconnect', () => {
        const e = this.seen.get(id);
        if (!e) return;
        e.sockets = Math.max(0, e.sockets - 1);
        if (e.sockets === 0) e.since = this.ctx.clock.now();
        this.changed();
      });
    });
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** Every device that is not revoked, online ones first within a kind. */
  list(): DevicePresence[] {
    const order = { display: 0, kiosk: 1, rating: 2, printer: 3 } as const;
    return this.ctx.accounts.devices()
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
