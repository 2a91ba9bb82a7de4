// The server as the display benchmark runs it: a child process with the real createApp, lowdb
// (fsync) in the folder given as argv[2], the voice engine given as argv[3], a live clock, and a
// center whose zone T1 has 12 counters (so many officers can call at once). Prints ONE JSON line
// {"port":…,"tokens":{…},"password":"…"} when listening; stops on SIGTERM or when stdin closes.
import type { CenterConfig } from '@core/config.ts';
import type { VoiceEngineName } from '@core/lobby-config.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { PASSWORD, startServer, TestClock } from '../helpers/server.ts';

export interface DisplayBenchReady {
  port: number;
  tokens: Record<string, string>;
  password: string;
  t1Counters: number[];
}

class LiveClock extends TestClock {
  override now(): number {
    return Date.now();
  }
}

const [dataDir, engine] = [process.argv[2], process.argv[3] as VoiceEngineName | undefined];
if (!dataDir || !engine) throw new Error('usage: display-bench-server.ts <data-dir> <voice engine>');

const base = testCenterConfig({ counters: 13 });
const config: CenterConfig = {
  ...base,
  center: { ...base.center, enforceWindows: false, workingDays: [1, 2, 3, 4, 5, 6, 7] },
  counters: base.counters.map((c) => (c.number === 3 ? c : { ...c, zone: 'T1' })),
  voice: { ...base.voice, engine },
};
const server = await startServer({ config, clock: new LiveClock(), dataDir });
const ready: DisplayBenchReady = {
  port: Number(new URL(server.url).port), tokens: server.deviceTokens, password: PASSWORD,
  t1Counters: config.counters.filter((c) => c.zone === 'T1').map((c) => c.number),
};
process.stdout.write(JSON.stringify(ready) + '\n');

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 3_000).unref();
  server.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
