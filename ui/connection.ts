// The apps' one way to reach the server: a typed Socket.IO client that authenticates with the
// device token (kiosk, display, rating pad) or the session cookie (staff).
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { AnySnapshot, ClientToServerEvents, ServerToClientEvents } from '@core/protocol.ts';

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

export interface StaffConnection<S> {
  state: S;
  stop(): void;
}

/**
 * A staff app's connection: a session-cookie socket and the state built on it. A refused handshake
 * (no or expired session) closes both and asks for the sign-in form; network trouble is left to
 * socket.io's own retries. After signing in, connect again so the handshake carries the new cookie.
 */
export function connectStaff<S extends { dispose(): void }>(
  makeState: (client: LuotClient) => S,
  on: { needsLogin(): void; snapshot(snapshot: AnySnapshot): void },
): StaffConnection<S> {
  const client = connect('staff');
  const state = makeState(client);
  const stop = () => {
    state.dispose();
    client.close();
  };
  client.on('connect_error', (err) => {
    if (err.message !== 'UNAUTHENTICATED') return;
    stop();
    on.needsLogin();
  });
  client.on('snapshot', (snapshot) => on.snapshot(snapshot));
  return { state, stop };
}
