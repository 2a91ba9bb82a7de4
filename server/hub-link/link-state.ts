// What the site's manager sees of the link to the province hub: linked or not, up or down since
// when, the last contact and the last error. Every call to the hub (records, floor, catalog) reports
// here; a 401 means the hub revoked this site's credential.
import type { Text } from '@core/i18n.ts';
import { fill } from '@core/i18n.ts';
import { hubLinkText } from '@core/text/hub.ts';
import { localIso } from '@core/service-record.ts';

export type LinkKind = 'not-enrolled' | 'up' | 'down' | 'revoked';
export type LinkErrorKind = 'http' | 'timeout' | 'unreachable' | 'garbage';

export interface LinkStatus {
  state: LinkKind;
  site: string | null;
  name: string | null;
  url: string | null;
  /** When the current state began (null before the first call). */
  since: number | null;
  lastContactAt: number | null;
  lastError: { at: number; kind: LinkErrorKind; status: number | null } | null;
  /** Records waiting for the hub (from the outbox), when known. */
  pendingRecords: number | null;
  catalogVersion: number | null;
  catalogProblem: Text | null;
  text: Text;
}

export class LinkState {
  private state: LinkKind = 'not-enrolled';
  private since: number | null = null;
  private lastContactAt: number | null = null;
  private lastError: LinkStatus['lastError'] = null;
  private target: { site: string; name: string; url: string } | null = null;
  private readonly listeners: (() => void)[] = [];
  pendingRecords: () => number | null = () => null;
  catalogVersion: number | null = null;
  catalogProblem: Text | null = null;

  constructor(private readonly now: () => number) {}

  onChange(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => { const i = this.listeners.indexOf(listener); if (i >= 0) this.listeners.splice(i, 1); };
  }

  private set(state: LinkKind): void {
    if (state === this.state) return;
    this.state = state;
    this.since = this.now();
    for (const l of this.listeners) l();
  }

  /** Linked (at start from the file: down until the first answer; right after enrolling: up), or unlinked. */
  linked(target: { site: string; name: string; url: string } | null, contacted = false): void {
    this.target = target;
    this.lastError = null;
    if (target === null) return this.set('not-enrolled');
    if (contacted) this.contact();
    else this.set('down');
  }

  /** The hub answered 2xx. */
  contact(): void {
    this.lastContactAt = this.now();
    this.lastError = null;
    this.set('up');
  }

  failure(kind: LinkErrorKind, status: number | null): void {
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
    return {
      state: this.state, site: this.target?.site ?? null, name: this.target?.name ?? null, url: this.target?.url ?? null,
      since: this.since, lastContactAt: this.lastContactAt, lastError: this.lastError,
      pendingRecords: this.target ? this.pendingRecords() : null,
      catalogVersion: this.catalogVersion, catalogProblem: this.catalogProblem, text,
    };
  }
}
