// Screen text of the admin's backup and restore section (manager app). Vietnamese first, English
// second. A restore now applies at once: the server restarts itself in-process.
import type { Text } from '../i18n.ts';

export const adminBackup = {
  help: {
    vi: 'Tệp sao lưu gồm cấu hình, tài khoản, nhật ký quản trị và dữ liệu các ngày. Khi khôi phục, tệp được kiểm tra toàn bộ trước; nếu hợp lệ, máy chủ tự khởi động lại trong khoảng một giây để áp dụng, các màn hình tự kết nối lại. Dữ liệu bị thay thế được giữ trong thư mục restore-previous.',
    en: 'The backup holds the configuration, accounts, audit log and every day\'s data. A restore is checked whole first; if valid, the server restarts itself in about a second to apply it and screens reconnect by themselves. What it replaces is kept in restore-previous.',
  },
  confirm: {
    vi: 'Khôi phục từ {name}? Toàn bộ dữ liệu hiện tại (cấu hình, tài khoản, phiếu) sẽ được thay thế ngay và máy chủ sẽ khởi động lại.',
    en: 'Restore from {name}? All current data (configuration, accounts, tickets) is replaced now and the server restarts.',
  },
  restarting: { vi: 'Đang khôi phục và khởi động lại…', en: 'Restoring and restarting…' },
  done: {
    vi: 'Đã khôi phục xong, máy chủ đã chạy lại. Trang sẽ tự tải lại; nếu tài khoản đang dùng không có trong bản sao lưu, trang sẽ trở về màn hình đăng nhập.',
    en: 'Restore complete; the server is running again. This page reloads by itself; if your account is not in the backup, you will land on the sign-in screen.',
  },
  reloadNow: { vi: 'Tải lại ngay', en: 'Reload now' },
  noAnswer: {
    vi: 'Máy chủ chưa trả lời sau {seconds} giây. Hãy kiểm tra máy chủ (nhật ký, dịch vụ) rồi tải lại trang.',
    en: 'The server has not answered after {seconds} seconds. Check the server (its log, its service), then reload the page.',
  },
} as const satisfies Record<string, Text>;
