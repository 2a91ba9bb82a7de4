// What the audit log keeps of a synonym dictionary change: the lines removed and the lines added
// (as the admin screen shows them), not the whole dictionary twice.
import type { SynonymEntry } from '@core/catalog-search/synonyms.ts';
import { formatSynonymsText } from '@core/catalog-search/synonyms.ts';

const MAX_LINES = 50;

export function synonymsAudit(before: readonly SynonymEntry[], after: readonly SynonymEntry[]): { target: string; before: unknown; after: unknown } {
  const was = formatSynonymsText(before).split('\n').filter((l) => l !== '');
  const now = formatSynonymsText(after).split('\n').filter((l) => l !== '');
  const kept = new Set(now);
  const old = new Set(was);
  const removed = was.filter((l) => !kept.has(l));
  const added = now.filter((l) => !old.has(l));
  return {
    target: 'synonyms',
    before: { count: before.length, removed: removed.slice(0, MAX_LINES), more: Math.max(0, removed.length - MAX_LINES) },
    after: { count: after.length, added: added.slice(0, MAX_LINES), more: Math.max(0, added.length - MAX_LINES) },
  };
}
