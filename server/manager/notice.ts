// The notice line the display boards scroll (config.display.notice). A manager sets it through
// the same live-configuration path as every admin change (server/admin/config-service.ts): written
// to the stored configuration first (durably), then the live configuration follows, every board is
// sent its settings again, and the change is in the audit log.
import type { Actor, ConfigService } from '../admin/config-service.ts';

export class NoticeEditor {
  constructor(private readonly configs: Pick<ConfigService, 'change' | 'current'>) {}

  current(): string {
    return this.configs.current.display.notice;
  }

  /** Changes run one at a time in the configuration service: two saves cannot interleave. */
  async set(notice: string, actor: Actor): Promise<string> {
    const result = await this.configs.change(actor, { type: 'notice:put', notice });
    if (!result.ok) throw new Error(`notice refused: ${result.refusal.code}`);
    return result.config.display.notice;
  }
}
