// The one rule for every name a person types and others read (services, departments, counters and
// their zones, priority categories, rating reasons and levels, the center, users, devices): not
// blank, no control characters (NUL, line breaks), no lone UTF-16 surrogates (they break JSON and
// fonts), no bidirectional overrides or isolates (they reverse what a board or an export shows
// after them: "Quầy 1" could read as something else). Used as a zod refinement, so a refusal is
// a VALIDATION_FAILED naming the field, in Vietnamese.
import { z } from 'zod';

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/g;

/** Why a name is refused, in Vietnamese, or null when it is fine. */
export function nameProblem(s: string): string | null {
  if (s.replace(INVISIBLE, '') === '') return 'không được để trống';
  if (CONTROL.test(s)) return 'có ký tự điều khiển không được phép';
  if (LONE_SURROGATE.test(s)) return 'có ký tự không hợp lệ';
  if (BIDI.test(s)) return 'có ký tự đổi chiều văn bản không được phép';
  return null;
}

/** The refinement itself, for a schema that already shapes the string (trim, NFC…). */
export function checkName(s: string, ctx: z.RefinementCtx): void {
  const problem = nameProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

/** A name of at most `max` characters, checked by the rule above. */
export const nameText = (max: number) => z.string().min(1).max(max).superRefine(checkName);

/** What a name becomes when nothing readable is left of it after repair. */
export const UNNAMED = 'Chưa đặt tên';

/**
 * A name stored before this rule existed, made acceptable: control characters, lone surrogates
 * and bidirectional marks removed, a blank one replaced by UNNAMED. Only for what the server
 * starts from: an upgrade must not leave a center unable to start over a name typed years ago;
 * what a person types now is refused instead.
 */
export function repairName(s: string): string {
  const cleaned = s
    .replace(new RegExp(CONTROL.source, 'g'), '')
    .replace(new RegExp(LONE_SURROGATE.source, 'g'), '')
    .replace(new RegExp(BIDI.source, 'g'), '')
    .trim();
  return cleaned.replace(INVISIBLE, '') === '' ? UNNAMED : cleaned;
}
