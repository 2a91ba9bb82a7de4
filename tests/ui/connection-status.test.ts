// The apps' one connection-status rule, against a real Socket.IO server on port 0: what each
// socket event makes of the state, the server's refusal kept and shown, and the retry policy of
// unattended screens (timers injected, so the test fires them instead of waiting 30 s).
import { once } from '../helpers/socket-events.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import type { Socket as ServerSocket } from 'socket.io';
import { io as connectClient } from 'socket.io-client';
import { errorMessage } from '@core/i18n.ts';
import type { ErrorCode } from '@core/i18n.ts';
import type { AckError } from '@core/protocol.ts';
import type { LuotClient } from '@ui/connection.ts';
import { ConnectionStatus } from '@ui/connection-status.svelte.ts';
import type { RetryTimers } from '@ui/connection-status.svelte.ts';
import { closedPort } from '../kiosk/helpers.ts';

interface Bare {
  url: string;
  /** Whether the handshake is accepted; a refusal carries an AckError as the server's does. */
  accept: boolean;
  sockets: ServerSocket[];
  close(): Promise<void>;
}

/** A refusal as the server words it (code from the enum, text from the dictionary). */
const ackError = (code: ErrorCode): AckError => ({ ok: false, code, message: errorMessage(code).vi, messageEn: errorMessage(code).en });

const servers: Bare[] = [];
const clients: LuotClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function bareServer(): Promise<Bare> {
  const http = createServer();
  const io = new Server(http);
  const bare: Bare = {
    url: '',
    accept: true,
    sockets: [],
    close: () => new Promise<void>((resolve) => { void io.close(() => resolve()); }),
  };
  io.use((_socket, next) => {
    if (bare.accept) return next();
    next(Object.assign(new Error('DEVICE_REVOKED'), { data: ackError('DEVICE_REVOKED') }));
  });
  io.on('connection', (socket) => bare.sockets.push(socket));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  bare.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  servers.push(bare);
  return bare;
}

function client(url: string): LuotClient {
  const socket: LuotClient = connectClient(url, { transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
  clients.push(socket);
  return socket;
}

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  const timers: RetryTimers = {
    set(run, ms) { pending.set(++next, { run, ms }); return next; },
    clear(handle) { pending.delete(handle as number); },
  };
  return {
    timers,
    delays: () => [...pending.values()].map((p) => p.ms),
    fireAll() {
      const due = [...pending.values()];
      pending.clear();
      for (const p of due) p.run();
    },
  };
}

const retry = (timers: RetryTimers) => ({ afterRefusalMs: 30_000, afterServerCloseMs: 2_000, timers });

describe('connection status', () => {
  it('is connecting until the first connect, online while connected, offline when the server drops it', async () => {
    const server = await bareServer();
    const socket = client(server.url);
    const link = new ConnectionStatus(socket);
    expect([link.state, link.online, link.everOnline]).toEqual(['connecting', false, false]);
    socket.connect();
    await once(socket, 'connect');
    expect([link.state, link.online, link.everOnline]).toEqual(['online', true, true]);
    const dropped = once(socket, 'disconnect');
    server.sockets[0]!.disconnect(true);
    await dropped;
    expect([link.state, link.online, link.everOnline]).toEqual(['offline', false, true]);
  });

  it("keeps the server's refusal and, with a retry policy, tries again after 30 s and clears it", async () => {
    const server = await bareServer();
    server.accept = false;
    const socket = client(server.url);
    const clock = manualTimers();
    const link = new ConnectionStatus(socket, retry(clock.timers));
    socket.connect();
    await once(socket, 'connect_error');
    expect(link.state).toBe('refused');
    expect(link.refusal).toMatchObject({ code: 'DEVICE_REVOKED', message: ackError('DEVICE_REVOKED').message });
    expect(clock.delays()).toEqual([30_000]);
    server.accept = true;
    const back = once(socket, 'connect');
    clock.fireAll();
    await back;
    expect([link.state, link.refusal, clock.delays()]).toEqual(['online', null, []]);
  });

  it('with a retry policy, connects again 2 s after the server closed the connection; without one it stays offline', async () => {
    const server = await bareServer();
    const clock = manualTimers();
    const retried = client(server.url);
    const plain = client(server.url);
    const withPolicy = new ConnectionStatus(retried, retry(clock.timers));
    const without = new ConnectionStatus(plain);
    retried.connect();
    plain.connect();
    await Promise.all([once(retried, 'connect'), once(plain, 'connect')]);
    const dropped = Promise.all([once(retried, 'disconnect'), once(plain, 'disconnect')]);
    for (const s of server.sockets) s.disconnect(true);
    await dropped;
    expect([withPolicy.state, without.state]).toEqual(['offline', 'offline']);
    expect(clock.delays()).toEqual([2_000]);
    const back = once(retried, 'connect');
    clock.fireAll();
    await back;
    expect([withPolicy.state, without.state, plain.connected]).toEqual(['online', 'offline', false]);
  });

  it('a network failure: offline without having been online; it does not hide a refusal already shown', async () => {
    const nowhere = client(`http://127.0.0.1:${await closedPort()}`);
    const unreachable = new ConnectionStatus(nowhere);
    nowhere.connect();
    await once(nowhere, 'connect_error');
    expect([unreachable.state, unreachable.everOnline, unreachable.refusal]).toEqual(['offline', false, null]);

    const server = await bareServer();
    server.accept = false;
    const socket = client(server.url);
    const link = new ConnectionStatus(socket);
    socket.connect();
    await once(socket, 'connect_error');
    expect(link.state).toBe('refused');
    await server.close();
    socket.connect();
    await once(socket, 'connect_error');
    expect(link.state).toBe('refused');
    expect(link.refusal?.code).toBe('DEVICE_REVOKED');
  });

  it('replaced survives the disconnect that follows (no retry); reconnecting on request brings it back', async () => {
    const server = await bareServer();
    const clock = manualTimers();
    const socket = client(server.url);
    const link = new ConnectionStatus(socket, retry(clock.timers));
    socket.connect();
    await once(socket, 'connect');
    link.replaced(ackError('DEVICE_IN_USE'));
    const dropped = once(socket, 'disconnect');
    server.sockets[0]!.disconnect(true);
    await dropped;
    expect([link.state, link.refusal?.code, clock.delays()]).toEqual(['replaced', 'DEVICE_IN_USE', []]);
    const back = once(socket, 'connect');
    link.reconnect();
    expect(link.state).toBe('connecting');
    await back;
    expect([link.state, link.refusal]).toEqual(['online', null]);
  });

  it('starts online on a socket already connected, and stops following the socket once disposed', async () => {
    const server = await bareServer();
    const socket = client(server.url);
    socket.connect();
    await once(socket, 'connect');
    const link = new ConnectionStatus(socket);
    expect(link.state).toBe('online');
    link.dispose();
    const dropped = once(socket, 'disconnect');
    server.sockets[0]!.disconnect(true);
    await dropped;
    expect(link.state).toBe('online');
  });
});
