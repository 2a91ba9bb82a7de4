// Screen text of the admin "Từ đồng nghĩa" section (the search's synonym dictionary). Vietnamese
// first, English second.
import type { Text } from '../i18n.ts';

export const adminSynonyms = {
  tab: { vi: 'Từ đồng nghĩa', en: 'Synonyms' },
  title: { vi: 'Từ đồng nghĩa cho tìm kiếm thủ tục', en: 'Search synonyms' },
  help: {
    vi: 'Mỗi dòng: các cách người dân hay nói, cách nhau bởi dấu phẩy => cách danh mục gọi, rồi tùy chọn | mã thủ tục hoặc mã lĩnh vực được đưa lên đầu. Gõ có dấu hay không dấu đều được; dòng bắt đầu bằng # là ghi chú. Ví dụ: sổ đỏ, sổ hồng => giấy chứng nhận quyền sử dụng đất. Lưu xong, kiosk và quầy tìm theo từ điển mới ngay, không cần khởi động lại.',
    en: 'One line each: what people say, separated by commas => what the catalog says, then optionally | procedure or service codes to put first. With or without diacritics; lines starting with # are comments. Example: sổ đỏ, sổ hồng => giấy chứng nhận quyền sử dụng đất. Once saved, kiosks and counters search with it at once, no restart.',
  },
  text: { vi: 'Từ điển (mỗi dòng một mục)', en: 'Dictionary (one entry per line)' },
  entries: { vi: '{count} mục', en: '{count} entries' },
  lineProblem: { vi: 'Dòng {line}: {message}', en: 'Line {line}: {message}' },
  problemsBefore: { vi: 'Có {count} dòng cần sửa trước khi lưu', en: '{count} lines to fix before saving' },
  more: { vi: '… và {count} dòng lỗi khác', en: '… and {count} more bad lines' },
  saved: { vi: 'Đã lưu {count} mục, kiosk và quầy đã tìm theo từ điển mới', en: 'Saved {count} entries; kiosks and counters use them now' },
  unchanged: { vi: 'Chưa có thay đổi nào để lưu', en: 'Nothing changed yet' },
  tryTitle: { vi: 'Thử tìm với từ điển đang sửa', en: 'Try a search with this dictionary' },
  tryPlaceholder: { vi: 'Gõ như người dân gõ, ví dụ: lam lai cccd', en: 'Type as a citizen would, e.g. lam lai cccd' },
  tryNothing: { vi: 'Không tìm thấy gì', en: 'Nothing found' },
  tryService: { vi: 'Lĩnh vực', en: 'Service' },
} as const satisfies Record<string, Text>;
