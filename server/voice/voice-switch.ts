// The lobby's current voice, swappable while calls are announced. An admin's change builds a new
// VoiceService; the old one keeps the announcements it has started (a call being prepared keeps
// its audio) and is closed once they are done. Only then is the new one built: both share the
// cache folder, and opening it clears half-written files, which must not be the old voice's.
// Announcements that arrive meanwhile wait for the switch and are made by the new voice.
import type { Logger } from 'pino';
import type { VoiceService, VoiceStatus } from './voice-service.ts';

/** Replaced voices kept for their cache's index: a board may still fetch audio they announced. */
const KEEP_RETIRED = 2;

export class VoiceSwitch {
  private current: VoiceService;
  private retired: VoiceService[] = [];
  /** voice → announcements it is making now */
  private readonly busy = new Map<VoiceService, number>();
  private readonly idleWaiters = new Map<VoiceService, (() => void)[]>();
  /** Resolves when no switch is pending; never rejects. */
  private switching: Promise<void> = Promise.resolve();
  private readonly closing: Promise<void>[] = [];
  private closed = false;

  constructor(first: VoiceService, private readonly log: Logger) {
    this.current = first;
  }

  status(): VoiceStatus {
    return this.current.status();
  }

  /** The status once every change asked for so far is applied and the voice has checked its engine. */
  async settled(): Promise<VoiceStatus> {
    for (;;) {
      const pending = this.switching;
      await pending;
      await this.current.ready;
      if (pending === this.switching) return this.current.status();
    }
  }

  /** The cached file for a key made by this voice or a recently replaced one, or null. */
  fileFor(key: string): string | null {
    for (const voice of [this.current, ...this.retired]) {
      const path = voice.fileFor(key);
      if (path) return path;
    }
    return null;
  }

  /** Runs `task` with the current voice, which is not closed until the task is done. */
  async use<T>(task: (voice: VoiceService) => Promise<T>): Promise<T> {
    await this.switching;
    const voice = this.current;
    this.busy.set(voice, (this.busy.get(voice) ?? 0) + 1);
    try {
      return await task(voice);
    } finally {
      const left = this.busy.get(voice)! - 1;
      if (left > 0) this.busy.set(voice, left);
      else {
        this.busy.delete(voice);
        for (const wake of this.idleWaiters.get(voice)?.splice(0) ?? []) wake();
      }
    }
  }

  /** Switches to the voice `make` builds, after the current one's work in progress. Changes queue in order. */
  replace(make: () => VoiceService): void {
    this.switching = this.switching
      .then(async () => {
        if (this.closed) return;
        const old = this.current;
        await this.idle(old);
        if (this.closed) return;
        this.current = make();
        this.retired = [old, ...this.retired].slice(0, KEEP_RETIRED);
        this.closing.push(old.close().catch((err: unknown) => this.log.error({ err }, 'closing the previous voice failed')));
        this.log.info({ requested: this.current.status().requested }, 'voice switched');
      })
      .catch((err: unknown) => this.log.error({ err }, 'voice switch failed; the previous voice goes on'));
  }

  private idle(voice: VoiceService): Promise<void> {
    if (!this.busy.has(voice)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.idleWaiters.get(voice) ?? [];
      list.push(resolve);
      this.idleWaiters.set(voice, list);
    });
  }

  /** Stops every voice (running engines are killed), then waits for a pending switch to give up. */
  async close(): Promise<void> {
    this.closed = true;
    await this.current.close();
    await this.switching;
    await Promise.all(this.closing);
  }
}
