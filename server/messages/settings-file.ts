// The messages' settings in a file of their own (<data>/messages/settings.json), written durably,
// checked with zod when read. A file that does not parse leaves sending off (the queue goes on)
// and says why in the log and on the manager's screen.
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { DEFAULT_MESSAGE_SETTINGS, MessageSettings } from '@core/messages/settings.ts';
import { writeFileDurably } from '../store/durable-json-file.ts';

export class MessageSettingsFile {
  private constructor(readonly path: string | null, private value: MessageSettings, readonly problem: string | null) {}

  /** path null: kept in memory only (tests without a data folder). */
  static async load(path: string | null, logger: Logger, given?: Partial<MessageSettings>): Promise<MessageSettingsFile> {
    const initial = given ? MessageSettings.parse(given) : DEFAULT_MESSAGE_SETTINGS;
    if (path === null) return new MessageSettingsFile(null, initial, null);
    const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    // Given settings (tests, first start) count until an admin has saved some.
    if (text === null) return new MessageSettingsFile(path, initial, null);
    let json: unknown = null;
    try { json = JSON.parse(text); } catch { /* reported below */ }
    const parsed = MessageSettings.safeParse(json);
    if (!parsed.success) {
      logger.error({ path, problems: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) }, 'message settings set aside: sending stays off');
      return new MessageSettingsFile(path, DEFAULT_MESSAGE_SETTINGS, `Tệp cấu hình tin nhắn ${path} không đọc được, đang tắt gửi tin nhắn`);
    }
    return new MessageSettingsFile(path, parsed.data, null);
  }

  get current(): MessageSettings {
    return this.value;
  }

  async save(value: MessageSettings): Promise<void> {
    if (this.path) await writeFileDurably(this.path, JSON.stringify(value, null, 2) + '\n');
    this.value = value;
  }
}
