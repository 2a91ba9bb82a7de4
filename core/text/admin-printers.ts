// Screen text of the admin section "Máy in & kiosk" (each kiosk's printer, the kiosk timings) and
// the words of the printed test page. Vietnamese first, English second.
import type { Text } from '../i18n.ts';

export const adminPrinters = {
  tab: { vi: 'Máy in & kiosk', en: 'Printers & kiosks' },
  printersTitle: { vi: 'Máy in của từng kiosk', en: 'Each kiosk’s printer' },
  printersHelp: {
    vi: 'Mỗi kiosk in phiếu trên máy in của mình: máy in mạng (tcp://địa-chỉ:9100) do máy chủ điều khiển, hoặc qua một cầu nối máy in (thiết bị loại “Cầu nối máy in”). Thay đổi áp dụng ngay, kiosk không cần tải lại.',
    en: 'Each kiosk prints on its own printer: a network printer (tcp://address:9100) driven by the server, or through a printer bridge (a device of kind “Printer bridge”). Changes apply at once, without reloading the kiosk.',
  },
  kiosk: { vi: 'Kiosk', en: 'Kiosk' },
  printer: { vi: 'Máy in', en: 'Printer' },
  kind: { vi: 'Cách kết nối', en: 'Connection' },
  kinds: {
    network: { vi: 'Máy in mạng', en: 'Network printer' },
    bridge: { vi: 'Qua cầu nối máy in', en: 'Through a printer bridge' },
  },
  url: { vi: 'Địa chỉ máy in (tcp://máy:9100)', en: 'Printer address (tcp://host:9100)' },
  bridge: { vi: 'Cầu nối máy in', en: 'Printer bridge' },
  noBridge: { vi: 'Chưa có cầu nối máy in nào: hãy thêm ở mục Thiết bị', en: 'No printer bridge yet: add one under Devices' },
  paper: { vi: 'Khổ giấy', en: 'Paper' },
  papers: {
    576: { vi: '80 mm', en: '80 mm' },
    384: { vi: '58 mm', en: '58 mm' },
  },
  model: { vi: 'Loại máy in', en: 'Printer model' },
  models: {
    epson: { vi: 'Epson ESC/POS (phổ biến)', en: 'Epson ESC/POS (most printers)' },
    star: { vi: 'Star', en: 'Star' },
  },
  timeout: { vi: 'Chờ máy in tối đa (ms)', en: 'Printer timeout (ms)' },
  timeoutShort: { vi: 'chờ {ms} ms', en: '{ms} ms timeout' },
  none: { vi: 'Chưa có máy in: kiosk chỉ hiện số trên màn hình', en: 'No printer: the kiosk shows the number on screen only' },
  orphan: { vi: 'Không còn kiosk này (đã thu hồi hoặc đổi tên)', en: 'This kiosk is gone (revoked or renamed)' },
  noKiosks: { vi: 'Chưa có kiosk nào: hãy thêm kiosk ở mục Thiết bị', en: 'No kiosks yet: add one under Devices' },
  setPrinter: { vi: 'Đặt máy in', en: 'Set printer' },
  editTitle: { vi: 'Máy in của kiosk {kiosk}', en: 'Printer of kiosk {kiosk}' },
  edit: { vi: 'Sửa', en: 'Edit' },
  remove: { vi: 'Bỏ máy in', en: 'Remove printer' },
  confirmRemove: { vi: 'Bỏ máy in của kiosk {kiosk}? Kiosk sẽ chỉ hiện số trên màn hình.', en: 'Remove the printer of kiosk {kiosk}? It will show numbers on screen only.' },
  save: { vi: 'Lưu', en: 'Save' },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  saved: { vi: 'Đã lưu, đã áp dụng ngay', en: 'Saved and applied' },
  testPrint: { vi: 'In thử', en: 'Test print' },
  testing: { vi: 'Đang in thử…', en: 'Printing a test page…' },
  testPrinted: { vi: 'Máy in đã nhận trang in thử ({bytes} byte) lúc {time}', en: 'The printer took the test page ({bytes} bytes) at {time}' },
  timingsTitle: { vi: 'Thời gian trên màn hình kiosk', en: 'Kiosk screen timings' },
  returnAfterSec: { vi: 'Quay về màn hình đầu sau khi lấy số (giây, 5–300)', en: 'Back to the start after a ticket (seconds, 5–300)' },
  idleResetSec: { vi: 'Quay về màn hình đầu khi không ai chạm (giây, 30–900)', en: 'Back to the start when untouched (seconds, 30–900)' },
} as const satisfies Record<string, Text | Record<string, Text>>;

/** The words printed on a printer's test page (printer/test-page.ts draws them). */
export const printerTestPage = {
  title: { vi: 'TRANG IN THỬ', en: 'TEST PAGE' },
  kiosk: { vi: 'Kiosk: {name}', en: 'Kiosk: {name}' },
  network: { vi: 'Máy in mạng: {url}', en: 'Network printer: {url}' },
  bridge: { vi: 'Cầu nối máy in: {name}', en: 'Printer bridge: {name}' },
  paper: { vi: 'Khổ giấy {mm} mm ({dots} điểm) · {model}', en: 'Paper {mm} mm ({dots} dots) · {model}' },
  timeout: { vi: 'Chờ máy in tối đa {seconds} giây', en: 'Printer timeout {seconds} s' },
  diacritics: { vi: 'Chữ tiếng Việt có dấu phải in rõ:', en: 'Vietnamese letters must print clearly:' },
  /** Every tone on every vowel shape, plus Đ: a missing or misplaced mark shows at once. */
  sampleUpper: { vi: 'À Á Ả Ã Ạ Ằ Ắ Ẳ Ẵ Ặ Ầ Ấ Ẩ Ẫ Ậ Đ Ề Ế Ể Ễ Ệ Ồ Ố Ổ Ỗ Ộ Ờ Ớ Ở Ỡ Ợ Ừ Ứ Ử Ữ Ự Ỳ Ý Ỷ Ỹ Ỵ', en: 'À Á Ả Ã Ạ Ằ Ắ Ẳ Ẵ Ặ Ầ Ấ Ẩ Ẫ Ậ Đ Ề Ế Ể Ễ Ệ Ồ Ố Ổ Ỗ Ộ Ờ Ớ Ở Ỡ Ợ Ừ Ứ Ử Ữ Ự Ỳ Ý Ỷ Ỹ Ỵ' },
  sampleLower: { vi: 'à á ả ã ạ ằ ắ ẳ ẵ ặ ầ ấ ẩ ẫ ậ đ ề ế ể ễ ệ ồ ố ổ ỗ ộ ờ ớ ở ỡ ợ ừ ứ ử ữ ự ỳ ý ỷ ỹ ỵ', en: 'à á ả ã ạ ằ ắ ẳ ẵ ặ ầ ấ ẩ ẫ ậ đ ề ế ể ễ ệ ồ ố ổ ỗ ộ ờ ớ ở ỡ ợ ừ ứ ử ữ ự ỳ ý ỷ ỹ ỵ' },
  sentence: { vi: 'Xin mời công dân có số thứ tự A-025 đến quầy số 3. Xin cảm ơn Ông/Bà!', en: 'Citizen with number A-025, please go to counter 3. Thank you!' },
  ruleHelp: { vi: 'Hai đường kẻ phải chạy gần hết khổ giấy', en: 'Both lines should span nearly the whole paper' },
  printedAt: { vi: 'In lúc {time} ngày {date}', en: 'Printed at {time} on {date}' },
  ok: { vi: 'Nếu đọc rõ trang này, máy in đã sẵn sàng.', en: 'If this page reads clearly, the printer is ready.' },
} as const satisfies Record<string, Text>;
