// Counter → rating pad latency, against the real server in a child process on 127.0.0.1
// (lowdb journal + fsync), with the benchmark center: 100 counters, 50 all-zone displays connected.
//   1. sockets: 20 officers at once press "call next"; time until their counter's pad client
//      receives ticket:called; then "finish" until the pad receives rating:requested; then the
//      pad rates (so the rating path runs too).
//   2. browser: an officer presses Space in the console page in Chromium; time until the pad page
//      shows the number (DOM, and the next animation frame).
// Run alone: `npx tsx tests/bench/counter-bench.ts`. Prints a table and `BENCH_JSON {…}`.
// Exits 0 whatever the figures; non-zero only if the benchmark itself failed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import type { CallView, RatingRequest } from '@core/views.ts';
import { AccountService } from '../../server/auth/accounts.ts';
import { systemClock } from '../../server/deps.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { CHROMIUM } from '../helpers/browser.ts';
import type { BenchServerReady } from './bench-server.ts';
import type { Client } from './clients.ts';
import { closeAll, connect, login, mapLimit, must } from './clients.ts';
import { keyToPad } from './counter-browser.ts';
import type { BrowserSamples } from './counter-browser.ts';
import { killAllChildren, spawnTs, waitHealthy } from './proc.ts';
import { BENCH_PASSWORD, seedBench, servicesOfCounter } from './seed.ts';
import { ms, roundSummary, summarize, table } from './stats.ts';
import type { Summary } from './stats.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WATCHDOG_MS = 110_000;
const SOCKET = { counters: 20, rounds: 15, warmup: 2 };
const BROWSER = { counter: 21, rounds: 60, warmup: 3 };
const DIST = process.env.LUOT_DIST_DIR ?? join(tmpdir(), 'luot-counter-bench-dist');

const log = (line: string) => process.stderr.write(`counter-bench: ${line}\n`);
const watchdog = setTimeout(() => { log('watchdog fired; killing children'); killAllChildren(); process.exit(2); }, WATCHDOG_MS);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => { killAllChildren(); process.exit(130); });
process.on('exit', killAllChildren);

/** One pad per benchmarked counter, created like an admin would (AccountService), before the server starts. */
async function addPads(dataDir: string, counters: number[]): Promise<Map<number, string>> {
  const accounts = await AccountService.load(new LowdbStore(dataDir), systemClock, pino({ level: 'warn' }));
  const tokens = new Map<number, string>();
  for (const counter of counters) {
    const { token } = await accounts.createDevice({ kind: 'rating', name: `Máy đánh giá quầy ${counter}`, zone: null, counter });
    tokens.set(counter, token);
  }
  await accounts.idle();
  return tokens;
}

/** Resolves with performance.now() at the first event matching `match`. */
function arrival<T>(socket: Client, event: 'ticket:called' | 'rating:requested', match: (x: T) => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error(`no ${event} within 10 s`)); }, 10_000);
    const listener = (x: T) => { if (match(x)) { const at = performance.now(); off(); resolve(at); } };
    const untyped = socket as unknown as { on(e: string, l: (x: T) => void): void; off(e: string, l: (x: T) => void): void };
    const off = () => { clearTimeout(timer); untyped.off(event, listener); };
    untyped.on(event, listener);
  });
}

interface SocketSamples { callToPad: number[]; callAck: number[]; finishToPad: number[] }

async function socketPhase(url: string, kiosk: Client, pads: Map<number, string>): Promise<SocketSamples> {
  const counters = Array.from({ length: SOCKET.counters }, (_, i) => i + 1);
  const officers = await mapLimit(counters, 4, async (n) => connect(url, { sessionToken: await login(url, `canbo${n}`, BENCH_PASSWORD) }));
  const padClients = await mapLimit(counters, 8, (n) => connect(url, { deviceToken: pads.get(n)! }));
  try {
    await Promise.all(officers.map((o, i) => must(o, 'counter:open', { counter: counters[i]! })));
    // Twice what the rounds need, spread over each counter's services (neighbours share some).
    const perCounter = 2 * (SOCKET.rounds + SOCKET.warmup);
    let seq = 0;
    await mapLimit(counters.flatMap((n) => Array.from({ length: perCounter }, (_, j) => servicesOfCounter(n)[j % servicesOfCounter(n).length]!)), 8,
      (serviceCode) => must(kiosk, 'ticket:issue', { serviceCode, requestId: `bench-counter-${seq++}` }));
    const samples: SocketSamples = { callToPad: [], callAck: [], finishToPad: [] };
    await Promise.all(counters.map(async (n, i) => {
      const officer = officers[i]!;
      const pad = padClients[i]!;
      for (let r = 0; r < SOCKET.rounds + SOCKET.warmup; r++) {
        const shown = arrival<CallView>(pad, 'ticket:called', (c) => c.counter === n && !c.recall);
        const t0 = performance.now();
        const ticket = await must(officer, 'ticket:call-next', {});
        const acked = performance.now();
        const t1 = await shown;
        const asked = arrival<RatingRequest>(pad, 'rating:requested', (q) => q.ticket.id === ticket.id);
        const t2 = performance.now();
        await must(officer, 'ticket:finish', {});
        const t3 = await asked;
        await must(pad, 'rating:submit', { ticketId: ticket.id, score: 1 + (r % 5) });
        if (r < SOCKET.warmup) continue;
        samples.callToPad.push(t1 - t0);
        samples.callAck.push(acked - t0);
        samples.finishToPad.push(t3 - t2);
      }
    }));
    return samples;
  } finally {
    closeAll([...officers, ...padClients]);
  }
}

function buildApps(): boolean {
  try {
    execFileSync(process.execPath, ['--import', 'tsx', 'server/build-apps.ts', '--if-needed'], { cwd: ROOT, env: { ...process.env, LUOT_DIST_DIR: DIST }, stdio: ['ignore', 'ignore', 'pipe'] });
    return true;
  } catch (err) {
    log(`could not build the apps, skipping the browser part: ${String((err as { stderr?: Buffer }).stderr ?? err).slice(0, 500)}`);
    return false;
  }
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'luot-counter-bench-'));
  const wantBrowser = existsSync(CHROMIUM) && buildApps();
  if (!existsSync(CHROMIUM)) log(`no Chromium at ${CHROMIUM}: skipping the browser part`);
  try {
    log('seeding the benchmark center (100 officers, 50 displays) and rating pads…');
    await seedBench(dataDir);
    const pads = await addPads(dataDir, [...Array.from({ length: SOCKET.counters }, (_, i) => i + 1), BROWSER.counter]);
    process.env.LUOT_DIST_DIR = DIST; // the server child serves the pages from here
    const server = await spawnTs<BenchServerReady>('tests/bench/bench-server.ts', [dataDir], { cwd: ROOT, label: 'luot', timeoutMs: 60_000 });
    const url = `http://127.0.0.1:${server.ready.port}`;
    await waitHealthy(`${url}/api/health`, server.spawnedAt);
    const displays = await mapLimit(server.ready.displayTokens, 10, (token) => connect(url, { deviceToken: token }));
    const kiosk = await connect(url, { deviceToken: server.ready.kioskTokens[0]! });
    try {
      log(`sockets: ${SOCKET.counters} officers × ${SOCKET.rounds} calls, ${displays.length} displays listening…`);
      const sockets = await socketPhase(url, kiosk, pads);
      let browser: BrowserSamples | null = null;
      if (wantBrowser) {
        log(`browser: ${BROWSER.rounds} key presses in the console page…`);
        browser = await keyToPad({
          url, kiosk, padToken: pads.get(BROWSER.counter)!, services: servicesOfCounter(BROWSER.counter),
          officer: { username: `canbo${BROWSER.counter}`, password: BENCH_PASSWORD, counter: BROWSER.counter },
          rounds: BROWSER.rounds, warmup: BROWSER.warmup,
        });
      }
      report(sockets, browser);
    } finally {
      closeAll([...displays, kiosk]);
      await server.stop();
    }
  } finally {
    if (!process.env.BENCH_KEEP) await rm(dataDir, { recursive: true, force: true });
  }
}

function report(sockets: SocketSamples, browser: BrowserSamples | null): void {
  const rows: [string, Summary][] = [
    ['call-next sent → pad client gets ticket:called', summarize(sockets.callToPad)],
    ['call-next sent → officer gets the ack (fsynced)', summarize(sockets.callAck)],
    ['finish sent → pad client gets rating:requested', summarize(sockets.finishToPad)],
  ];
  if (browser) {
    rows.push(['Space in console page → number in pad DOM', summarize(browser.keyToPadDom)]);
    rows.push(['Space in console page → next frame on pad', summarize(browser.keyToPadFrame)]);
  }
  const head = ['measure', 'n', 'p50', 'p90', 'p99', 'max'];
  process.stdout.write('\n' + table([head, ...rows.map(([name, s]) => [name, String(s.n), ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max)])]) + '\n\n');
  const json = {
    counter: {
      setup: { officersAtOnce: SOCKET.counters, displays: 50, browserRounds: browser ? BROWSER.rounds : 0 },
      callToPadMs: roundSummary(summarize(sockets.callToPad)),
      callAckMs: roundSummary(summarize(sockets.callAck)),
      finishToRatingRequestMs: roundSummary(summarize(sockets.finishToPad)),
      keyToPadDomMs: browser ? roundSummary(summarize(browser.keyToPadDom)) : null,
      keyToPadFrameMs: browser ? roundSummary(summarize(browser.keyToPadFrame)) : null,
    },
  };
  process.stdout.write(`BENCH_JSON ${JSON.stringify(json)}\n`);
}

main().then(() => { clearTimeout(watchdog); process.exit(0); }, (err: unknown) => {
  log(`failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  killAllChildren();
  process.exit(1);
});
