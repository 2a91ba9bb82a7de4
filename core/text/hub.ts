// Text of the province hub (its refusals, its start, its dashboard) and of a site's link to it.
// Vietnamese first, English second.
import type { Text } from '../i18n.ts';

export const hubRefusal = {
  NO_DATABASE: {
    vi: 'Thiếu DATABASE_URL: máy chủ tỉnh cần một cơ sở dữ liệu PostgreSQL, ví dụ DATABASE_URL=postgres://luot@127.0.0.1:5432/luot_hub npm run hub',
    en: 'DATABASE_URL is missing: the province hub needs a PostgreSQL database, e.g. DATABASE_URL=postgres://luot@127.0.0.1:5432/luot_hub npm run hub',
  },
  BAD_REQUEST: { vi: 'Yêu cầu không hợp lệ: {detail}', en: 'Invalid request: {detail}' },
  NO_CREDENTIAL: { vi: 'Thiếu mã xác thực của điểm', en: 'The site credential is missing' },
  BAD_CREDENTIAL: { vi: 'Mã xác thực của điểm không đúng hoặc đã bị thu hồi', en: 'The site credential is wrong or has been revoked' },
  BAD_TOKEN: { vi: 'Mã đăng ký không đúng, đã dùng hoặc đã hết hạn', en: 'The enrolment token is wrong, used or expired' },
  NOT_SIGNED_IN: { vi: 'Vui lòng đăng nhập', en: 'Please sign in' },
  FORBIDDEN: { vi: 'Tài khoản không có quyền này', en: 'This account may not do that' },
  BAD_LOGIN: { vi: 'Sai tên đăng nhập hoặc mật khẩu', en: 'Wrong username or password' },
  SITE_EXISTS: { vi: 'Đã có điểm với mã {code}', en: 'A site with code {code} already exists' },
  NO_SITE: { vi: 'Không có điểm {code}', en: 'No site {code}' },
  NOT_FOUND: { vi: 'Không tìm thấy', en: 'Not found' },
  INTERNAL: { vi: 'Lỗi máy chủ tỉnh, vui lòng thử lại', en: 'Province hub error, please try again' },
} satisfies Record<string, Text>;
export type HubRefusalCode = keyof typeof hubRefusal;

export const hubLinkText = {
  notEnrolled: { vi: 'Chưa kết nối với máy chủ tỉnh', en: 'Not linked to the province hub' },
  up: { vi: 'Đã kết nối với máy chủ tỉnh', en: 'Linked to the province hub' },
  down: { vi: 'Mất kết nối với máy chủ tỉnh từ {time}', en: 'Province hub unreachable since {time}' },
  revoked: { vi: 'Máy chủ tỉnh đã thu hồi mã xác thực của điểm này', en: 'The province hub revoked this site’s credential' },
  enrolFailed: { vi: 'Không đăng ký được với máy chủ tỉnh: {detail}', en: 'Could not enrol with the province hub: {detail}' },
} satisfies Record<string, Text>;
