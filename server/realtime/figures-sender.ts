// The queue figures (waiting and estimated wait per service) for every kiosk, board and officer.
// They change with every ticket, so they go out at most every INTERVAL_MS, only when they changed,
// and paced: a slice of sockets per turn of the event loop. Each socket write is a system call;
// 170 sockets in one go (a big center's kiosks, boards and officers) hold the loop for several
// milliseconds, and a call arriving meanwhile would wait for all of them before its boards hear
// it. Between slices, pending I/O (an officer's command) runs first. Newer figures replace what
// is left of older ones: no socket gets stale figures after fresh ones.
import { allServiceFigures } from '@core/estimate.ts';
import type { Clock } from '../deps.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { QueueService } from '../queue/queue-service.ts';
import { FIGURES_ROOMS } from './rooms.ts';
import type { LuotServer } from './socket-types.ts';

/** Figures are sent at most this often. */
export const FIGURES_INTERVAL_MS = 250;
/** Sockets written per turn: ~25 writes keep a turn well under a millisecond. */
export const FIGURES_SLICE = 25;

export interface FiguresSenderDeps {
  io: LuotServer;
  queue: Pick<QueueService, 'current'>;
  config: Pick<LiveConfig, 'index'>;
  clock: Clock;
}

export class FiguresSender {
  private timer: NodeJS.Timeout | null = null;
  private slice: NodeJS.Immediate | null = null;
  private lastSent = '';

  constructor(private readonly deps: FiguresSenderDeps) {}

  /** The figures may have changed: send them within the interval. */
  soon(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.send(false);
    }, FIGURES_INTERVAL_MS);
  }

  /** Send them now (a configuration change: names, services), even if unchanged. */
  now(): void {
    this.send(true);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.slice) clearImmediate(this.slice);
    this.timer = this.slice = null;
  }

  private send(always: boolean): void {
    const { io, queue, config, clock } = this.deps;
    const figures = allServiceFigures(queue.current, config.index, clock.now());
    const text = JSON.stringify(figures);
    if (!always && text === this.lastSent) return;
    this.lastSent = text;
    if (this.slice) clearImmediate(this.slice);
    this.slice = null;
    // The sockets as they are now; one that connects later gets the figures in its snapshot.
    const ids = new Set<string>();
    for (const room of FIGURES_ROOMS) for (const id of io.sockets.adapter.rooms.get(room) ?? []) ids.add(id);
    const all = [...ids];
    const next = (from: number) => {
      this.slice = null;
      const sockets = all.slice(from, from + FIGURES_SLICE);
      if (sockets.length === 0) return;
      io.to(sockets).emit('queue:stats', figures);
      if (from + FIGURES_SLICE < all.length) this.slice = setImmediate(() => next(from + FIGURES_SLICE));
    };
    next(0);
  }
}
