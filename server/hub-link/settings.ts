// The site's link to the province hub, in a small file of its own (<data>/hub-link.json):
// `{ "hub": { "url", "credential", "site", "name", "enrolledAt" } }`, written durably by the admin's
// enrolment call, checked with zod when read. A file that does not parse leaves the site unlinked
// (it keeps serving) and says why in the log.
import { readFile, rm } from 'node:fs/promises';
import type { Logger } from 'pino';
import { z } from 'zod';
import { Credential, SiteCode } from '@core/hub-protocol.ts';
import { writeFileDurably } from '../store/durable-json-file.ts';

export const HubAddress = z.url({ protocol: /^https?$/, message: 'Địa chỉ máy chủ tỉnh phải là http(s)://…' }).max(500)
  .transform((u) => u.replace(/\/+$/, ''));

export const HubLinkConfig = z.object({
  url: HubAddress,
  credential: Credential,
  site: SiteCode,
  name: z.string().max(200),
  enrolledAt: z.number().int(),
});
export type HubLinkConfig = z.infer<typeof HubLinkConfig>;
const HubLinkFileSchema = z.object({ hub: HubLinkConfig.nullable() });

export class HubLinkFile {
  private value: HubLinkConfig | null;

  private constructor(readonly path: string, value: HubLinkConfig | null) {
    this.value = value;
  }

  static async load(path: string, logger: Logger): Promise<HubLinkFile> {
    const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (text === null) return new HubLinkFile(path, null);
    let json: unknown = null;
    try { json = JSON.parse(text); } catch { /* reported below */ }
    const parsed = HubLinkFileSchema.safeParse(json);
    if (!parsed.success) {
      logger.error({ path, problems: parsed.success ? [] : parsed.error.issues.slice(0, 5) }, 'hub link file set aside: the site runs unlinked');
      return new HubLinkFile(path, null);
    }
    return new HubLinkFile(path, parsed.data.hub);
  }

  get current(): HubLinkConfig | null {
    return this.value;
  }

  async save(value: HubLinkConfig | null): Promise<void> {
    if (value === null) await rm(this.path, { force: true });
    else await writeFileDurably(this.path, JSON.stringify({ hub: value }, null, 2) + '\n');
    this.value = value;
  }
}
