// The console's keyboard map: one place, so the key printed on a button is the key that works.
// Matched on KeyboardEvent.code (the physical key), so a Vietnamese input method (Unikey, Telex)
// or another layout does not change which action a key does.
export type ActionId =
  | 'call-next' | 'recall' | 'start' | 'finish' | 'no-show' | 'transfer' | 'pause' | 'close'
  | 'call-selected' | 'select-up' | 'select-down' | 'lang';

export const KEYS: Record<ActionId, { codes: string[]; label: string }> = {
  'call-next': { codes: ['Space'], label: 'Space' },
  recall: { codes: ['KeyR'], label: 'R' },
  start: { codes: ['KeyS'], label: 'S' },
  finish: { codes: ['KeyF'], label: 'F' },
  'no-show': { codes: ['KeyN'], label: 'N' },
  transfer: { codes: ['KeyT'], label: 'T' },
  pause: { codes: ['KeyP'], label: 'P' },
  close: { codes: ['KeyQ'], label: 'Q' },
  'call-selected': { codes: ['Enter', 'NumpadEnter'], label: 'Enter' },
  'select-up': { codes: ['ArrowUp'], label: '↑' },
  'select-down': { codes: ['ArrowDown'], label: '↓' },
  lang: { codes: ['KeyL'], label: 'L' },
};

export function actionForKey(e: Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'altKey' | 'metaKey'>): ActionId | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null; // leave the browser's own shortcuts alone
  for (const [id, k] of Object.entries(KEYS) as [ActionId, (typeof KEYS)[ActionId]][]) {
    if (k.codes.includes(e.code)) return id;
  }
  return null;
}

/** Typing in a field must never fire an action. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}
