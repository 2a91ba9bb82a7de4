// The live floor summary, sent to the hub while the link is up: looked at every second, sent when it
// changed (at most every `minIntervalMs`) or as a heartbeat; while the hub does not answer, tried
// again with a growing pause. Latest wins at the hub, so a lost summary is simply replaced.
import type { Logger } from 'pino';
import type { FloorSummary } from '@core/hub-protocol.ts';
import { callHub } from './hub-client.ts';
import type { HubTarget } from './hub-client.ts';
import type { LinkState } from './link-state.ts';

export interface FloorPusherOptions {
  summary: () => FloorSummary;
  target: () => HubTarget | null;
  clock: { now(): number };
  logger: Logger;
  state?: LinkState;
  tickMs?: number;
  minIntervalMs?: number;
  heartbeatMs?: number;
  maxBackoffMs?: number;
  timeoutMs?: number;
}

export class FloorPusher {
  private timer: NodeJS.Timeout | null = null;
  private lastSent = '';
  private lastSentAt = 0;
  private failures = 0;
  private nextTryAt = 0;
  private sending = false;
  private closed = false;
  private readonly stop = new AbortController();
  private readonly log: Logger;

  constructor(private readonly o: FloorPusherOptions) {
    this.log = o.logger.child({ module: 'hub-floor' });
  }

  start(): void {
    this.schedule(0);
  }

  /** Something changed on the floor: look now rather than at the next tick. */
  kick(): void {
    if (!this.sending) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; void this.tick(); }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const tickMs = this.o.tickMs ?? 1_000;
    const target = this.o.target();
    const now = performance.now();
    if (!target || this.sending || now < this.nextTryAt) return this.schedule(Math.max(tickMs, this.nextTryAt - now));
    const summary = this.o.summary();
    const { at: _at, ...content } = summary;
    const key = JSON.stringify(content);
    const since = now - this.lastSentAt;
    const due = (key !== this.lastSent && since >= (this.o.minIntervalMs ?? 2_000)) || since >= (this.o.heartbeatMs ?? 15_000);
    if (!due) return this.schedule(key !== this.lastSent ? (this.o.minIntervalMs ?? 2_000) - since : tickMs);
    this.sending = true;
    try {
      const r = await callHub(target, '/api/hub/floor', {
        body: JSON.stringify(summary), timeoutMs: this.o.timeoutMs ?? 10_000, signal: this.stop.signal, state: this.o.state,
      });
      if (r.ok) {
        this.lastSent = key;
        this.lastSentAt = performance.now();
        this.failures = 0;
        this.nextTryAt = 0;
      } else {
        this.failures += 1;
        const pause = Math.min(this.o.maxBackoffMs ?? 30_000, 1_000 * 2 ** (this.failures - 1));
        this.nextTryAt = performance.now() + pause;
        if (this.failures === 1) this.log.warn({ kind: r.kind, status: r.status }, 'floor summary not delivered; retrying');
      }
    } finally {
      this.sending = false;
    }
    this.schedule(tickMs);
  }

  /** Link changed (enrolled, re-enrolled): send at once and forget the pause. */
  reset(): void {
    this.failures = 0;
    this.nextTryAt = 0;
    this.lastSent = '';
    this.lastSentAt = 0;
    this.kick();
  }

  close(): void {
    this.closed = true;
    this.stop.abort();
    if (this.timer) clearTimeout(this.timer);
  }
}
