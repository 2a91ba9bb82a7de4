// The Lượt server as the benchmark runs it: a child process, the real createApp with the lowdb
// store (durable writes: fsync + rename) on the data folder given as argv[2], on 127.0.0.1:0.
// Seeds the bench center when the folder is empty. When listening it prints ONE JSON line:
//   {"port":…,"startMs":…,"appMs":…,"officers":[…],"displayTokens":[…],"kioskTokens":[…]}
// startMs: process start → listening (node's performance clock starts with the process, so this
// includes loading tsx and every module); appMs: createApp + listen only.
// Stops on SIGTERM/SIGINT, and by itself when its parent goes away (stdin closes).
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
  const app = await createApp({ store, clock: systemClock, logger: pino({ level: process.env.BENCH_LOG ?? 'warn' }) });
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

main().catch((err: unknown) => {
  process.stderr.write(`bench-server failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
