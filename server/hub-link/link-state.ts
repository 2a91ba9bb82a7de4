// What the site's manager sees of the link to the province hub: linked or not, up or down since
// when, the last contact and the last error. Every call to the hub (records, floor, catalog) reports
// here; a 401 means the hub revoked this site's credential.
import type { HubLinkErrorKind, HubLinkKind, HubLinkStatus } from '@core/hub-link-status.ts';
import type { Text } from '@core/i18n.ts';
import { fill } from '@core/i18n.ts';
import { hubLinkText } from '@core/text/hub.ts';
import { localIso } from '@core/service-record.ts';

export type LinkKind = HubLinkKind;
export type LinkErrorKind = HubLinkErrorKind;
export type LinkStatus = HubLinkStatus;

export class LinkState {
  private state: LinkKind = 'not-enrolled';
  private since: number | null = null;
  private lastContactAt: number | null = null;
  private lastError: LinkStatus['lastError'] = null;
  private target: { site: string; name: string; url: string } | null = null;
  private readonly listeners: (() => void)[] = [];
  /** Whoever shows the status (the manager's live floor): told of any change it shows. */
  private readonly watchers: (() => void)[] = [];
  private catalog: { version: number | null; problem: Text | null } = { version: null, problem: null };
  pendingRecords: () => number | null = () => null;
  lastDeliveryAt: () => number | null = () => null;
  refusals: () => { records: number; last: LinkStatus['lastRefusal'] } | null = () => null;

  constructor(private readonly now: () => number) {}

  get catalogVersion(): number | null { return this.catalog.version; }
  set catalogVersion(v: number | null) { if (v !== this.catalog.version) { this.catalog.version = v; this.shown(); } }
  get catalogProblem(): Text | null { return this.catalog.problem; }
  set catalogProblem(t: Text | null) {
    if (t?.vi === this.catalog.problem?.vi && t?.en === this.catalog.problem?.en) return;
    this.catalog.problem = t;
    this.shown();
  }

  /** The link went up, down or away (not told of catalog changes: a listener may ask for the catalog). */
  onChange(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => { const i = this.listeners.indexOf(listener); if (i >= 0) this.listeners.splice(i, 1); };
  }

  /** Anything the status shows changed: the state, the link, the catalog applied or refused. */
  watch(watcher: () => void): void {
    this.watchers.push(watcher);
  }

  /** Something shown changed that the state does not hold itself (the records' log switched). */
  shown(): void {
    for (const w of this.watchers) w();
  }

  private set(state: LinkKind): void {
    if (state === this.state) return;
    this.state = state;
    this.since = this.now();
    for (const l of this.listeners) l();
    this.shown();
  }

  /** Linked (at start from the file: down until the first answer; right after enrolling: up), or unlinked. */
  linked(target: { site: string; name: string; url: string } | null, contacted = false): void {
    this.target = target;
    this.lastError = null;
    if (target === null) this.set('not-enrolled');
    else if (contacted) this.contact();
    else this.set('down');
    this.shown();
  }

  /** The hub answered 2xx. */
  contact(): void {
    this.lastContactAt = this.now();
    this.lastError = null;
    this.set('up');
  }

  /**
   * What a call to the hub says of the link: an answer, even one refusing a record (the outbox
   * shows that: refusedRecords), is contact; only a hub down, slow, garbled or revoking is not.
   */
  heard(result: { ok: true } | { ok: false; kind: LinkErrorKind | 'missing'; status: number | null; receiverDown: boolean }): void {
    if (result.ok || !result.receiverDown) this.contact();
    else if (result.kind !== 'missing') this.failure(result.kind, result.status);
  }

  private failure(kind: LinkErrorKind, status: number | null): void {
    this.lastError = { at: this.now(), kind, status };
    this.set(kind === 'http' && status === 401 ? 'revoked' : 'down');
  }

  get up(): boolean {
    return this.state === 'up';
  }

  status(): LinkStatus {
    const t = hubLinkText;
    const text: Text = this.state === 'not-enrolled' ? t.notEnrolled
      : this.state === 'revoked' ? t.revoked
      : this.state === 'up' ? t.up
      : { vi: fill(t.down.vi, { time: localIso(this.since ?? this.now()).slice(11, 16) }), en: fill(t.down.en, { time: localIso(this.since ?? this.now()).slice(11, 16) }) };
    const refusals = this.target ? this.refusals() : null; // each outbox's state is counted once
    return {
      state: this.state, site: this.target?.site ?? null, name: this.target?.name ?? null, url: this.target?.url ?? null,
      since: this.since, lastContactAt: this.lastContactAt, lastError: this.lastError,
      pendingRecords: this.target ? this.pendingRecords() : null, lastDeliveryAt: this.target ? this.lastDeliveryAt() : null,
      refusedRecords: refusals?.records ?? null, lastRefusal: refusals?.last ?? null,
      catalogVersion: this.catalogVersion, catalogProblem: this.catalogProblem, text,
    };
  }
}
