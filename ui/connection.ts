// The apps' one way to reach the server: a typed Socket.IO client that authenticates with the
// device token (kiosk, display, rating pad) or the session cookie (staff).
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@core/protocol.ts';

export type LuotClient = Socket<ServerToClientEvents, ClientToServerEvents>;

const TOKEN_KEY = 'luot.deviceToken';

/** A device link carries its token in the fragment (#device=…): keep it, then hide it. */
export function deviceToken(): string | null {
  const match = /device=([^&]+)/.exec(location.hash);
  if (match) {
    localStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]!));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return localStorage.getItem(TOKEN_KEY);
}

export function connect(kind: 'device' | 'staff'): LuotClient {
  const token = kind === 'device' ? deviceToken() : null;
  return io({ auth: token ? { deviceToken: token } : {}, withCredentials: true });
}
