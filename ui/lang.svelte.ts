// The language switch shared by the apps: Vietnamese first, English on request.
import type { Lang, Params, Text } from '@core/i18n.ts';
import { fill } from '@core/i18n.ts';

export const lang = $state<{ current: Lang }>({ current: 'vi' });

export function toggleLang(): void {
  lang.current = lang.current === 'vi' ? 'en' : 'vi';
  document.documentElement.lang = lang.current;
}

/** Translate a dictionary entry into the current language, filling {placeholders}. */
export function tr(text: Text, params: Params = {}): string {
  return fill(text[lang.current], params, lang.current);
}
