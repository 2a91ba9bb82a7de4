// The province catalog at a site: while linked, the site asks the hub for a version newer than the
// one it applied (at start, when the link comes back, after enrolment, and every few minutes),
// merges it into its configuration through the validated live-configuration path (ConfigService:
// checked as a whole and against today's queue, written durably, sent to the screens, audited), and
// tells the hub what it did. A version the site refuses changes nothing here (the change is whole or
// not at all) and is reported with the reason; the site keeps working with its last copy (its own
// config.json), linked or not. The version applied is kept in <data>/hub-catalog.json with the hub
// and site it came from, so a site enrolled elsewhere starts from that hub's first version.
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CatalogReport, ProvinceCatalog } from '@core/hub-catalog.ts';
import { SiteCatalogAnswer } from '@core/hub-catalog.ts';
import type { Text } from '@core/i18n.ts';
import { fill } from '@core/i18n.ts';
import { hubLinkText } from '@core/text/hub.ts';
import { writeFileDurably } from '../store/durable-json-file.ts';
import { callHub } from './hub-client.ts';
import type { HubTarget } from './hub-client.ts';
import type { LinkState } from './link-state.ts';

export type CatalogApply = (version: number, catalog: ProvinceCatalog) => Promise<{ ok: true } | { ok: false; code: string; message: string; messageEn: string; detail: string }>;

export interface CatalogSyncOptions {
  target: () => HubTarget | null;
  /** The hub and site a version belongs to (null: not linked). */
  identity: () => string | null;
  file: string;
  apply: CatalogApply;
  state: LinkState;
  logger: Logger;
  /** How often to ask while linked (default 5 minutes): a new version also comes when the link returns. */
  intervalMs?: number;
  timeoutMs?: number;
}

const Saved = z.object({ for: z.string(), version: z.number().int().nonnegative() });

export class CatalogSync {
  private applied: { for: string; version: number } | null = null;
  /**
   * The last refusal reported: a refused version is tried again at every look (the queue that stopped
   * it may have drained), but reported again only when the reason changed.
   */
  private refused: { for: string; version: number; detail: string } | null = null;
  private unreported: CatalogReport | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private readonly stop = new AbortController();
  private readonly log: Logger;

  private constructor(private readonly o: CatalogSyncOptions) {
    this.log = o.logger.child({ module: 'hub-catalog' });
  }

  static async start(o: CatalogSyncOptions): Promise<CatalogSync> {
    const sync = new CatalogSync(o);
    const text = await readFile(o.file, 'utf8').catch(() => null);
    if (text !== null) {
      const saved = Saved.safeParse((() => { try { return JSON.parse(text) as unknown; } catch { return null; } })());
      if (saved.success) sync.applied = saved.data;
      else sync.log.error({ file: o.file }, 'hub catalog file unreadable: asking the hub for its latest version');
    }
    sync.showState();
    sync.check();
    return sync;
  }

  private version(): number {
    const id = this.o.identity();
    return id !== null && this.applied?.for === id ? this.applied.version : 0;
  }

  private showState(): void {
    this.o.state.catalogVersion = this.version() || null;
  }

  /** Look now (link back, enrolled), then every interval. Looks never overlap. */
  check(): void {
    if (this.closed) return;
    if (this.running) { this.again = true; return; }
    if (this.timer) clearTimeout(this.timer);
    this.running = this.look().catch((err: unknown) => this.log.error({ err }, 'catalog check failed')).finally(() => {
      this.running = null;
      if (this.again) { this.again = false; this.check(); return; }
      if (this.closed) return;
      this.timer = setTimeout(() => this.check(), this.o.intervalMs ?? 300_000);
      this.timer.unref();
    });
  }

  /** Resolves when the look in progress (if any) is over: for tests and a clean close. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async look(): Promise<void> {
    const target = this.o.target();
    const id = this.o.identity();
    this.showState();
    if (!target || id === null) return;
    if (this.unreported && !(await this.report(target, this.unreported))) return;
    const have = this.version();
    const answer = await callHub<unknown>(target, `/api/hub/site-catalog?after=${have}`, { timeoutMs: this.o.timeoutMs ?? 30_000, signal: this.stop.signal, state: this.o.state });
    if (!answer.ok || this.closed) return;
    const parsed = SiteCatalogAnswer.safeParse(answer.data);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const detail = first ? `${first.path.join('.')}: ${first.message}` : '—';
      const version = typeof (answer.data as { version?: unknown })?.version === 'number' ? (answer.data as { version: number }).version : 0;
      if (version > 0) await this.refuse(target, id, version, { code: 'CATALOG_INVALID', message: fill(hubLinkText.catalogInvalid.vi, { detail }), messageEn: fill(hubLinkText.catalogInvalid.en, { detail }), detail });
      return;
    }
    const { version, catalog } = parsed.data;
    if (version === null || catalog === null || version <= have) return;
    const result = await this.o.apply(version, catalog);
    if (result.ok) {
      this.applied = { for: id, version };
      this.refused = null;
      await writeFileDurably(this.o.file, JSON.stringify(this.applied) + '\n');
      this.o.state.catalogProblem = null;
      this.showState();
      this.log.info({ version }, 'province catalog applied');
      await this.report(target, { version, status: 'applied', reason: null });
    } else {
      await this.refuse(target, id, version, result);
    }
  }

  private async refuse(target: HubTarget, id: string, version: number, why: { code: string; message: string; messageEn: string; detail: string }): Promise<void> {
    const text: Text = { vi: fill(hubLinkText.catalogRefused.vi, { version, reason: why.message }), en: fill(hubLinkText.catalogRefused.en, { version, reason: why.messageEn }) };
    this.o.state.catalogProblem = text;
    const again = this.refused?.for === id && this.refused.version === version && this.refused.detail === why.detail;
    this.refused = { for: id, version, detail: why.detail };
    if (again) return;
    this.log.warn({ version, code: why.code, detail: why.detail }, 'province catalog refused');
    await this.report(target, { version, status: 'refused', reason: { code: why.code, message: `${why.message}${why.detail ? ` (${why.detail})` : ''}`.slice(0, 2_000) } });
  }

  /** Tell the hub; a report that does not get through is sent before the next look. */
  private async report(target: HubTarget, report: CatalogReport): Promise<boolean> {
    const r = await callHub(target, '/api/hub/site-catalog/report', { body: JSON.stringify(report), timeoutMs: this.o.timeoutMs ?? 30_000, signal: this.stop.signal, state: this.o.state });
    this.unreported = r.ok ? null : report;
    return r.ok;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stop.abort();
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => {});
  }
}
