// A restore applied at once, on the demo center (21 departments, 66 services, 30 counters) with a
// day of 600 tickets and a floor of 10 kiosks and 33 boards connected as the apps connect (socket.io
// defaults: reconnection delay 1 s ± 50 %). The real server under its supervisor (server/supervisor.ts)
// in this process, on 127.0.0.1. Measures, per restore of the same backup:
//   1. POST /api/admin/restore → its answer (check whole, stage, audit)
//   2. POST → /api/health answering with a new bootId (the restart: close, apply, start, listen)
//   3. POST → the last screen reconnected and holding its snapshot again
// Prints a table and a final `BENCH_JSON {…}` line. Run alone: npx tsx tests/bench/restore-bench.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { io as connectClient } from 'socket.io-client';
import { CenterConfigSchema } from '@core/config.ts';
import { demoCenterConfig } from '../../server/seed/demo-center.ts';
import { startSupervised } from '../../server/supervisor.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { AccountService } from '../../server/auth/accounts.ts';
import { must, startServer, TestClock } from '../helpers/server.ts';
import type { Client } from '../helpers/server.ts';
import { mapLimit } from './clients.ts';
import { ms, roundSummary, summarize, table } from './stats.ts';

const RESTORES = 8;
const TICKETS = 600;
const KIOSKS = 10;
const BOARDS = 33;
const log = (line: string) => process.stderr.write(`restore-bench: ${line}\n`);
const watchdog = setTimeout(() => {
  log('watchdog fired after 110 s');
  process.exit(2);
}, 110_000);

const config = CenterConfigSchema.parse(demoCenterConfig());
const dataDir = await mkdtemp(join(tmpdir(), 'luot-restore-bench-'));
const clock = new TestClock();
const logger = pino({ level: 'silent' });
const seeded = await startServer({ config, dataDir, clock });
await seeded.close();
const supervisor = await startSupervised({ store: new LowdbStore(dataDir), clock, logger }, { port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${supervisor.port}`;
const screens: Client[] = [];
try {
  // The floor: devices made through the running app's accounts, so they are in the backup.
  const accounts: AccountService = supervisor.app.parts.accounts;
  const tokens: string[] = [];
  for (let i = 0; i < KIOSKS + BOARDS; i += 1) {
    const kind = i < KIOSKS ? 'kiosk' : 'display';
    tokens.push((await accounts.createDevice({ kind, name: `bench-${kind}-${i}`, zone: null, counter: null })).token);
  }
  await accounts.idle();
  const connected = new Map<Client, number>();
  for (const token of tokens) {
    const socket: Client = connectClient(url, { auth: { deviceToken: token }, transports: ['websocket'], forceNew: true });
    socket.on('snapshot', () => connected.set(socket, performance.now()));
    screens.push(socket);
    await new Promise((resolve) => socket.once('snapshot', resolve));
  }
  const services = config.services.map((s) => s.code);
  await mapLimit(Array.from({ length: TICKETS }, (_, i) => i), 20, (i) =>
    must(screens[i % KIOSKS]!, 'ticket:issue', { serviceCode: services[i % services.length]!, requestId: `bench-restore-${i}` }));
  log(`${KIOSKS} kiosks and ${BOARDS} boards connected, ${TICKETS} tickets today`);

  const admin = await (async () => {
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'mat-khau-thu-nghiem' }) });
    return ((await res.json()) as { data: { token: string } }).data.token;
  })();
  const bundle = await (await fetch(`${url}/api/admin/backup`, { headers: { authorization: `Bearer ${admin}` } })).text();
  log(`backup: ${(bundle.length / 1024).toFixed(0)} KB`);
  const bootId = async () => {
    try {
      return ((await (await fetch(`${url}/api/health`)).json()) as { data: { bootId: string } }).data.bootId;
    } catch {
      return null;
    }
  };

  const answer: number[] = [];
  const healthy: number[] = [];
  const lastScreen: number[] = [];
  for (let run = 0; run < RESTORES; run += 1) {
    const before = await bootId();
    const start = performance.now();
    const res = await fetch(`${url}/api/admin/restore`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: bundle });
    if (res.status !== 200) throw new Error(`restore ${run} refused: ${await res.text()}`);
    await res.json();
    answer.push(performance.now() - start);
    for (;;) {
      const now = await bootId();
      if (now !== null && now !== before) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    healthy.push(performance.now() - start);
    while (screens.some((s) => !s.connected || (connected.get(s) ?? 0) < start)) await new Promise((resolve) => setTimeout(resolve, 10));
    lastScreen.push(Math.max(...screens.map((s) => connected.get(s)!)) - start);
  }

  const rows = [
    ['measure', 'n', 'p50', 'p90', 'max'],
    ...([['POST restore → answer', answer], ['POST → health answers (restarted)', healthy], ['POST → last screen has its snapshot again', lastScreen]] as const).map(([label, xs]) => {
      const s = summarize(xs);
      return [label, String(s.n), ms(s.p50), ms(s.p90), ms(s.max)];
    }),
  ];
  process.stdout.write(`${table(rows)}\n`);
  process.stdout.write(`BENCH_JSON ${JSON.stringify({
    bench: 'restore', restores: RESTORES, tickets: TICKETS, kiosks: KIOSKS, boards: BOARDS, backupKB: Math.round(bundle.length / 1024),
    answerMs: roundSummary(summarize(answer)), restartedMs: roundSummary(summarize(healthy)), lastScreenMs: roundSummary(summarize(lastScreen)),
  })}\n`);
} finally {
  clearTimeout(watchdog);
  for (const s of screens) s.close();
  await supervisor.close();
  await rm(dataDir, { recursive: true, force: true });
}
// The in-process server's worker threads (printing, voice) would keep this script alive.
process.exit(process.exitCode ?? 0);
