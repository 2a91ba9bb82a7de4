// Zalo ZNS error codes: which ones no retry can cure. Zalo answers a refused message with a
// non-zero `error`; some say the citizen's side can never receive it (a number that is not a Zalo
// account, a user who blocked the OA or refuses ZNS), some that the template itself is unusable
// (unknown, not approved, data that does not fit it). Retrying those forever only repeats the
// refusal and keeps the message "failing" on the manager's card; they are marked failed for good,
// with the reason. Everything else (-100 unknown error, quota, night-time limits, a token that
// expired and that the admin renews) stays retried with backoff, since it may pass later.
//
// Source: Zalo's public list "Cách xử lý mã lỗi" (zalo.cloud/zns/guidelines/handle-error-code),
// read for -100…-112; the codes above -112 and their meanings as the same list is republished by
// ZNS resellers. Codes not listed here are treated as transient (the safe side: retried, expiring
// with the message). Pure.
import type { Text } from '../i18n.ts';

export interface ZnsErrorInfo {
  /** No retry can succeed: the message is failed for good. */
  permanent: boolean;
  text: Text;
}

const permanent = (vi: string, en: string): ZnsErrorInfo => ({ permanent: true, text: { vi, en } });

const KNOWN: Record<number, ZnsErrorInfo> = {
  [-108]: permanent('Số điện thoại không hợp lệ với Zalo', 'Phone number invalid for Zalo'),
  [-109]: permanent('template_id ZNS không hợp lệ', 'ZNS template_id invalid'),
  [-111]: permanent('Mẫu ZNS không có dữ liệu', 'ZNS template data empty'),
  [-112]: permanent('Dữ liệu không khớp mẫu ZNS', 'ZNS template data invalid'),
  [-114]: permanent('Người dùng không nhận được ZNS (tài khoản không hoạt động, từ chối nhận tin hoặc Zalo quá cũ)', 'User inactive, refusing the message or on an outdated Zalo'),
  [-117]: permanent('OA hoặc ứng dụng không có quyền dùng mẫu ZNS này (mẫu chưa được duyệt)', 'OA or app has no permission for this template (not approved)'),
  [-118]: permanent('Số điện thoại chưa có tài khoản Zalo', 'No Zalo account for this number'),
  [-119]: permanent('Tài khoản Zalo không nhận được ZNS', 'This Zalo account cannot receive ZNS'),
  [-131]: permanent('Mẫu ZNS chưa được duyệt hoặc đã bị khóa', 'ZNS template not approved or disabled'),
  [-139]: permanent('Người dùng đã từ chối nhận loại tin ZNS này', 'User refused this kind of ZNS'),
  [-140]: permanent('OA không được phép gửi ZNS tới người dùng này', 'OA not allowed to send ZNS to this user'),
  [-141]: permanent('Người dùng đã chặn tin ZNS của OA', 'User blocked ZNS from this OA'),
};

/** What a ZNS error code means for retrying; null for a code not in the table (retried). */
export function znsError(code: number): ZnsErrorInfo | null {
  return KNOWN[code] ?? null;
}
