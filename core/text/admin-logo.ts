// Screen text of the logo section on the admin "Center" screen. Vietnamese first, English second.
import type { Text } from '../i18n.ts';

export const adminLogo = {
  title: { vi: 'Logo của Trung tâm', en: 'Center logo' },
  hint: {
    vi: 'Ảnh PNG hoặc JPEG, tối đa 2 MB. Ảnh được thu nhỏ vừa khung 512×256 và hiện trên kiosk, màn hình hiển thị, trang tra cứu trên điện thoại và phiếu in (in đen trắng).',
    en: 'A PNG or JPEG image, at most 2 MB. It is scaled to fit 512×256 and shown on kiosks, display boards, the phone status page and printed tickets (in black and white).',
  },
  current: { vi: 'Logo hiện tại', en: 'Current logo' },
  none: { vi: 'Chưa có logo', en: 'No logo yet' },
  choose: { vi: 'Chọn tệp ảnh', en: 'Choose an image file' },
  upload: { vi: 'Tải lên', en: 'Upload' },
  uploading: { vi: 'Đang tải lên…', en: 'Uploading…' },
  remove: { vi: 'Gỡ logo', en: 'Remove logo' },
  confirmRemove: { vi: 'Gỡ logo khỏi kiosk, màn hình và phiếu in?', en: 'Remove the logo from kiosks, boards and tickets?' },
  uploaded: { vi: 'Đã cập nhật logo ({width}×{height}), các màn hình đã nhận ngay', en: 'Logo updated ({width}×{height}); screens have it now' },
  removed: { vi: 'Đã gỡ logo', en: 'Logo removed' },
  printedPreview: { vi: 'Trên phiếu in, logo được in nhỏ ở đầu phiếu, chuyển sang đen trắng.', en: 'On printed tickets the logo is printed small at the top, in black and white.' },
} as const satisfies Record<string, Text>;
