// The Lượt server as the benchmark runs it: a child process, the real createApp with the lowdb
// store (durable writes: fsync + rename) on the data folder given as argv[2], on 127.0.0.1:0.
// Seeds the bench center when the folder is empty. When listening it prints ONE JSON line:
//   {"port":…,"startMs":…,"appMs":…,"officers":[…],"displayTokens":[…],"kioskTokens":[…]}
// startMs: process start → listening (node's performance clock starts with the process, so this
// includes loading tsx and every module); appMs: createApp + listen only.
// Stops on SIGTERM/SIGINT, and by itself when its parent goes away (stdin closes).
// On stop it writes <data-dir>/server-fanout.json: for each call-next, the server's own time from
// the command's arrival to its last board's 'board:called' packet (tests/bench/fanout.ts reads it).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../../server/app.ts';
import { systemClock } from '../../server/deps.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { readCredentials, seedBench } from './seed.ts';

export interface BenchServerReady {
  port: number;
  startMs: number;
  appMs: number;
  importMs: number;
  seeded: boolean;
  officers: { id: string; username: string; password: string; counter: number }[];
  displayTokens: string[];
  kioskTokens: string[];
}

async function main(): Promise<void> {
  const importMs = performance.now();
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: bench-server.ts <data-dir>');
  const store = new LowdbStore(dataDir);
  let seeded = false;
  let credentials = await readCredentials(dataDir);
  if (!(await store.readConfig()) || !credentials) {
    credentials = await seedBench(dataDir);
    seeded = true;
  }
  const appStart = performance.now();
  // As `npm start` runs it (server/main.ts): the voice makes one call at start, so the chime and
  // the first phrase are made before the calls, not during the first ones.
  const app = await createApp({ store, clock: systemClock, logger: pino({ level: process.env.BENCH_LOG ?? 'warn' }), warmVoiceProgram: true });
  const fanout = watchBoardFanout(app.io);
  const port = await app.listen(0, '127.0.0.1');
  const ready = performance.now();
  const line: BenchServerReady = {
    port, startMs: ready, appMs: ready - appStart, importMs, seeded, ...credentials,
  };
  process.stdout.write(JSON.stringify(line) + '\n');

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    try { writeFileSync(join(dataDir, 'server-fanout.json'), JSON.stringify(fanout)); } catch { /* the figure is missing, not the run */ }
    const force = setTimeout(() => process.exit(0), 3_000);
    force.unref();
    app.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}

export interface ServerFanout {
  /** Per call: arrival of 'ticket:call-next' → the first and the last board's 'board:called' packet, ms. */
  firstBoardMs: number[];
  lastBoardMs: number[];
  /** Each call's arrival on the monotonic clock, µs (process.hrtime, as in V8's CPU profiles). */
  arrivedAtUs: number[];
}

/** Times the server's side of each call's fan-out, from Socket.IO's own packet events. */
function watchBoardFanout(io: Awaited<ReturnType<typeof createApp>>['io']): ServerFanout {
  const out: ServerFanout = { firstBoardMs: [], lastBoardMs: [], arrivedAtUs: [] };
  let arrivedAtUs = 0;
  let arrivedAt: number | null = null;
  let first = 0;
  let last = 0;
  let pending = false;
  const flush = () => {
    if (arrivedAt === null || !pending) return;
    out.firstBoardMs.push(first - arrivedAt);
    out.lastBoardMs.push(last - arrivedAt);
    out.arrivedAtUs.push(arrivedAtUs);
    pending = false;
    arrivedAt = null;
  };
  io.on('connection', (socket) => {
    socket.use(([event], next) => {
      if (event === 'ticket:call-next') {
        flush();
        arrivedAt = performance.now();
        arrivedAtUs = Number(process.hrtime.bigint() / 1000n);
      }
      next();
    });
    socket.conn.on('packetCreate', (packet: { type: string; data?: unknown }) => {
      if (arrivedAt === null || packet.type !== 'message' || typeof packet.data !== 'string' || !packet.data.startsWith('2["board:called"')) return;
      const now = performance.now();
      if (!pending) first = now;
      last = now;
      pending = true;
      setImmediate(flush); // the boards' packets of one call are made in one turn
    });
  });
  return out;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-server failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
