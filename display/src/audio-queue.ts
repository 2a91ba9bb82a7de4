// Plays announcements one after another: never two at once, in the order they arrived. The server
// plans what is said (a backlog joined, stale calls dropped) and sends each announcement just before
// the previous one ends, so little waits here; one that can no longer start by its `notAfter`
// (server time: a board that was blocked, asleep or slow) is skipped rather than said late.
// Bounded for weeks of running: at most MAX_PENDING wait, and one older than MAX_AGE_MS is skipped.
// When the browser refuses to play without a gesture, the queue holds and reports it, so the
// board can ask once for a tap ("Bật âm thanh").
import type { AnnouncementView } from '@core/lobby-views.ts';

export const MAX_PENDING = 60;
export const MAX_AGE_MS = 5 * 60_000;

/** Plays one file to the end; rejects with NotAllowedError when autoplay is blocked. */
export interface Player {
  play(url: string, expectedMs: number | null): Promise<void>;
}

export interface QueueEvents {
  blocked(isBlocked: boolean): void;
  playing(a: AnnouncementView | null): void;
}

interface Pending {
  announcement: AnnouncementView;
  receivedAt: number;
}

export class AudioQueue {
  private pending: Pending[] = [];
  private busy = false;
  private blocked = false;
  dropped = 0;

  constructor(
    private readonly player: Player,
    private readonly events: QueueEvents,
    private readonly now: () => number = () => performance.now(),
    /** The server's time as this board knows it, or null before the board has it. */
    private readonly serverTime: () => number | null = () => null,
  ) {}

  private expired(a: AnnouncementView): boolean {
    const t = a.notAfter === null ? null : this.serverTime();
    return t !== null && a.notAfter !== null && t > a.notAfter;
  }

  get length(): number {
    return this.pending.length;
  }

  push(a: AnnouncementView): void {
    if (!a.audioUrl) return;
    this.pending.push({ announcement: a, receivedAt: this.now() });
    while (this.pending.length > MAX_PENDING) {
      this.pending.shift();
      this.dropped++;
    }
    void this.pump();
  }

  /** After a user gesture: try again. */
  unblock(): void {
    if (!this.blocked) return;
    this.blocked = false;
    this.events.blocked(false);
    void this.pump();
  }

  /** A new day, or the board was reset: nothing queued is still relevant. */
  clear(): void {
    this.pending = [];
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (!this.blocked && this.pending.length > 0) {
        const next = this.pending.shift()!;
        if (this.now() - next.receivedAt > MAX_AGE_MS || this.expired(next.announcement)) { this.dropped++; continue; }
        this.events.playing(next.announcement);
        try {
          await this.player.play(next.announcement.audioUrl!, next.announcement.durationMs);
        } catch (e) {
          if ((e as { name?: string }).name === 'NotAllowedError') {
            this.pending.unshift(next);
            this.blocked = true;
            this.events.blocked(true);
          }
          // Any other failure (a file gone, a decode error): skip this one, keep the order.
        }
      }
    } finally {
      this.busy = false;
      this.events.playing(null);
    }
  }
}

/** The real player: one reused <audio> element, released after each file so memory stays flat. */
export function elementPlayer(audio: HTMLAudioElement): Player {
  return {
    play(url, expectedMs) {
      return new Promise<void>((resolve, reject) => {
        let timer = 0;
        const cleanup = () => {
          window.clearTimeout(timer);
          audio.onended = null;
          audio.onerror = null;
        };
        const finish = () => {
          cleanup();
          audio.removeAttribute('src');
          audio.load();
          resolve();
        };
        audio.onended = finish;
        audio.onerror = finish;
        // If 'ended' never comes (a stalled network, a sleeping output), move on anyway.
        timer = window.setTimeout(finish, (expectedMs ?? 30_000) + 5_000);
        audio.src = url;
        audio.play().catch((e: unknown) => {
          cleanup();
          if ((e as { name?: string }).name === 'NotAllowedError') reject(e as Error);
          else finish();
        });
      });
    },
  };
}
