// Zod's own messages are English ("Too big: expected number to be <=260", "Unrecognized key")
// and its bundled Vietnamese locale reads like a translation of a type checker ("mong đợi number").
// These say what to fix in words an admin uses; a schema's own message still wins over them.
import { z } from 'zod';
import type { core } from 'zod';

type Issue = core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'chữ', number: 'số', int: 'số nguyên', bigint: 'số nguyên', boolean: 'có/không (true/false)',
  object: 'một nhóm thông tin', array: 'một danh sách', date: 'ngày', null: 'để trống (null)',
};

const FORMAT_NAMES: Record<string, string> = {
  email: 'địa chỉ email', url: 'địa chỉ URL', uuid: 'mã UUID', datetime: 'ngày giờ', date: 'ngày (YYYY-MM-DD)',
  time: 'giờ (HH:MM)', ipv4: 'địa chỉ IPv4', ipv6: 'địa chỉ IPv6', base64: 'dữ liệu base64',
};

function shown(value: unknown): string {
  return typeof value === 'string' ? `“${value}”` : String(value);
}

function sizeLimit(origin: string, bound: string, limit: number | bigint, atMost: boolean): string {
  const n = limit.toString();
  switch (origin) {
    case 'string': return atMost ? `dài tối đa ${n} ký tự` : Number(limit) === 1 ? 'không được để trống' : `cần ít nhất ${n} ký tự`;
    case 'array':
    case 'set': return atMost ? `tối đa ${n} mục` : Number(limit) === 1 ? 'cần ít nhất một mục' : `cần ít nhất ${n} mục`;
    case 'file': return atMost ? `tệp tối đa ${n} byte` : `tệp cần ít nhất ${n} byte`;
    case 'date': return atMost ? `không được sau ${n}` : `không được trước ${n}`;
    default: return bound === 'inclusive' ? (atMost ? `tối đa là ${n}` : `tối thiểu là ${n}`) : atMost ? `phải nhỏ hơn ${n}` : `phải lớn hơn ${n}`;
  }
}

/** The Vietnamese message for one zod issue (undefined: leave it to zod, which never happens in practice). */
export function vietnameseIssueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'thiếu thông tin bắt buộc';
      return `phải là ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_big':
      return sizeLimit(issue.origin, issue.inclusive === false ? 'exclusive' : 'inclusive', issue.maximum, true);
    case 'too_small':
      return sizeLimit(issue.origin, issue.inclusive === false ? 'exclusive' : 'inclusive', issue.minimum, false);
    case 'invalid_format':
      if (issue.format === 'regex') return 'không đúng định dạng';
      if (issue.format === 'starts_with') return `phải bắt đầu bằng “${String((issue as { prefix?: string }).prefix ?? '')}”`;
      return `không phải ${FORMAT_NAMES[issue.format] ?? 'định dạng đúng'}`;
    case 'not_multiple_of':
      return `phải là bội số của ${issue.divisor.toString()}`;
    case 'unrecognized_keys':
      return `có trường không được chấp nhận: ${issue.keys.join(', ')}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `phải là ${shown(issue.values[0])}` : `phải là một trong: ${issue.values.map(shown).join(', ')}`;
    case 'invalid_union':
      return 'không khớp với dạng nào được chấp nhận';
    case 'invalid_key':
      return 'tên mục không hợp lệ';
    case 'invalid_element':
      return 'có phần tử không hợp lệ';
    default:
      return 'giá trị không hợp lệ';
  }
}

/**
 * Makes every schema without its own message answer in Vietnamese. Zod keeps this setting in
 * its module (one per process or page), so the server's createApp and each app's entry call it;
 * calling it again changes nothing.
 */
export function useVietnameseZodMessages(): void {
  z.config({ customError: (issue) => vietnameseIssueMessage(issue) });
}
