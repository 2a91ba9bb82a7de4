// Words of the booking figures in the managers' reports (the Reports tab's card, the exported
// "Đặt lịch" sheet). Vietnamese first; the export's headers are Vietnamese only, as the others.
import type { Text } from '../i18n.ts';

export const bookingReportHeaders = {
  sheet: 'Đặt lịch', day: 'Ngày', total: 'Tổng cộng', made: 'Số lịch đã đặt', honoured: 'Đã đến lấy số', noShow: 'Vắng mặt',
  cancelled: 'Đã hủy', open: 'Chưa đến giờ', onTime: 'Đến đúng giờ (%)', waited: 'Số phiếu đã gọi',
  waitAvg: 'Chờ từ giờ hẹn TB (phút)', waitMedian: 'Chờ từ giờ hẹn, trung vị (phút)', waitP90: 'Chờ từ giờ hẹn, P90 (phút)',
} as const;

export const bookingReportText = {
  title: { vi: 'Đặt lịch hẹn (toàn trung tâm)', en: 'Bookings (whole center)' },
  note: { vi: 'Thời gian chờ của phiếu đặt lịch tính từ giờ hẹn đến lần gọi đầu tiên. Bộ lọc sở, lĩnh vực, quầy không áp dụng cho phần này.', en: 'A booked ticket’s wait runs from its slot’s start to its first call. The department, service and counter filters do not apply here.' },
  none: { vi: 'Không có lịch hẹn nào trong khoảng ngày này', en: 'No bookings in this range' },
  made: { vi: 'Đã đặt', en: 'Made' },
  honoured: { vi: 'Đã đến lấy số', en: 'Honoured' },
  noShow: { vi: 'Vắng mặt', en: 'No-show' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
  open: { vi: 'Chưa đến giờ', en: 'Still to come' },
  onTime: { vi: 'Đến đúng giờ', en: 'On time' },
  waitAvg: { vi: 'Chờ từ giờ hẹn (TB)', en: 'Wait from slot (avg)' },
  waitMedian: { vi: 'Trung vị', en: 'Median' },
  waitP90: { vi: 'P90', en: 'P90' },
  day: { vi: 'Ngày', en: 'Day' },
  total: { vi: 'Tổng cộng', en: 'Total' },
  minutes: { vi: '{n} phút', en: '{n} min' },
} as const satisfies Record<string, Text>;
