// `npx tsx tests/bench/display-bench.ts`: the lobby boards and the voice, measured on 127.0.0.1
// against the server as a child process (lowdb with fsync) and Debian's Chromium.
//   1. call → audio ready: an officer's call-next until the zone board's socket gets
//      'announcement:ready', and until its WAV is fetched over HTTP; cold (synthesised) and warm
//      (the same announcement again: cache), for espeak-ng and for the voice pack.
//   2. call → number visible: call-next emitted until the board page in Chromium shows the number
//      (MutationObserver on the big number, then the next animation frame).
//   3. board memory: the page's JS heap (CDP HeapProfiler.collectGarbage, then usedJSHeapSize with
//      --enable-precise-memory-info) after 100 and after 5,000 calls made by 12 counters at once.
// Prints a table and a last line `BENCH_JSON {…}`. Bounded: a watchdog kills everything at 2 min.
// BENCH_SHOTS=<dir> also saves a screenshot of the board at each memory reading.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import type { AnnouncementView } from '@core/lobby-views.ts';
import type { BoardCallView } from '@core/views.ts';
import { CHROMIUM } from '../helpers/browser.ts';
import type { Client } from './clients.ts';
import { connect, login, mapLimit, must } from './clients.ts';
import type { DisplayBenchReady } from './display-bench-server.ts';
import type { HeapReading } from './display-board.ts';
import { heap, openBoard, watchNumbers } from './display-board.ts';
import { killAllChildren, spawnTs } from './proc.ts';
import type { Summary } from './stats.ts';
import { ms, roundSummary, summarize, table } from './stats.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WATCHDOG_MS = 2 * 60_000;
const AUDIO = { cold: 50, warm: 50 };
const VISIBLE = { warmup: 10, calls: 150 };
const MEMORY = { readings: [100, 1_000, 2_500, 5_000] };
const TARGET = { audioReadyWarmP50Ms: 300, audioReadyWarmP99Ms: 300, visibleP99Ms: 100 };
const log = (line: string) => process.stderr.write(`display-bench: ${line}\n`);
const now = () => performance.timeOrigin + performance.now();

const watchdog = setTimeout(() => { log('watchdog fired; killing children'); killAllChildren(); process.exit(2); }, WATCHDOG_MS);
process.on('exit', killAllChildren);
for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => { killAllChildren(); process.exit(130); });

interface Lab {
  url: string;
  ready: DisplayBenchReady;
  dir: string;
  stop(): Promise<void>;
}

async function startLab(engine: string): Promise<Lab> {
  const dir = await mkdtemp(join(tmpdir(), 'luot-display-bench-'));
  const server = await spawnTs<DisplayBenchReady>('tests/bench/display-bench-server.ts', [dir, engine], { cwd: ROOT, label: `server-${engine}`, timeoutMs: 60_000 });
  const url = `http://127.0.0.1:${server.ready.port}`;
  const wanted = engine === 'none' ? 'chime-only' : engine;
  const deadline = performance.now() + 30_000;
  for (;;) {
    const status = (await (await fetch(`${url}/audio/status`)).json()) as { data: { active: string; problems: string[] } };
    if (status.data.active === wanted) break;
    if (status.data.active !== 'starting' || performance.now() > deadline) throw new Error(`voice ${engine}: ${JSON.stringify(status.data)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, ready: server.ready, dir, async stop() { await server.stop(); await rm(dir, { recursive: true, force: true }); } };
}

const boardLab = (lab: Lab) => ({ url: lab.url, token: lab.ready.tokens['display-T1']!, log });

let requestSeq = 0;
async function issueMany(lab: Lab, n: number): Promise<void> {
  const kiosks = await Promise.all(['kiosk1', 'kiosk2'].map((k) => connect(lab.url, { deviceToken: lab.ready.tokens[k]! })));
  await mapLimit(Array.from({ length: n }, (_, i) => i), 16, (i) =>
    must(kiosks[i % 2]!, 'ticket:issue', { serviceCode: i % 2 ? 'HOTICH' : 'DATDAI', requestId: `bench-${requestSeq++}-${i}` }));
  for (const k of kiosks) k.close();
}

async function officer(lab: Lab, counter: number): Promise<Client> {
  const socket = await connect(lab.url, { sessionToken: await login(lab.url, `canbo${counter}`, lab.ready.password) });
  await must(socket, 'counter:open', { counter });
  return socket;
}

/** Resolves with the first event matching `match` and when it arrived. */
function waitFor<T>(socket: Client, event: 'announcement:ready' | 'board:called', match: (x: T) => boolean, timeoutMs = 10_000): Promise<{ x: T; at: number }> {
  return new Promise((resolveIt, reject) => {
    const on = socket.on.bind(socket) as (e: string, l: (x: T) => void) => void;
    const off = socket.off.bind(socket) as (e: string, l: (x: T) => void) => void;
    const timer = setTimeout(() => { off(event, listener); reject(new Error(`no ${event} within ${timeoutMs} ms`)); }, timeoutMs);
    const listener = (x: T) => {
      if (!match(x)) return;
      const at = now();
      clearTimeout(timer);
      off(event, listener);
      resolveIt({ x, at });
    };
    on(event, listener);
  });
}

interface AudioFigures { readyCold: Summary; fetchedCold: Summary; readyWarm: Summary; fetchedWarm: Summary; calledToReadyCold: Summary }

async function audioPhase(lab: Lab): Promise<AudioFigures> {
  await issueMany(lab, 2 * (AUDIO.cold + 5)); // half of them are for counter 1's service
  const o = await officer(lab, 1);
  const board = await connect(lab.url, { deviceToken: lab.ready.tokens['display-T1']! });
  const one = async (command: 'ticket:call-next' | 'ticket:recall') => {
    const t0 = now();
    const called = waitFor<BoardCallView>(board, 'board:called', () => true);
    const ready = waitFor<AnnouncementView>(board, 'announcement:ready', () => true);
    const ticket = await must(o, command, {});
    const { x: c, at: tCalled } = await called;
    const { x: a, at: tReady } = await ready;
    if (a.call.ticket.number !== ticket.number || !a.audioUrl || c.ticket.number !== ticket.number) throw new Error('announcement for another call');
    const res = await fetch(lab.url + a.audioUrl);
    const bytes = (await res.arrayBuffer()).byteLength;
    if (!res.ok || bytes < 44) throw new Error(`audio ${res.status}`);
    return { ready: tReady - t0, fetched: now() - t0, calledToReady: tReady - tCalled };
  };
  const cold: Awaited<ReturnType<typeof one>>[] = [];
  for (let i = 0; i < AUDIO.cold; i++) {
    if (i > 0) await must(o, 'ticket:no-show', {});
    cold.push(await one('ticket:call-next'));
  }
  await one('ticket:recall'); // makes the recall announcement once; then it is in the cache
  const warm: Awaited<ReturnType<typeof one>>[] = [];
  for (let i = 0; i < AUDIO.warm; i++) warm.push(await one('ticket:recall'));
  o.close();
  board.close();
  return {
    readyCold: summarize(cold.map((x) => x.ready)), fetchedCold: summarize(cold.map((x) => x.fetched)),
    readyWarm: summarize(warm.map((x) => x.ready)), fetchedWarm: summarize(warm.map((x) => x.fetched)),
    calledToReadyCold: summarize(cold.map((x) => x.calledToReady)),
  };
}

async function visiblePhase(browser: Browser, lab: Lab): Promise<{ dom: Summary; frame: Summary }> {
  await issueMany(lab, VISIBLE.warmup + VISIBLE.calls + 5);
  const page = await openBoard(browser, boardLab(lab));
  await watchNumbers(page);
  const o = await officer(lab, 2);
  const dom: number[] = [];
  const frame: number[] = [];
  for (let i = 0; i < VISIBLE.warmup + VISIBLE.calls; i++) {
    if (i > 0) await must(o, 'ticket:no-show', {});
    const t0 = now();
    const ticket = await must(o, 'ticket:call-next', {});
    const seen = await page.waitForFunction((n) => (window as unknown as { __seen: Map<string, { dom: number; frame: number }> }).__seen.get(n) ?? null, ticket.number, { polling: 10 });
    const at = (await seen.jsonValue()) as { dom: number; frame: number };
    if (i >= VISIBLE.warmup) { dom.push(at.dom - t0); frame.push(at.frame - t0); }
  }
  o.close();
  await page.close();
  return { dom: summarize(dom), frame: summarize(frame) };
}

async function memoryPhase(browser: Browser): Promise<{ readings: HeapReading[]; callsPerSec: number }> {
  const lab = await startLab('none');
  try {
    const total = MEMORY.readings[MEMORY.readings.length - 1]!;
    log(`memory: issuing ${total + 20} tickets…`);
    await issueMany(lab, total + 20);
    const page = await openBoard(browser, boardLab(lab));
    const officers = await Promise.all(lab.ready.t1Counters.map((n) => officer(lab, n)));
    // A plain socket on the same zone: the last call it heard is what the board must end up showing.
    const witness = await connect(lab.url, { deviceToken: lab.ready.tokens['display-T1']! });
    let lastCalled = '';
    witness.on('board:called', (c) => { lastCalled = c.ticket.number; });
    let calls = 0;
    const serving = officers.map(() => false);
    const callUntil = async (target: number) => {
      await Promise.all(officers.map(async (o, i) => {
        while (calls < target) {
          calls++;
          if (serving[i]) await must(o, 'ticket:no-show', {});
          await must(o, 'ticket:call-next', {});
          serving[i] = true;
        }
      }));
    };
    const readings: HeapReading[] = [];
    let callingMs = 0;
    for (const target of MEMORY.readings) {
      const t0 = performance.now();
      await callUntil(target);
      callingMs += performance.now() - t0;
      await new Promise((r) => setTimeout(r, 200)); // the witness hears the last call
      readings.push(await heap(page, calls, lastCalled));
      log(`memory: ${calls} calls, board heap ${readings[readings.length - 1]!.usedJsHeapMb} MB`);
    }
    for (const o of officers) o.close();
    witness.close();
    await page.close();
    return { readings, callsPerSec: calls / (callingMs / 1000) };
  } finally {
    await lab.stop();
  }
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic', '--autoplay-policy=no-user-gesture-required', '--enable-precise-memory-info'],
  });
  try {
    const started = performance.now();
    const phase = (name: string) => log(`${name} (at ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    phase('espeak-ng: call → audio ready…');
    const espeak = await startLab('espeak-ng');
    let espeakAudio: AudioFigures;
    let visible: { dom: Summary; frame: Summary };
    try {
      espeakAudio = await audioPhase(espeak);
      phase('call → visible in Chromium…');
      visible = await visiblePhase(browser, espeak);
    } finally {
      await espeak.stop();
    }
    phase('voice pack: call → audio ready…');
    const pack = await startLab('voice-pack');
    let packAudio: AudioFigures;
    try {
      packAudio = await audioPhase(pack);
    } finally {
      await pack.stop();
    }
    phase('board memory…');
    const memory = await memoryPhase(browser);
    phase('done');

    const row = (name: string, s: Summary) => [name, String(s.n), ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max)];
    process.stdout.write('\n' + table([
      ['measure', 'n', 'p50', 'p90', 'p99', 'max'],
      row('espeak-ng cold: call → announcement:ready', espeakAudio.readyCold),
      row('espeak-ng cold: ticket:called → ready', espeakAudio.calledToReadyCold),
      row('espeak-ng cold: call → WAV fetched', espeakAudio.fetchedCold),
      row('espeak-ng cached: call → ready', espeakAudio.readyWarm),
      row('espeak-ng cached: call → WAV fetched', espeakAudio.fetchedWarm),
      row('voice pack cold: call → ready', packAudio.readyCold),
      row('voice pack cold: call → WAV fetched', packAudio.fetchedCold),
      row('voice pack cached: call → ready', packAudio.readyWarm),
      row('browser: call → number in DOM', visible.dom),
      row('browser: call → next frame (visible)', visible.frame),
    ]) + '\n\n' + table([
      ['board JS heap', 'calls', 'usedJSHeapSize', 'CDP used', 'DOM nodes', 'recent rows'],
      ...memory.readings.map((h) => [' ', String(h.calls), `${h.usedJsHeapMb} MB`, `${h.cdpUsedMb} MB`, String(h.domNodes), String(h.recentRows)]),
    ]) + `\n(${memory.callsPerSec.toFixed(0)} calls/s by 12 counters at once; each call = no-show + call-next, fsynced)\n\n`);
    const json = {
      audio: {
        espeak: Object.fromEntries(Object.entries(espeakAudio).map(([k, v]) => [k, roundSummary(v)])),
        voicePack: Object.fromEntries(Object.entries(packAudio).map(([k, v]) => [k, roundSummary(v)])),
      },
      visible: { dom: roundSummary(visible.dom), frame: roundSummary(visible.frame) },
      memory,
      targets: TARGET,
      met: {
        audioReadyCached: espeakAudio.readyWarm.p99 <= TARGET.audioReadyWarmP99Ms,
        audioReadyCold: espeakAudio.readyCold.p99 <= TARGET.audioReadyWarmP99Ms,
        visibleP99: visible.frame.p99 <= TARGET.visibleP99Ms,
        memoryFlat: memory.readings[memory.readings.length - 1]!.usedJsHeapMb <= memory.readings[0]!.usedJsHeapMb * 1.5,
      },
    };
    process.stdout.write(`BENCH_JSON ${JSON.stringify(json)}\n`);
  } finally {
    await browser.close();
    clearTimeout(watchdog);
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  log(`failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  killAllChildren();
  process.exit(1);
});
