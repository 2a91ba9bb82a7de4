// Socket.IO clients for the benchmark: websocket transport only, no reconnection, a timeout on
// every wait. Typed with the protocol of core/protocol.ts (Lượt) or a tiny raw protocol.
import { io as connectClient } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, CommandInput, CommandName, CommandResults, ServerToClientEvents } from '@core/protocol.ts';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
export const WAIT_MS = 10_000;

export function connect<S extends Socket = Client>(url: string, auth: Record<string, string>, timeoutMs = WAIT_MS): Promise<S> {
  const socket = connectClient(url, {
    auth, transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs,
  }) as S;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { socket.close(); reject(new Error(`connect to ${url} timed out`)); }, timeoutMs);
    socket.once('connect', () => { clearTimeout(timer); resolve(socket); });
    socket.once('connect_error', (err: Error) => { clearTimeout(timer); socket.close(); reject(err); });
  });
}

/** Emits a command and resolves with its ack; rejects when no ack comes within the timeout. */
export function send<K extends CommandName>(socket: Client, event: K, payload: CommandInput<K>, timeoutMs = WAIT_MS): Promise<Ack<CommandResults[K]>> {
  return new Promise((resolve, reject) => {
    const timed = socket.timeout(timeoutMs);
    const emit = timed.emit as (e: string, p: unknown, cb: (err: Error | null, res: Ack<CommandResults[K]>) => void) => void;
    emit.call(timed, event, payload, (err, res) => (err ? reject(new Error(`${event}: no ack (${err.message}; timeout ${timeoutMs} ms)`)) : resolve(res)));
  });
}

export async function must<K extends CommandName>(socket: Client, event: K, payload: CommandInput<K>, timeoutMs = WAIT_MS): Promise<CommandResults[K]> {
  const res = await send(socket, event, payload, timeoutMs);
  if (!res.ok) throw new Error(`${event} refused: ${res.code} ${res.message}`);
  return res.data;
}

export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(WAIT_MS),
  });
  const body = (await res.json()) as { ok: boolean; data?: { token: string }; code?: string };
  if (!body.ok || !body.data) throw new Error(`login ${username} failed: ${body.code ?? res.status}`);
  return body.data.token;
}

/** Runs fn over items with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function closeAll(sockets: readonly Socket[]): void {
  for (const s of sockets) s.close();
}

/** Resolves when `done()` turns true (checked by `poke`), or rejects after timeoutMs. */
export class Waiter {
  private resolve: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly done: () => boolean) {}

  wait(timeoutMs: number, what: string): Promise<void> {
    if (this.done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.timer = setTimeout(() => { this.resolve = null; reject(new Error(`timed out waiting for ${what}`)); }, timeoutMs);
      this.resolve = resolve;
    });
  }

  poke(): void {
    if (this.resolve && this.done()) {
      if (this.timer) clearTimeout(this.timer);
      const r = this.resolve;
      this.resolve = null;
      r();
    }
  }
}
