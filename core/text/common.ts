// Words every app uses. Vietnamese first, English second.
import type { Text } from '../i18n.ts';

export const common = {
  appName: { vi: 'Lượt', en: 'Lượt' },
  connecting: { vi: 'Đang kết nối…', en: 'Connecting…' },
  connected: { vi: 'Đã kết nối máy chủ', en: 'Connected' },
  offline: { vi: 'Mất kết nối với máy chủ. Đang thử kết nối lại…', en: 'Lost the connection to the server. Reconnecting…' },
  ticket: { vi: 'Phiếu', en: 'Ticket' },
  ticketNumber: { vi: 'Số thứ tự', en: 'Ticket number' },
  counter: { vi: 'Quầy', en: 'Counter' },
  counterNumber: { vi: 'Quầy số {n}', en: 'Counter {n}' },
  service: { vi: 'Lĩnh vực', en: 'Service' },
  department: { vi: 'Sở, ngành', en: 'Department' },
  waiting: { vi: 'Đang chờ', en: 'Waiting' },
  peopleAhead: { vi: 'Số người chờ trước', en: 'People ahead' },
  estimatedWait: { vi: 'Thời gian chờ dự kiến', en: 'Estimated wait' },
  minutes: { vi: '{n} phút', en: '{n} min' },
  noCounterOpen: { vi: 'Chưa có quầy mở', en: 'No counter open yet' },
  priority: { vi: 'Ưu tiên', en: 'Priority' },
  switchLanguage: { vi: 'English', en: 'Tiếng Việt' },
} as const satisfies Record<string, Text>;
