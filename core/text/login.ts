// Screen text of the staff sign-in form shared by the counter console and the manager.
import type { Text } from '../i18n.ts';

export const staffLogin = {
  title: { vi: 'Đăng nhập', en: 'Sign in' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  submit: { vi: 'Đăng nhập', en: 'Sign in' },
  signingIn: { vi: 'Đang đăng nhập…', en: 'Signing in…' },
  unreachable: { vi: 'Không kết nối được máy chủ, vui lòng thử lại', en: 'The server cannot be reached, please try again' },
} as const satisfies Record<string, Text>;
