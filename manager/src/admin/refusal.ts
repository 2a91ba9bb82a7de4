// A refused admin change, as one line: the server's message in the current language, then what
// exactly was wrong (the schema's own Vietnamese messages, with the field path).
import type { AckError } from '@core/protocol.ts';
import { lang } from '@ui/lang.svelte.ts';

export function refusalText(res: AckError): string {
  const head = lang.current === 'vi' ? res.message : res.messageEn;
  const details = (res.issues ?? []).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  return details.length > 0 ? `${head}: ${details.join('; ')}` : head;
}
