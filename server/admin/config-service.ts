// Live configuration changes. One change at a time: the proposed whole configuration is validated
// (CenterConfigSchema: prefixes, codes, references, windows) and checked against today's queue;
// only then is it written to config.json (durably), swapped into the queue service and sent to
// every screen. A refusal writes nothing and changes nothing. Every change lands in the audit log.
import { createHash } from 'node:crypto';
import type { CenterConfig } from '@core/config.ts';
import { CenterConfigSchema, indexConfig } from '@core/config.ts';
import type { ConfigEdit } from '@core/admin-config.ts';
import { applyEdit, changedSections, checkAccountRefs, checkLiveChange } from '@core/admin-config.ts';
import type { ErrorCode, Params } from '@core/i18n.ts';
import type { AckError } from '@core/protocol.ts';
import type { Logger } from 'pino';
import type { AccountService } from '../auth/accounts.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { Clock } from '../deps.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { QueueService } from '../queue/queue-service.ts';
import { ackError, validationError } from '../refusals.ts';
import type { Store } from '../store/store.ts';
import type { AuditLog } from './audit-log.ts';
import { synonymsAudit } from './synonyms-audit.ts';

export interface Actor {
  id: string;
  username: string;
}

export type ChangeResult = { ok: true; config: CenterConfig } | { ok: false; refusal: AckError; status: number };

const refuse = (code: ErrorCode, params: Params, status: number): ChangeResult => ({ ok: false, refusal: ackError(code, params), status });

/** What the audit log keeps of an edit: the item before and after, not the whole configuration. */
function auditView(edit: ConfigEdit, before: CenterConfig, after: CenterConfig): { target: string; before: unknown; after: unknown } {
  switch (edit.type) {
    case 'service:put': case 'service:delete': {
      const code = edit.type === 'service:put' ? edit.service.code : edit.code;
      return { target: code, before: before.services.find((s) => s.code === code) ?? null, after: after.services.find((s) => s.code === code) ?? null };
    }
    case 'department:put': case 'department:delete': {
      const code = edit.type === 'department:put' ? edit.department.code : edit.code;
      return { target: code, before: before.departments.find((d) => d.code === code) ?? null, after: after.departments.find((d) => d.code === code) ?? null };
    }
    case 'counter:put': case 'counter:delete': {
      const n = edit.type === 'counter:put' ? edit.counter.number : edit.number;
      return { target: `quầy ${n}`, before: before.counters.find((c) => c.number === n) ?? null, after: after.counters.find((c) => c.number === n) ?? null };
    }
    case 'center:put':
      return { target: 'center', before: withLogoDigest(before.center), after: withLogoDigest(after.center) };
    case 'logo:put':
      return { target: 'center.logo', before: logoDigest(before.center.logo), after: logoDigest(after.center.logo) };
    case 'voice:put':
      return { target: 'voice', before: before.voice, after: after.voice };
    case 'display:put':
      return { target: 'display', before: before.display, after: after.display };
    case 'kiosk:put':
      return { target: 'kiosk', before: before.kiosk, after: after.kiosk };
    case 'printers:put': {
      // The kiosks whose printer changed, by name: "which printer did someone change" is the question.
      const names = [...new Set([...Object.keys(before.printers), ...Object.keys(after.printers)])]
        .filter((k) => JSON.stringify(before.printers[k]) !== JSON.stringify(after.printers[k]));
      const pick = (p: CenterConfig['printers']) => Object.fromEntries(names.map((k) => [k, p[k] ?? null]));
      return { target: names.length > 0 ? names.join(', ') : 'printers', before: pick(before.printers), after: pick(after.printers) };
    }
    case 'priority:put':
      return { target: 'priority', before: { priorityCategories: before.priorityCategories, routing: before.routing }, after: { priorityCategories: after.priorityCategories, routing: after.routing } };
    case 'procedures:put':
      // Thousands of rows: the log keeps the counts, the catalog itself is in config.json and backups.
      return { target: 'procedures', before: { count: before.procedures.length }, after: { count: after.procedures.length } };
    case 'synonyms:put':
      return synonymsAudit(before.synonyms, after.synonyms);
    case 'rating:put':
      return { target: 'rating', before: before.rating, after: after.rating };
    case 'bookings:put':
      return { target: 'bookings', before: before.bookings, after: after.bookings };
    case 'notice:put':
      return { target: 'display.notice', before: before.display.notice, after: after.display.notice };
    case 'catalog:put':
      return {
        target: `catalog v${edit.version}`,
        before: { departments: before.departments.length, services: before.services.length, procedures: before.procedures.length, synonyms: before.synonyms.length, ratingReasons: before.rating.reasons.length },
        after: { departments: after.departments.length, services: after.services.length, procedures: after.procedures.length, synonyms: after.synonyms.length, ratingReasons: after.rating.reasons.length, sections: changedSections(before, after) },
      };
    case 'config:put': {
      const sections = changedSections(before, after) as (keyof CenterConfig)[];
      return { target: sections.join(', '), before: Object.fromEntries(sections.map((k) => [k, before[k]])), after: Object.fromEntries(sections.map((k) => [k, after[k]])) };
    }
  }
}

/** A logo in the audit log is its size and digest, not 100 KB of base64. */
function logoDigest(logo: string | null): { bytes: number; sha256: string } | null {
  return logo === null ? null : { bytes: Math.floor((logo.length - logo.indexOf(',') - 1) * 0.75), sha256: createHash('sha256').update(logo).digest('hex').slice(0, 16) };
}
const withLogoDigest = (center: CenterConfig['center']) => ({ ...center, logo: logoDigest(center.logo) });

export interface ConfigServiceDeps {
  store: Pick<Store, 'writeConfig'>;
  config: LiveConfig;
  queue: Pick<QueueService, 'current'>;
  accounts: Pick<AccountService, 'users' | 'devices'>;
  /** Told of every change once it is durable and live (config.changed): the voice rebuilds, screens follow. */
  bus: EventBus;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
}

export class ConfigService {
  private tail: Promise<unknown> = Promise.resolve();

  /**
   * @param setAside sections of the stored configuration set aside at start (invalid, running on
   * defaults), as they were stored: written back untouched until a change replaces them.
   */
  constructor(private readonly deps: ConfigServiceDeps, private readonly setAside = new Map<string, unknown>()) {}

  get audit(): AuditLog {
    return this.deps.audit;
  }

  get current(): CenterConfig {
    return this.deps.config.current;
  }

  /** Serialised: two admins saving at once cannot both validate against the same old configuration. */
  change(actor: Actor, edit: ConfigEdit): Promise<ChangeResult> {
    const run = this.tail.then(() => this.apply(actor, edit));
    this.tail = run.catch(() => {});
    return run;
  }

  private async apply(actor: Actor, edit: ConfigEdit): Promise<ChangeResult> {
    const before = this.current;
    const outcome = applyEdit(before, edit);
    if (!outcome.ok) return refuse(outcome.code, outcome.params, 404);
    const parsed = CenterConfigSchema.safeParse(outcome.proposed);
    if (!parsed.success) return { ok: false, refusal: validationError(parsed.error), status: 400 };
    const after = parsed.data;
    const live = checkLiveChange(before, after, this.deps.queue.current);
    if (live) return refuse(live.code, live.params, 409);
    const refs = checkAccountRefs(before, after, { users: this.deps.accounts.users(), devices: this.deps.accounts.devices() });
    if (refs) return refuse(refs.code, refs.params, 409);
    // Disk first: a crash after this line restarts with the new configuration, before it with the old.
    await this.deps.store.writeConfig(this.toStore(before, after));
    for (const section of changedSections(before, after)) this.setAside.delete(section);
    const index = indexConfig(after);
    this.deps.config.replace(index);
    this.deps.bus.emit('config.changed', { before, after, index });
    await this.record(actor, edit.type, auditView(edit, before, after));
    return { ok: true, config: after };
  }

  /**
   * A voice or display section set aside at start stays on disk as it was, for its owner to fix,
   * rather than being silently replaced by the defaults, until a change sets that section.
   */
  private toStore(before: CenterConfig, after: CenterConfig): CenterConfig {
    if (this.setAside.size === 0) return after;
    const touched = new Set(changedSections(before, after));
    const merged: Record<string, unknown> = { ...after };
    for (const [section, stored] of this.setAside) if (!touched.has(section)) merged[section] = stored;
    return merged as CenterConfig;
  }

  /** An admin action outside the configuration (users, devices) is audited the same way. */
  async record(actor: Actor, action: string, what: { target: string; before: unknown; after: unknown }): Promise<void> {
    try {
      await this.deps.audit.append({ at: this.deps.clock.now(), actor, action, ...what });
    } catch (err) {
      // The change itself is done and durable; a missing audit line is logged loudly, not undone.
      this.deps.logger.error({ err, module: 'admin', action }, 'could not write the audit log');
    }
  }
}
