// What a request got wrong that zod alone does not say. First: fields a request carried that its
// schema does not know, at any depth. zod's strict objects refuse unknown keys only where each schema says so; the configuration's nested items (services,
// counters, routing, priority categories…) are plain objects, because the stored configuration
// must stay readable when a later version drops a field. A request, though, is refused whole when
// any of its fields would be dropped silently (docs/api.md: "unknown field"). Compared after
// parsing: whatever the input had that the parsed value lost.

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/** Paths (`services.0.colour`) of the input's keys missing from the parsed output; at most `max`. */
export function unknownKeys(input: unknown, output: unknown, max = 10): string[] {
  const found: string[] = [];
  const walk = (a: unknown, b: unknown, path: string[]): void => {
    if (found.length >= max) return;
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      a.forEach((item, i) => walk(item, b[i], [...path, String(i)]));
      return;
    }
    if (!isPlainObject(a) || !isPlainObject(b)) return;
    for (const key of Object.keys(a)) {
      if (found.length >= max) return;
      if (!Object.hasOwn(b, key)) found.push([...path, key].join('.'));
      else walk(a[key], b[key], [...path, key]);
    }
  };
  walk(input, output, []);
  return found;
}

/** The issue listed for an unknown field (its path is the field's). */
export const UNKNOWN_FIELD = 'trường không được chấp nhận';

/**
 * Why a body could not be read at all, by body-parser's error `type` (the issue a refusal lists,
 * in Vietnamese like zod's messages): a client needs to know more than "VALIDATION_FAILED".
 */
export function unreadableBodyIssue(type: string | null): string {
  switch (type) {
    case 'entity.parse.failed':
      return 'nội dung phải là một đối tượng JSON hợp lệ';
    case 'charset.unsupported':
      return 'bảng mã không được hỗ trợ: hãy gửi UTF-8';
    case 'encoding.unsupported':
      return 'kiểu nén không được hỗ trợ';
    case 'uri':
      return 'địa chỉ có mã % không hợp lệ';
    default:
      return 'không đọc được nội dung yêu cầu (nén hoặc mã hóa sai)';
  }
}
