// Screen text of the counter console's search pickers (transfer and finish). Vietnamese first,
// English second.
import type { Text } from '../i18n.ts';

export const counterSearch = {
  transferFind: { vi: 'Chuyển đến: gõ vài chữ của lĩnh vực, thủ tục hoặc số quầy', en: 'Transfer to: type a few letters of a service, a procedure or a counter number' },
  transferPlaceholder: { vi: 'ví dụ: ho tich, khai sinh, quay 3', en: 'e.g. ho tich, khai sinh, quay 3' },
  procedurePlaceholder: { vi: 'Gõ mã hoặc vài chữ của tên thủ tục', en: 'Type a code or a few letters of the name' },
  toService: { vi: 'Lĩnh vực', en: 'Service' },
  toCounter: { vi: 'Quầy', en: 'Counter' },
  procedureOf: { vi: 'thủ tục của lĩnh vực {service}', en: 'procedure of {service}' },
  otherService: { vi: 'lĩnh vực khác: {service}', en: 'other service: {service}' },
  chosenProcedure: { vi: '✓ {name}', en: '✓ {name}' },
  keysHint: { vi: '↑ ↓ chọn, Enter lấy mục đã chọn', en: '↑ ↓ move, Enter takes the highlighted line' },
  nothing: { vi: 'Không tìm thấy; gõ cách khác, hoặc xóa để xem tất cả', en: 'Nothing found; try other words, or clear to see all' },
  loading: { vi: 'Đang tải danh mục thủ tục…', en: 'Loading the procedure catalog…' },
  chooseFirst: { vi: 'Chọn nơi chuyển đến trong danh sách', en: 'Choose where to transfer from the list' },
} as const satisfies Record<string, Text>;
