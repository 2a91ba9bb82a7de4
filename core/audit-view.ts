// An audit entry as an admin reads it: the action in words, and before/after as a short list of
// what changed ("prefix: A → K"), not two JSON blobs. Pure.
import type { AuditEntry } from './admin-protocol.ts';
import type { Text } from './i18n.ts';
import { adminAudit } from './text/admin-audit.ts';

export interface Change {
  /** Dotted path of the field, e.g. "nameVi" or "services.1.weight". */
  path: string;
  before: string;
  after: string;
}

const NAME_FIELDS = new Set(['nameVi', 'nameEn']);
const MAX_VALUE = 60;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function short(v: unknown): string {
  if (v === undefined || v === null) return '–';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** Leaf fields that differ, depth first, in the objects' own order. */
export function auditChanges(before: unknown, after: unknown, path = ''): Change[] {
  if ((isObject(before) || before == null) && (isObject(after) || after == null) && (isObject(before) || isObject(after))) {
    const b = isObject(before) ? before : {};
    const a = isObject(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys.flatMap((k) => auditChanges(b[k], a[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length && before.every((x) => isObject(x))) {
    return before.flatMap((x, i) => auditChanges(x, after[i], `${path}.${i}`));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, before: short(before), after: short(after) }];
}

/** The action's key in the dictionary: a put that creates, or only renames, reads as such. */
export function auditActionKey(e: Pick<AuditEntry, 'action' | 'before' | 'after'>): string {
  const [what, verb] = e.action.split(':');
  if (verb === 'put' && (what === 'service' || what === 'department' || what === 'counter')) {
    if (e.before === null || e.before === undefined) return `${what}:create`;
    const changed = auditChanges(e.before, e.after);
    if (changed.length > 0 && changed.every((c) => NAME_FIELDS.has(c.path))) return `${what}:rename`;
  }
  return e.action;
}

export function auditActionText(e: Pick<AuditEntry, 'action' | 'before' | 'after'>): Text {
  const key = auditActionKey(e);
  return (adminAudit.actions as Record<string, Text>)[key] ?? { vi: e.action, en: e.action };
}
