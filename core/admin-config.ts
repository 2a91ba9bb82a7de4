// Admin changes to the center configuration, as pure functions: each edit builds a proposed whole
// configuration from the live one, and checkLiveChange says whether today's queue allows it.
// The proposed configuration is then validated as a whole by CenterConfigSchema (prefix clashes,
// duplicate codes, a counter serving a missing service, overlapping windows…).
import type {
  CenterConfig, CenterConfigInput, CenterInfo, CounterConfig, Department, KioskSettings, PrinterTarget, PriorityCategory, RatingPolicy, RoutingPolicy,
  Service,
} from './config.ts';
import type { DisplayConfig, VoiceConfig } from './lobby-config.ts';
import type { ErrorCode, Params } from './i18n.ts';
import type { Procedure } from './procedures.ts';
import type { SynonymEntry } from './catalog-search/synonyms.ts';
import type { DayState } from './ticket.ts';
import type { BookingSettings } from './booking/settings.ts';
import type { ProvinceCatalog } from './hub-catalog.ts';
import { mergeCatalog } from './hub-catalog.ts';
import { isFinal, waitingTickets } from './ticket.ts';

export type ConfigEdit =
  | { type: 'service:put'; service: Service }
  | { type: 'service:delete'; code: string }
  | { type: 'department:put'; department: Department }
  | { type: 'department:delete'; code: string }
  | { type: 'counter:put'; counter: CounterConfig }
  | { type: 'counter:delete'; number: number }
  /** The logo is kept: it changes only through logo:put (an image the server has checked). */
  | { type: 'center:put'; center: Omit<CenterInfo, 'logo'> }
  | { type: 'logo:put'; logo: string | null }
  | { type: 'voice:put'; voice: VoiceConfig }
  | { type: 'display:put'; display: DisplayConfig }
  | { type: 'kiosk:put'; kiosk: KioskSettings }
  /** One kiosk's printer (by the kiosk's device name); null removes it. */
  | { type: 'printers:put'; kiosk: string; target: PrinterTarget | null }
  | { type: 'priority:put'; priorityCategories: PriorityCategory[]; routing: RoutingPolicy }
  | { type: 'notice:put'; notice: string }
  | { type: 'procedures:put'; procedures: Procedure[] }
  | { type: 'synonyms:put'; synonyms: SynonymEntry[] }
  | { type: 'rating:put'; rating: RatingPolicy }
  | { type: 'bookings:put'; bookings: BookingSettings }
  | { type: 'config:put'; config: CenterConfigInput }
  /** A version of the province catalog, merged into the live configuration (core/hub-catalog.ts). */
  | { type: 'catalog:put'; version: number; catalog: ProvinceCatalog };

export type EditOutcome = { ok: true; proposed: CenterConfigInput } | { ok: false; code: ErrorCode; params: Params };

/** Replace the item with the same key, or add it at the end (keeps the admin's order otherwise). */
function put<T>(items: readonly T[], item: T, same: (a: T) => boolean): T[] {
  return items.some(same) ? items.map((x) => (same(x) ? item : x)) : [...items, item];
}

/** The proposed configuration after one edit; NOT_FOUND when it deletes what is not there. */
export function applyEdit(live: CenterConfig, edit: ConfigEdit): EditOutcome {
  const ok = (proposed: CenterConfigInput): EditOutcome => ({ ok: true, proposed });
  switch (edit.type) {
    case 'service:put':
      return ok({ ...live, services: put(live.services, edit.service, (s) => s.code === edit.service.code) });
    case 'service:delete':
      if (!live.services.some((s) => s.code === edit.code)) return { ok: false, code: 'NOT_FOUND', params: {} };
      return ok({ ...live, services: live.services.filter((s) => s.code !== edit.code) });
    case 'department:put':
      return ok({ ...live, departments: put(live.departments, edit.department, (d) => d.code === edit.department.code) });
    case 'department:delete':
      if (!live.departments.some((d) => d.code === edit.code)) return { ok: false, code: 'NOT_FOUND', params: {} };
      return ok({ ...live, departments: live.departments.filter((d) => d.code !== edit.code) });
    case 'counter:put':
      return ok({ ...live, counters: put(live.counters, edit.counter, (c) => c.number === edit.counter.number) });
    case 'counter:delete':
      if (!live.counters.some((c) => c.number === edit.number)) return { ok: false, code: 'NOT_FOUND', params: {} };
      return ok({ ...live, counters: live.counters.filter((c) => c.number !== edit.number) });
    case 'center:put':
      return ok({ ...live, center: { ...edit.center, logo: live.center.logo } });
    case 'logo:put':
      return ok({ ...live, center: { ...live.center, logo: edit.logo } });
    case 'voice:put':
      return ok({ ...live, voice: edit.voice });
    case 'display:put':
      return ok({ ...live, display: edit.display });
    case 'kiosk:put':
      return ok({ ...live, kiosk: edit.kiosk });
    case 'printers:put': {
      // Applied to the live map inside the serialised change: two admins setting two kiosks at once both keep theirs.
      // Own keys only: `toString` or `__proto__` is inherited by every object, and no kiosk's printer.
      if (edit.target === null && !Object.hasOwn(live.printers, edit.kiosk)) return { ok: false, code: 'NOT_FOUND', params: {} };
      const { [edit.kiosk]: _was, ...others } = live.printers;
      return ok({ ...live, printers: edit.target === null ? others : { ...live.printers, [edit.kiosk]: edit.target } });
    }
    case 'priority:put':
      return ok({ ...live, priorityCategories: edit.priorityCategories, routing: edit.routing });
    case 'notice:put':
      return ok({ ...live, display: { ...live.display, notice: edit.notice } });
    case 'procedures:put':
      return ok({ ...live, procedures: edit.procedures });
    case 'synonyms:put':
      return ok({ ...live, synonyms: edit.synonyms });
    case 'rating:put':
      return ok({ ...live, rating: edit.rating });
    case 'bookings:put':
      return ok({ ...live, bookings: edit.bookings });
    case 'config:put':
      return ok(edit.config);
    case 'catalog:put':
      return ok(mergeCatalog(live, edit.catalog));
  }
}

/**
 * What today's queue forbids even in a valid configuration: removing a service while citizens
 * wait for it or are being served in it (they would be stranded), removing a counter that is open
 * (its officer is mid-work) or that tickets were transferred to. Null when the change may go live.
 */
export function checkLiveChange(before: CenterConfig, after: CenterConfig, state: DayState): { code: ErrorCode; params: Params } | null {
  const kept = new Set(after.services.map((s) => s.code));
  const unfinished = new Map<string, number>();
  for (const t of Object.values(state.tickets)) {
    if (isFinal(t.status) || kept.has(t.serviceCode)) continue;
    unfinished.set(t.serviceCode, (unfinished.get(t.serviceCode) ?? 0) + 1);
  }
  for (const [service, count] of unfinished) return { code: 'SERVICE_HAS_WAITING', params: { service, count } };
  const counters = new Set(after.counters.map((c) => c.number));
  for (const c of before.counters) {
    if (counters.has(c.number)) continue;
    const live = state.counters[String(c.number)];
    if (live && live.status !== 'closed') return { code: 'COUNTER_IN_USE', params: { counter: c.number } };
    const sent = [...waitingTickets(state)].filter((t) => t.targetCounter === c.number).length;
    if (sent > 0) return { code: 'COUNTER_HAS_WAITING', params: { counter: c.number, count: sent } };
  }
  return null;
}

/** Sections that differ, for the audit log's "what". */
export function changedSections(before: CenterConfig, after: CenterConfig): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof CenterConfig>;
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** What the accounts hold, as far as the configuration refers to them. */
export interface AccountsView {
  users: readonly { username: string; role: 'officer' | 'manager' | 'admin'; disabled: boolean; counters: readonly number[] }[];
  devices: readonly { name: string; kind: string; revokedAt: number | null }[];
}

/**
 * References from the configuration to accounts, checked where this change made them (a user
 * disabled later does not block unrelated changes): a counter's default officer must be an active
 * officer allowed at that counter; a printer is set only for an active kiosk, and a kiosk printed
 * through a bridge needs an active bridge device.
 */
export function checkAccountRefs(before: CenterConfig, after: CenterConfig, accounts: AccountsView): { code: ErrorCode; params: Params } | null {
  const was = new Map(before.counters.map((c) => [c.number, c.defaultOfficer]));
  for (const c of after.counters) {
    if (c.defaultOfficer === null || was.get(c.number) === c.defaultOfficer) continue;
    const user = accounts.users.find((u) => u.username === c.defaultOfficer);
    if (!user || user.disabled || user.role !== 'officer') return { code: 'DEFAULT_OFFICER_INVALID', params: { counter: c.number, username: c.defaultOfficer } };
    if (user.counters.length > 0 && !user.counters.includes(c.number)) {
      return { code: 'DEFAULT_OFFICER_NOT_ALLOWED', params: { counter: c.number, username: c.defaultOfficer } };
    }
  }
  for (const [kiosk, target] of Object.entries(after.printers)) {
    if (JSON.stringify(before.printers[kiosk]) === JSON.stringify(target)) continue;
    // A printer set for a name no active kiosk connects as would never print (a typo, a revoked kiosk).
    if (!accounts.devices.some((d) => d.kind === 'kiosk' && d.revokedAt === null && d.name.normalize('NFC') === kiosk.normalize('NFC'))) {
      return { code: 'KIOSK_UNKNOWN', params: { kiosk } };
    }
    if (target.kind !== 'bridge') continue;
    const bridge = accounts.devices.find((d) => d.name === target.bridgeDevice && d.kind === 'printer' && d.revokedAt === null);
    if (!bridge) return { code: 'PRINTER_BRIDGE_UNKNOWN', params: { kiosk, bridge: target.bridgeDevice } };
  }
  return null;
}

export interface AdminUserView {
  id: string;
  role: 'officer' | 'manager' | 'admin';
  disabled: boolean;
}

/** After a user change: is there still an active admin? (Nobody may lock the center out.) */
export function keepsAnAdmin(users: readonly AdminUserView[], id: string, next: { role: AdminUserView['role']; disabled: boolean }): boolean {
  return users.some((u) => (u.id === id ? next.role === 'admin' && !next.disabled : u.role === 'admin' && !u.disabled));
}
