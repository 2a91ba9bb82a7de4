// Live configuration changes on the demo center (21 departments, 66 services, 30 counters) with a
// floor of connected screens: 10 kiosks, 33 boards (one per zone and all-zones ones), 30 officers at
// open counters. A real server (createApp) in this process, real Socket.IO clients on 127.0.0.1.
// Measures, per change (a service renamed over the admin REST API):
//   1. PUT → answer (validation, fsynced config.json, audit line, propagation)
//   2. PUT → the LAST of the 10 kiosks holding a catalog with the new name (the issue: < 1 s)
//   3. PUT → the last board receiving its new display:settings
// Prints a table and a final `BENCH_JSON {…}` line. Run alone: npx tsx tests/bench/admin-bench.ts
import { CenterConfigSchema } from '@core/config.ts';
import { demoCenterConfig } from '../../server/seed/demo-center.ts';
import { connect, must, startServer } from '../helpers/server.ts';
import type { Client } from '../helpers/server.ts';
import { ms, roundSummary, summarize, table } from './stats.ts';

const CHANGES = 30;
const KIOSKS = 10;
const TARGET_MS = 1_000;
const log = (line: string) => process.stderr.write(`admin-bench: ${line}\n`);
const watchdog = setTimeout(() => {
  log('watchdog fired after 110 s');
  process.exit(2);
}, 110_000);

const config = CenterConfigSchema.parse(demoCenterConfig());
const server = await startServer({ config });
try {
  const admin = await server.login('admin');
  const accounts = server.app.parts.accounts;
  const zones = [...new Set(config.counters.map((c) => c.zone))];
  const kiosks: Client[] = [];
  for (let i = 0; i < KIOSKS; i += 1) {
    const { token } = await accounts.createDevice({ kind: 'kiosk', name: `bench-kiosk-${i}`, zone: null, counter: null });
    kiosks.push(await connect(server.url, { deviceToken: token }));
  }
  const boards: Client[] = [];
  for (let i = 0; i < 33; i += 1) {
    const zone = i % 11 === 0 ? null : zones[i % zones.length]!;
    const { token } = await accounts.createDevice({ kind: 'display', name: `bench-board-${i}`, zone, counter: null });
    boards.push(await connect(server.url, { deviceToken: token }));
  }
  for (const c of config.counters) {
    const user = await accounts.createUser({ username: `bench${c.number}`, displayName: `Bench ${c.number}`, role: 'officer', password: 'mat-khau-bench' });
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user.username, password: 'mat-khau-bench' }) });
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    await must(await connect(server.url, { sessionToken: token }), 'counter:open', { counter: c.number });
  }
  log(`${KIOSKS} kiosks, ${boards.length} boards, ${config.counters.length} officers connected`);

  const answer: number[] = [];
  const lastKiosk: number[] = [];
  const lastBoard: number[] = [];
  const service = config.services[0]!;
  for (let run = 0; run < CHANGES; run += 1) {
    const name = `${service.nameVi} (${run})`;
    const kioskSeen = kiosks.map((k) => new Promise<number>((resolve) => {
      const on = (s: Parameters<Parameters<Client['on']>[1]>[0]) => {
        const snap = s as { role: string; catalog?: { services: { code: string; nameVi: string }[] } };
        if (snap.role === 'kiosk' && snap.catalog?.services.some((x) => x.code === service.code && x.nameVi === name)) {
          k.off('snapshot', on as never);
          resolve(performance.now());
        }
      };
      k.on('snapshot', on as never);
    }));
    const boardSeen = boards.map((b) => new Promise<number>((resolve) => b.once('display:settings', () => resolve(performance.now()))));
    const start = performance.now();
    const res = await fetch(`${server.url}/api/admin/services/${service.code}`, {
      method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ ...service, nameVi: name }),
    });
    if (res.status !== 200) throw new Error(`change ${run} refused: ${await res.text()}`);
    answer.push(performance.now() - start);
    lastKiosk.push(Math.max(...(await Promise.all(kioskSeen))) - start);
    lastBoard.push(Math.max(...(await Promise.all(boardSeen))) - start);
  }

  const rows = [
    ['measure', 'n', 'p50', 'p90', 'max'],
    ...([['PUT → answer', answer], ['PUT → last kiosk has the new catalog', lastKiosk], ['PUT → last board has its settings', lastBoard]] as const).map(([label, xs]) => {
      const s = summarize(xs);
      return [label, String(s.n), ms(s.p50), ms(s.p90), ms(s.max)];
    }),
  ];
  process.stdout.write(`${table(rows)}\n`);
  const kioskSummary = roundSummary(summarize(lastKiosk));
  process.stdout.write(`BENCH_JSON ${JSON.stringify({
    bench: 'admin', changes: CHANGES, kiosks: KIOSKS, boards: boards.length, officers: config.counters.length,
    answerMs: roundSummary(summarize(answer)), lastKioskMs: kioskSummary, lastBoardMs: roundSummary(summarize(lastBoard)),
    targetMs: TARGET_MS, withinTarget: kioskSummary.max < TARGET_MS,
  })}\n`);
} finally {
  clearTimeout(watchdog);
  await server.close();
}
// The in-process server's worker threads (printing, voice) would keep this script alive.
process.exit(process.exitCode ?? 0);
