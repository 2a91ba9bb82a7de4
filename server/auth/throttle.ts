// Failed sign-ins are throttled per username and per address: after a few failures the next
// attempt must wait, doubling up to a ceiling, so guessing a password online is slow.
import type { Clock } from '../deps.ts';

interface Entry { failures: number; lockedUntil: number; lastFailure: number }

export class LoginThrottle {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly freeFailures = 5,
    private readonly baseLockMs = 30_000,
    private readonly maxLockMs = 15 * 60_000,
  ) {}

  /** Milliseconds to wait before another attempt for any of these keys (0 = go ahead). */
  waitMs(keys: string[]): number {
    const now = this.clock.now();
    return Math.max(0, ...keys.map((k) => (this.entries.get(k)?.lockedUntil ?? 0) - now));
  }

  fail(keys: string[]): void {
    const now = this.clock.now();
    for (const key of keys) {
      const e = this.entries.get(key) ?? { failures: 0, lockedUntil: 0, lastFailure: 0 };
      if (now - e.lastFailure > this.maxLockMs * 2) e.failures = 0; // old failures are forgiven
      e.failures += 1;
      e.lastFailure = now;
      if (e.failures >= this.freeFailures) {
        const lock = Math.min(this.maxLockMs, this.baseLockMs * 2 ** (e.failures - this.freeFailures));
        e.lockedUntil = now + lock;
      }
      this.entries.set(key, e);
    }
    if (this.entries.size > 10_000) this.prune(now);
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.entries.delete(key);
  }

  private prune(now: number): void {
    for (const [key, e] of this.entries) if (e.lockedUntil < now && now - e.lastFailure > this.maxLockMs) this.entries.delete(key);
  }
}
