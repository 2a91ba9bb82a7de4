// The lobby display board's words. Vietnamese first; the board shows English beneath in small type.
import type { Text } from '../i18n.ts';

export const displayBoard = {
  title: { vi: 'Màn hình gọi số', en: 'Display board' },
  nowCalling: { vi: 'Mời công dân có số', en: 'Now calling' },
  toCounter: { vi: 'Đến quầy số', en: 'Go to counter' },
  recall: { vi: 'Gọi lại', en: 'Called again' },
  recentCalls: { vi: 'Số vừa gọi', en: 'Recent calls' },
  counters: { vi: 'Các quầy', en: 'Counters' },
  counterShort: { vi: 'Quầy {n}', en: 'Counter {n}' },
  waiting: { vi: 'Đang chờ', en: 'Waiting' },
  people: { vi: '{n} người', en: '{n} people' },
  paused: { vi: 'Tạm dừng', en: 'Paused' },
  closed: { vi: 'Chưa mở', en: 'Closed' },
  ready: { vi: 'Sẵn sàng', en: 'Ready' },
  noCallsYet: { vi: 'Chưa có số nào được gọi', en: 'No number called yet' },
  nobodyWaiting: { vi: 'Hiện không có ai đang chờ', en: 'Nobody is waiting' },
  moreServices: { vi: 'và {n} lĩnh vực khác', en: 'and {n} more services' },
  zone: { vi: 'Khu {zone}', en: 'Zone {zone}' },
  allZones: { vi: 'Tất cả các khu', en: 'All zones' },
  enableSound: { vi: 'Bật âm thanh', en: 'Turn on sound' },
  enableSoundHint: {
    vi: 'Trình duyệt đang chặn âm thanh tự phát. Chạm vào màn hình hoặc bấm một phím bất kỳ một lần để nghe gọi số.',
    en: 'The browser blocks sound until someone interacts. Tap the screen or press any key once to hear the calls.',
  },
  soundOff: { vi: 'Loa của màn hình này đang tắt', en: 'Sound is off on this board' },
  cannotConnect: { vi: 'Không kết nối được máy chủ', en: 'Cannot connect to the server' },
  openWithLink: {
    vi: 'Hãy mở màn hình này bằng liên kết thiết bị do quản trị viên cấp (có phần #device=…).',
    en: 'Open this board with the device link from the administrator (ending in #device=…).',
  },
} as const satisfies Record<string, Text>;
