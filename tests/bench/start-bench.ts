// How long `npm start` takes to a healthy /api/health with a year of history (250 days × ~400
// tickets): the server as compiled JavaScript (dist-server/, what `npm start` runs) against the
// same server through tsx (what it ran before). Alternated, three starts each, medians reported.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateHistory } from './history.ts';
import { waitHealthy } from './proc.ts';
import { benchConfig, seedBench } from './seed.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ROUNDS = 3;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startOnce(args: string[], dataDir: string): Promise<number> {
  const port = await freePort();
  const since = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT, stdio: 'ignore',
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  try {
    return await waitHealthy(`http://127.0.0.1:${port}/api/health`, since, 30_000);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const base = await mkdtemp(join(tmpdir(), 'luot-start-bench-'));
try {
  const dataDir = join(base, 'data');
  const creds = await seedBench(dataDir);
  const history = await generateHistory(dataDir, benchConfig(), {
    days: 250, ticketsPerDay: 400, now: Date.now(), officerOfCounter: new Map(creds.officers.map((o) => [o.counter, o.id])),
  });
  process.stdout.write(`history: ${history.days} days, ${history.tickets} tickets\n`);
  const compiled: number[] = [];
  const tsx: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    compiled.push(await startOnce(['--enable-source-maps', 'dist-server/server/main.js'], dataDir));
    tsx.push(await startOnce(['--import', 'tsx', 'server/main.ts'], dataDir));
  }
  const line = (name: string, xs: number[]) => `${name}: median ${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
  process.stdout.write(`start to healthy, year of history\n  ${line('compiled (npm start)', compiled)}\n  ${line('through tsx (before)', tsx)}\n  target ≤ 1000 ms\n`);
} finally {
  await rm(base, { recursive: true, force: true });
}
