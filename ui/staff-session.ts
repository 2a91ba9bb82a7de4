// Staff sign-in over REST: the server answers with the user and sets the HttpOnly session cookie,
// which the Socket.IO handshake then carries. Page scripts never hold the session token.
import type { Ack, AckError, LoginResponse } from '@core/protocol.ts';
import { errorMessage } from '@core/i18n.ts';
import { ui } from '@core/text/index.ts';

function unreachable(): AckError {
  const { vi, en } = ui.staffLogin.unreachable;
  return { ok: false, code: 'INTERNAL', message: vi, messageEn: en };
}

export async function signIn(username: string, password: string): Promise<Ack<LoginResponse>> {
  try {
    const res = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      credentials: 'same-origin',
    });
    const body = (await res.json()) as Ack<LoginResponse>;
    if (typeof body !== 'object' || body === null || typeof body.ok !== 'boolean') return unreachable();
    return body;
  } catch {
    return unreachable();
  }
}

export async function signOut(): Promise<void> {
  try {
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
  } catch {
    // Offline: the cookie stays until it expires; the page still returns to the sign-in form.
  }
}

/** The text of a refusal in both languages, for showing it with tr(). */
export function refusalText(error: AckError): { vi: string; en: string } {
  return error.message ? { vi: error.message, en: error.messageEn } : errorMessage(error.code);
}
