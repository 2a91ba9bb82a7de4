// Kiosk text of the optional phone step before a walk-in ticket, and of the age priority a
// scanned ID card gives (spread into `kiosk`). Vietnamese first, English second.
import type { Text } from '../i18n.ts';

export const phoneStepText = {
  phoneTitle: { vi: 'Nhận tin nhắn khi sắp đến lượt?', en: 'Get a text message when your turn is near?' },
  phoneHint: {
    vi: 'Nhập số điện thoại di động nếu Ông/Bà muốn được nhắn tin khi còn ít người phía trước và khi được mời vào quầy. Không bắt buộc: có thể bỏ qua.',
    en: 'Enter your mobile number to be texted when few people are ahead and when you are called. Optional: you may skip it.',
  },
  phoneConsent: {
    vi: 'Số điện thoại chỉ dùng để báo lượt của phiếu này trong hôm nay, không hiện trên màn hình và không dùng vào việc khác.',
    en: 'The number is used only to tell you about this ticket today; it is never shown on screens or used for anything else.',
  },
  phoneInvalid: { vi: 'Số điện thoại chưa đúng (cần 10 số, bắt đầu bằng 03, 05, 07, 08 hoặc 09)', en: 'This is not a valid mobile number (10 digits starting 03, 05, 07, 08 or 09)' },
  phoneSkip: { vi: 'Bỏ qua, lấy số ngay', en: 'Skip, take my ticket' },
  phoneConfirm: { vi: 'Nhận tin nhắn và lấy số', en: 'Text me and take my ticket' },
  agePriorityGiven: { vi: 'Theo thẻ căn cước, Ông/Bà được ưu tiên: {name}', en: 'From your ID card, you have priority: {name}' },
} as const satisfies Record<string, Text>;
