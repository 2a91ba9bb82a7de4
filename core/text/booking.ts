// Text of the citizen's booking page (/book). Vietnamese first, English second; refusals come from
// core/text/booking-errors.ts through the API's answers.
import type { Text } from '../i18n.ts';

export const bookingPage = {
  title: { vi: 'Đặt lịch hẹn', en: 'Book an appointment' },
  intro: { vi: 'Đặt trước giờ đến Trung tâm, không cần xếp hàng lấy số', en: 'Choose your time at the center; no need to queue for a ticket' },
  step1: { vi: '1. Ông/Bà cần làm thủ tục gì?', en: '1. What do you need to do?' },
  searchPlaceholder: { vi: 'Ví dụ: khai sinh, so do, chung thuc', en: 'For example: birth, land, certify' },
  orChoose: { vi: 'hoặc chọn lĩnh vực', en: 'or choose a service' },
  step2: { vi: '2. Chọn ngày và giờ', en: '2. Choose a day and a time' },
  free: { vi: 'còn {n} chỗ', en: '{n} free' },
  full: { vi: 'hết chỗ', en: 'full' },
  closed: { vi: 'nghỉ', en: 'closed' },
  noSlots: { vi: 'Ngày này không còn giờ trống', en: 'No free time on this day' },
  step3: { vi: '3. Thông tin liên hệ', en: '3. Your details' },
  phone: { vi: 'Số điện thoại di động', en: 'Mobile number' },
  cccd: { vi: 'Số căn cước công dân (12 chữ số)', en: 'Citizen ID number (12 digits)' },
  name: { vi: 'Họ và tên (không bắt buộc)', en: 'Full name (optional)' },
  privacy: { vi: 'Số căn cước chỉ dùng để kiểm tra số lần đặt lịch, không hiển thị ở đâu.', en: 'The ID number is only used to check booking limits and is never shown.' },
  submit: { vi: 'Đặt lịch', en: 'Book' },
  done: { vi: 'Đã đặt lịch thành công', en: 'Your booking is confirmed' },
  code: { vi: 'Mã lịch hẹn', en: 'Booking code' },
  when: { vi: '{time}, ngày {day}', en: '{time} on {day}' },
  bring: { vi: 'Khi đến, Ông/Bà quét mã QR này hoặc nhập mã lịch hẹn tại kiosk, hay quét mã QR trên thẻ căn cước.', en: 'At the center, scan this QR code or type the booking code at the kiosk, or scan the QR on your ID card.' },
  manage: { vi: 'Xem, đổi hoặc hủy lịch đã đặt', en: 'View, move or cancel a booking' },
  find: { vi: 'Tìm lịch hẹn', en: 'Find booking' },
  cancel: { vi: 'Hủy lịch hẹn', en: 'Cancel booking' },
  cancelled: { vi: 'Lịch hẹn đã được hủy', en: 'The booking was cancelled' },
  move: { vi: 'Đổi sang giờ này', en: 'Move to this time' },
  back: { vi: 'Quay lại', en: 'Back' },
  newBooking: { vi: 'Đặt lịch mới', en: 'New booking' },
  failed: { vi: 'Không kết nối được máy chủ, vui lòng thử lại', en: 'Could not reach the server; please try again' },
  status: { vi: 'Trạng thái: {status}', en: 'Status: {status}' },
} as const satisfies Record<string, Text>;

/** The counter console's mark of a booked ticket. */
export const bookingCounter = {
  booked: { vi: 'Đặt lịch {time}', en: 'Booked {time}' },
} as const satisfies Record<string, Text>;

/** The admin's booking screen (manager app → Quản trị → Đặt lịch). */
export const bookingAdmin = {
  tab: { vi: 'Đặt lịch', en: 'Bookings' },
  title: { vi: 'Đặt lịch hẹn', en: 'Appointments' },
  enabled: { vi: 'Nhận đặt lịch (trang /book và cổng dịch vụ công)', en: 'Take bookings (the /book page and the portal)' },
  defaults: { vi: 'Khung giờ mặc định cho mọi lĩnh vực', en: 'Default slots for every service' },
  slotMin: { vi: 'Độ dài khung giờ (phút)', en: 'Slot length (minutes)' },
  capacity: { vi: 'Số người mỗi khung giờ', en: 'Citizens per slot' },
  daysAhead: { vi: 'Đặt trước tối đa (ngày)', en: 'Days ahead' },
  cutoffMin: { vi: 'Ngừng nhận trước giờ hẹn (phút)', en: 'Cut-off before the slot (minutes)' },
  walkInSharePct: { vi: 'Dành cho người đến trực tiếp (% mỗi giờ)', en: 'Kept for walk-ins (% of each hour)' },
  workingDays: { vi: 'Ngày làm việc (1 = Thứ Hai … 7 = Chủ nhật, cách nhau bởi dấu phẩy)', en: 'Working days (1 = Monday … 7 = Sunday, comma-separated)' },
  services: { vi: 'Riêng từng lĩnh vực: mã | phút | số người | ngày trước | phút ngừng | % trực tiếp | bat/tat | ngày làm việc (ví dụ 1,2,3,4,5,6)', en: 'Per service: code | minutes | citizens | days ahead | cut-off | walk-in % | on/off | working days (e.g. 1,2,3,4,5,6)' },
  badDays: { vi: 'Ngày làm việc không hợp lệ (chỉ dùng số 1 đến 7, cách nhau bởi dấu phẩy): {line}', en: 'Working days not valid (digits 1 to 7, comma-separated): {line}' },
  holidays: { vi: 'Ngày nghỉ lễ, mỗi dòng một ngày YYYY-MM-DD', en: 'Public holidays, one YYYY-MM-DD per line' },
  limits: { vi: 'Mỗi người (theo căn cước hoặc số điện thoại): tối đa mỗi ngày / mỗi lĩnh vực', en: 'Per person (ID or phone): at most per day / per service' },
  queueRule: { vi: 'Thứ tự gọi người đã đặt lịch', en: 'How booked citizens are called' },
  slotTime: { vi: 'Theo giờ hẹn (chung một hàng theo thời gian)', en: 'By slot time (one queue ordered by time)' },
  ratio: { vi: 'Xen kẽ: số người đặt lịch cho mỗi người đến trực tiếp', en: 'Alternate: booked citizens per walk-in' },
  graceMin: { vi: 'Cho phép đến muộn (phút)', en: 'Grace period (minutes)' },
  showName: { vi: 'Hiện họ tên người đặt lịch cho cán bộ', en: 'Show the booked citizen’s name to officers' },
  keys: { vi: 'Khóa API cho cổng dịch vụ công', en: 'API keys for the public-service portal' },
  keyName: { vi: 'Tên kết nối', en: 'Integration name' },
  makeKey: { vi: 'Tạo khóa', en: 'Make a key' },
  keyOnce: { vi: 'Khóa mới (chỉ hiện một lần, hãy sao chép ngay):', en: 'New key (shown once; copy it now):' },
  revoke: { vi: 'Thu hồi', en: 'Revoke' },
  revoked: { vi: 'đã thu hồi', en: 'revoked' },
} as const satisfies Record<string, Text>;
