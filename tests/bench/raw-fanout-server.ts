// Baseline: a bare Socket.IO 4.8 server, same engine options as Lượt's (server/app.ts), no
// auth, no store, no queue. Clients say who they are in the handshake; displays join one room.
// A "call" from any client is fanned out at once to the displays room (where Lượt's calls reach
// the 50 all-zone displays), then acknowledged — the same order Lượt uses (emit, then ack).
// Prints ONE JSON line {"port":…} when listening; stops on SIGTERM or when stdin closes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

export interface RawServerToClient {
  called: (payload: unknown) => void;
}
export interface RawClientToServer {
  call: (payload: unknown, ack: (res: { ok: true }) => void) => void;
}

const http = createServer((_req, res) => { res.statusCode = 404; res.end(); });
const io = new Server<RawClientToServer, RawServerToClient>(http, {
  maxHttpBufferSize: 64 * 1024,
  pingInterval: 10_000,
  pingTimeout: 10_000,
});

io.on('connection', (socket) => {
  const auth = socket.handshake.auth as { role?: unknown };
  if (auth.role === 'display') void socket.join('displays');
  socket.on('call', (payload, ack) => {
    io.to('displays').emit('called', payload);
    if (typeof ack === 'function') ack({ ok: true });
  });
});

http.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: (http.address() as AddressInfo).port, startMs: performance.now() }) + '\n');
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 2_000).unref();
  void io.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
