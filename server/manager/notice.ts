// The notice line the display boards scroll (config.display.notice). A manager sets it: it is
// written to the stored configuration first (durably), then the live configuration follows and
// every board is sent its settings again, so boards change at once and keep it after a restart.
import { displaySettings } from '@core/lobby-views.ts';
import type { AppContext } from '../context.ts';

export class NoticeEditor {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: AppContext) {}

  current(): string {
    return this.ctx.queue.config.config.display.notice;
  }

  /** One change at a time: two managers saving at once cannot interleave read and write. */
  set(notice: string): Promise<string> {
    const run = this.tail.then(() => this.write(notice));
    this.tail = run.catch(() => {});
    return run;
  }

  private async write(notice: string): Promise<string> {
    const live = this.ctx.queue.config.config;
    const stored = await this.ctx.store.readConfig();
    if (!stored) throw new Error('no stored configuration');
    // The live display section, not the stored one: a stored section that was set aside at start
    // (invalid) is replaced by the working one rather than written back broken.
    const display = { ...live.display, notice };
    await this.ctx.store.writeConfig({ ...stored, display });
    live.display = display;
    this.broadcast();
    return notice;
  }

  private broadcast(): void {
    const index = this.ctx.queue.config;
    const now = this.ctx.clock.now();
    this.ctx.io.to('displays:all').emit('display:settings', displaySettings(index, null, now));
    for (const zone of new Set(index.config.counters.map((c) => c.zone))) {
      this.ctx.io.to(`zone:${zone}`).emit('display:settings', displaySettings(index, zone, now));
    }
  }
}
