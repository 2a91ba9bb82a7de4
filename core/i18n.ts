// The one dictionary of user-facing text: Vietnamese first, English second.
// Apps and the server both read it; error acks carry the code plus both texts.

import { bookingErrorText } from './text/booking-errors.ts';

export type Lang = 'vi' | 'en';
export interface Text { vi: string; en: string }

export const errorText = {
  VALIDATION_FAILED: { vi: 'Dữ liệu gửi lên không hợp lệ', en: 'The request data is not valid' },
  PAYLOAD_TOO_LARGE: { vi: 'Dữ liệu gửi lên quá lớn', en: 'The request is too large' },
  UNAUTHENTICATED: { vi: 'Chưa đăng nhập hoặc phiên đã hết hạn', en: 'Not signed in, or the session has expired' },
  FORBIDDEN: { vi: 'Tài khoản không có quyền thực hiện thao tác này', en: 'You are not allowed to do this' },
  NOT_FOUND: { vi: 'Không tìm thấy', en: 'Not found' },
  LOGIN_FAILED: { vi: 'Sai tên đăng nhập hoặc mật khẩu', en: 'Wrong username or password' },
  TOO_MANY_ATTEMPTS: { vi: 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau {seconds} giây', en: 'Too many failed sign-ins, try again in {seconds} seconds' },
  DEVICE_REVOKED: { vi: 'Thiết bị đã bị thu hồi hoặc mã thiết bị không đúng', en: 'This device was revoked or its token is wrong' },
  DEVICE_IN_USE: { vi: 'Mã thiết bị này đang được dùng ở một thiết bị khác', en: 'This device token is already in use on another device' },
  UNKNOWN_SERVICE: { vi: 'Không có lĩnh vực này', en: 'There is no such service' },
  SERVICE_INACTIVE: { vi: 'Lĩnh vực này tạm ngừng cấp số', en: 'This service is not issuing tickets' },
  WINDOW_CLOSED: { vi: 'Ngoài giờ cấp số của lĩnh vực này ({windows})', en: 'Outside this service’s issuing hours ({windows})' },
  NOT_WORKING_DAY: { vi: 'Hôm nay Trung tâm không làm việc', en: 'The center is closed today' },
  CAP_REACHED: { vi: 'Đã hết số trong ngày cho lĩnh vực này (tối đa {cap} phiếu)', en: 'Today’s tickets for this service are used up (at most {cap})' },
  UNKNOWN_PRIORITY: { vi: 'Không có đối tượng ưu tiên này', en: 'There is no such priority category' },
  UNKNOWN_COUNTER: { vi: 'Không có quầy này', en: 'There is no such counter' },
  COUNTER_NOT_OPEN: { vi: 'Quầy chưa mở', en: 'The counter is not open' },
  COUNTER_PAUSED: { vi: 'Quầy đang tạm dừng', en: 'The counter is paused' },
  COUNTER_TAKEN: { vi: 'Quầy đang do cán bộ khác mở', en: 'Another officer has this counter open' },
  COUNTER_BUSY: { vi: 'Quầy đang phục vụ số {number}, hãy hoàn thành hoặc chuyển trước', en: 'The counter is serving {number}; finish or transfer it first' },
  OFFICER_BUSY: { vi: 'Tài khoản này đang mở quầy số {counter}', en: 'You already have counter {counter} open' },
  NO_CURRENT_TICKET: { vi: 'Quầy chưa có số nào đang gọi', en: 'The counter has no current ticket' },
  QUEUE_EMPTY: { vi: 'Không còn công dân nào đang chờ', en: 'Nobody is waiting' },
  TICKET_NOT_FOUND: { vi: 'Không tìm thấy phiếu', en: 'Ticket not found' },
  TICKET_TAKEN: { vi: 'Số {number} đã được quầy khác gọi', en: 'Ticket {number} was already called by another counter' },
  NOT_FOR_THIS_COUNTER: { vi: 'Số {number} không thuộc lĩnh vực của quầy này', en: 'Ticket {number} is not for this counter' },
  INVALID_TRANSITION: { vi: 'Không thể {action} khi phiếu đang ở trạng thái “{status}”', en: 'Cannot {action} a ticket that is “{status}”' },
  TRANSFER_TARGET_INVALID: { vi: 'Nơi chuyển đến không hợp lệ', en: 'The transfer target is not valid' },
  INVALID_DOSSIER_CODE: { vi: 'Mã hồ sơ không đúng định dạng: {code}', en: 'Malformed dossier code: {code}' },
  NOT_SERVED_HERE: { vi: 'Phiếu này không được phục vụ tại quầy này', en: 'This ticket was not served at this counter' },
  ALREADY_RATED: { vi: 'Phiếu này đã được đánh giá', en: 'This ticket was already rated' },
  DAY_CHANGED: { vi: 'Đã sang ngày mới, phiếu của ngày trước không còn hiệu lực', en: 'A new day has started; yesterday’s tickets are no longer valid' },
  PRINTER_NOT_CONFIGURED: { vi: 'Kiosk này chưa được cài đặt máy in', en: 'No printer is set up for this kiosk' },
  PRINTER_OFFLINE: { vi: 'Máy in không hoạt động hoặc chưa kết nối', en: 'The printer is offline or not connected' },
  PRINTER_TIMEOUT: { vi: 'Máy in không phản hồi', en: 'The printer did not answer' },
  PRINT_FAILED: { vi: 'Không in được phiếu', en: 'The ticket could not be printed' },
  INVALID_DATE_RANGE: { vi: 'Khoảng ngày không hợp lệ: {reason}', en: 'Invalid date range: {reason}' },
  NO_DATA: { vi: 'Không có phiếu nào từ {from} đến {to} với bộ lọc đã chọn', en: 'No tickets from {from} to {to} with the chosen filters' },
  EXPORT_NOT_CONFIGURED: { vi: 'Chưa bật API lấy dữ liệu cho Hệ thống thông tin giải quyết thủ tục hành chính (EXPORT_API_KEY)', en: 'The dossier pull API is not enabled (EXPORT_API_KEY)' },
  SERVICE_HAS_WAITING: { vi: 'Lĩnh vực {service} còn {count} phiếu đang chờ hoặc đang phục vụ, hãy chuyển hoặc phục vụ xong trước khi xóa', en: 'Service {service} still has {count} tickets waiting or being served; move or finish them before removing it' },
  COUNTER_HAS_WAITING: { vi: 'Còn {count} phiếu được chuyển đến quầy số {counter}, hãy chuyển tiếp trước khi xóa quầy', en: '{count} tickets were transferred to counter {counter}; move them before removing it' },
  COUNTER_IN_USE: { vi: 'Quầy số {counter} đang mở, hãy đóng quầy trước khi xóa', en: 'Counter {counter} is open; close it before removing it' },
  LAST_ADMIN: { vi: 'Không thể khóa hoặc hạ quyền quản trị viên cuối cùng', en: 'The last active administrator cannot be disabled or demoted' },
  BACKUP_INVALID: { vi: 'Tệp sao lưu không hợp lệ: {reason}. Không có gì bị thay đổi', en: 'The backup file is not valid: {reason}. Nothing was changed' },
  RESTORE_IN_PROGRESS: { vi: 'Đang khôi phục từ một tệp sao lưu khác, vui lòng đợi máy chủ khởi động lại', en: 'Another restore is under way; wait for the server to restart' },
  MOVE_TARGET_INVALID: { vi: 'Không chuyển được sang lĩnh vực {service}: hãy chọn một lĩnh vực khác, đang có và có quầy phục vụ', en: 'Cannot move to service {service}: choose another existing service that a counter serves' },
  DEFAULT_OFFICER_INVALID: { vi: 'Quầy số {counter}: không có cán bộ đang hoạt động với tên đăng nhập {username}', en: 'Counter {counter}: there is no active officer with the username {username}' },
  DEFAULT_OFFICER_NOT_ALLOWED: { vi: 'Quầy số {counter}: cán bộ {username} không được phép mở quầy này, hãy thêm quầy cho cán bộ trước', en: 'Counter {counter}: officer {username} may not open this counter; allow it for them first' },
  PRINTER_BRIDGE_UNKNOWN: { vi: 'Kiosk {kiosk}: không có cầu nối máy in đang hoạt động tên {bridge}', en: 'Kiosk {kiosk}: there is no active printer bridge named {bridge}' },
  KIOSK_UNKNOWN: { vi: 'Không có kiosk đang hoạt động tên {kiosk}, hãy thêm kiosk ở mục Thiết bị trước', en: 'There is no active kiosk named {kiosk}; add it under Devices first' },
  UNKNOWN_PROCEDURE: { vi: 'Lĩnh vực {service} không có thủ tục mã {procedure}', en: 'Service {service} has no procedure with code {procedure}' },
  SYNONYMS_INVALID: { vi: 'Từ điển từ đồng nghĩa có {count} dòng lỗi, chưa lưu gì', en: 'The synonym dictionary has {count} bad lines; nothing was saved' },
  PROCEDURES_INVALID: { vi: 'Tệp danh mục thủ tục có {count} dòng lỗi, chưa nhập gì', en: 'The procedure file has {count} bad rows; nothing was imported' },
  USERNAME_TAKEN: { vi: 'Tên đăng nhập {username} đã có người dùng', en: 'The username {username} is already taken' },
  LOGO_NOT_IMAGE: { vi: 'Logo phải là tệp ảnh PNG hoặc JPEG', en: 'The logo must be a PNG or JPEG image file' },
  LOGO_UNREADABLE: { vi: 'Không đọc được ảnh logo: tệp bị hỏng hoặc không phải ảnh {format} thật', en: 'The logo could not be read: the file is damaged or not a real {format} image' },
  LOGO_FILE_TOO_LARGE: { vi: 'Tệp ảnh logo quá lớn, tối đa {mb} MB', en: 'The logo file is too large (at most {mb} MB)' },
  LOGO_TOO_MANY_PIXELS: { vi: 'Ảnh logo quá lớn ({width}×{height} điểm ảnh), tối đa {max} triệu điểm ảnh', en: 'The logo image is too large ({width}×{height} pixels; at most {max} million)' },
  LOGO_TOO_DETAILED: { vi: 'Logo sau khi thu nhỏ vẫn quá nặng ({kb} KB, tối đa {max} KB), hãy dùng ảnh đơn giản hơn', en: 'Even scaled down the logo is too heavy ({kb} KB, at most {max} KB); use a simpler image' },
  DOSSIER_ALREADY_WAITING: { vi: 'Hồ sơ {code} đã có phiếu số {number} đang chờ nhận kết quả. Ông/Bà vui lòng chờ gọi số đó', en: 'Dossier {code} already has ticket {number} waiting for pick-up; please wait for that number' },
  NO_RESULT_SERVICE: { vi: 'Trung tâm chưa mở lĩnh vực trả kết quả tại kiosk. Ông/Bà vui lòng hỏi quầy hướng dẫn', en: 'Result pick-up is not offered at the kiosk; please ask at the information desk' },
  UNDO_TOO_LATE: { vi: 'Đã quá thời gian hủy phiếu tại kiosk; phiếu {number} vẫn còn hiệu lực', en: 'Too late to cancel at the kiosk; ticket {number} is still valid' },
  ...bookingErrorText,
  INTERNAL: { vi: 'Hệ thống gặp lỗi, vui lòng thử lại', en: 'Something went wrong, please try again' },
} as const satisfies Record<string, Text>;

export type ErrorCode = keyof typeof errorText;
export const ERROR_CODES = Object.keys(errorText) as ErrorCode[];

export const statusText = {
  waiting: { vi: 'đang chờ', en: 'waiting' },
  called: { vi: 'đã gọi', en: 'called' },
  serving: { vi: 'đang tiếp nhận', en: 'being served' },
  done: { vi: 'đã hoàn thành', en: 'done' },
  'no-show': { vi: 'vắng mặt', en: 'no-show' },
  cancelled: { vi: 'đã hủy', en: 'cancelled' },
} as const satisfies Record<string, Text>;

export const actionText = {
  call: { vi: 'gọi', en: 'call' },
  recall: { vi: 'gọi lại', en: 'recall' },
  start: { vi: 'bắt đầu tiếp nhận', en: 'start serving' },
  finish: { vi: 'hoàn thành', en: 'finish' },
  'no-show': { vi: 'đánh dấu vắng mặt', en: 'mark as no-show' },
  transfer: { vi: 'chuyển quầy', en: 'transfer' },
  cancel: { vi: 'hủy', en: 'cancel' },
  rate: { vi: 'đánh giá', en: 'rate' },
  reprint: { vi: 'in lại phiếu', en: 'reprint' },
} as const satisfies Record<string, Text>;

/** A placeholder value: plain, or itself translated. */
export type Param = string | number | Text;
export type Params = Record<string, Param>;

/** Replace {name} placeholders; unknown ones are left visible rather than silently dropped. */
export function fill(template: string, params: Params = {}, lang: Lang = 'vi'): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    if (value === undefined) return whole;
    return typeof value === 'object' ? value[lang] : String(value);
  });
}

export function errorMessage(code: ErrorCode, params: Params = {}): Text {
  const t = errorText[code];
  return { vi: fill(t.vi, params, 'vi'), en: fill(t.en, params, 'en') };
}
