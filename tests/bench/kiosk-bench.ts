// `npx tsx tests/bench/kiosk-bench.ts`: the kiosk's figures, against real child processes on
// 127.0.0.1, one table and one `BENCH_JSON {…}` line at the end:
//   1. kiosk tap → last byte at the printer: a kiosk client emits `ticket:issue`, the server (child
//      process: durable write, render, ESC/POS) prints on a network printer (the emulator, in this
//      process, so both instants are on one clock); then the same through a printer-bridge process
//   2. ESC/POS bytes per ticket (80 mm as printed; 58 mm from the same ticket rendered at 384 dots)
//   3. the kiosk page's download, gzipped: its HTML plus every script and style it loads,
//      computed from a fresh build of the kiosk page in a temp folder (never dist/)
// Targets (issue 3): tap → printer p50/p99 ≤ 300 ms, kiosk page ≤ 150 KB gzipped.
// Env: KIOSK_BENCH_TAPS (default 150), BENCH_KEEP=1 keeps the temp folder.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { build as viteBuild } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { io as connectSocket } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { CenterConfigSchema } from '@core/config.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '@core/protocol.ts';
import { AccountService } from '../../server/auth/accounts.ts';
import { systemClock } from '../../server/deps.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { renderTicket } from '../../printer/render.ts';
import { ticketBytes } from '../../printer/escpos.ts';
import { startPrinterEmulator } from '../../printer/emulator.ts';
import type { PrinterEmulator } from '../../printer/emulator.ts';
import type { BenchServerReady } from './bench-server.ts';
import { killAllChildren, spawnTs } from './proc.ts';
import { benchConfig } from './seed.ts';
import { ms, round, roundSummary, summarize, table } from './stats.ts';
import type { Summary } from './stats.ts';

type Kiosk = Socket<ServerToClientEvents, ClientToServerEvents>;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TAPS = Number(process.env.KIOSK_BENCH_TAPS ?? 150);
const WARMUP = 5;
const WATCHDOG_MS = 110_000;
const TARGET = { tapToPrinterMs: 300, bundleGzipKB: 150 };

const log = (line: string) => process.stderr.write(`kiosk-bench: ${line}\n`);
const others: ChildProcess[] = [];
let baseDir: string | null = null;
const cleanup = () => {
  killAllChildren();
  for (const c of others) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  if (baseDir && process.env.BENCH_KEEP !== '1') rmSync(baseDir, { recursive: true, force: true });
};
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
const watchdog = setTimeout(() => { log(`watchdog fired after ${WATCHDOG_MS / 1000} s`); process.exit(2); }, WATCHDOG_MS);

/** A bench center whose two kiosks print: one on a network printer, one through a bridge. */
async function seed(dataDir: string, networkUrl: string): Promise<{ networkKiosk: string; bridgeKiosk: string; bridge: string }> {
  const store = new LowdbStore(dataDir);
  const accounts = await AccountService.load(store, systemClock, pino({ level: 'warn' }));
  const a = await accounts.createDevice({ kind: 'kiosk', name: 'Kiosk 1', zone: null, counter: null });
  const b = await accounts.createDevice({ kind: 'kiosk', name: 'Kiosk 2', zone: null, counter: null });
  const bridge = await accounts.createDevice({ kind: 'printer', name: 'Cầu nối máy in 2', zone: null, counter: null });
  await accounts.idle();
  await store.writeConfig(CenterConfigSchema.parse({
    ...benchConfig(),
    printers: { 'Kiosk 1': { kind: 'network', url: networkUrl }, 'Kiosk 2': { kind: 'bridge', bridgeDevice: 'Cầu nối máy in 2' } },
  }));
  // bench-server.ts seeds a folder without this file; with it, it starts on what is here.
  await writeFile(join(dataDir, 'bench-credentials.json'), JSON.stringify({ officers: [], displayTokens: [], kioskTokens: [a.token, b.token] }));
  return { networkKiosk: a.token, bridgeKiosk: b.token, bridge: bridge.token };
}

function kiosk(url: string, token: string): Promise<Kiosk> {
  const socket: Kiosk = connectSocket(url, { auth: { deviceToken: token }, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Sequential taps, as at a real kiosk: tap → (ack) → bytes at the printer, then the next citizen. */
async function taps(socket: Kiosk, printer: PrinterEmulator, count: number, label: string): Promise<{ toPrinter: number[]; toAck: number[]; bytes: number[] }> {
  const toPrinter: number[] = [];
  const toAck: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < count + WARMUP; i++) {
    const arrived = printer.waitForTicket(printer.tickets.length + 1, 15_000);
    const t0 = performance.now();
    const ack = await socket.timeout(15_000).emitWithAck('ticket:issue', { serviceCode: 'HOTICH', requestId: `${label}-${String(i).padStart(8, '0')}` });
    const tAck = performance.now();
    if (!ack.ok) throw new Error(`${label}: ticket:issue refused: ${ack.code}`);
    const printed = await arrived;
    if (i < WARMUP) continue;
    toAck.push(tAck - t0);
    toPrinter.push(printed.lastByteAt - t0);
    bytes.push(printed.bytes);
  }
  return { toPrinter, toAck, bytes };
}

/** The kiosk page and everything it loads at once (scripts, their static imports, styles). */
function kioskPageSize(distDir: string): { files: number; raw: number; gzip: number } {
  const html = readFileSync(join(distDir, 'kiosk', 'index.html'), 'utf8');
  const pending = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  let raw = Buffer.byteLength(html);
  let gzip = gzipSync(html, { level: 9 }).length;
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const body = readFileSync(join(distDir, file));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
    if (file.endsWith('.js')) {
      for (const m of body.toString('utf8').matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) pending.push(`assets/${m[1]}`);
    }
  }
  return { files: seen.size + 1, raw, gzip };
}

/** The kiosk page alone, built as vite.config.ts builds every page (same plugin and aliases). */
async function build(distDir: string): Promise<void> {
  await viteBuild({
    root: ROOT, configFile: false, logLevel: 'error', plugins: [svelte()],
    resolve: { alias: { '@core': join(ROOT, 'core'), '@ui': join(ROOT, 'ui') } },
    build: { outDir: distDir, emptyOutDir: true, rollupOptions: { input: { kiosk: join(ROOT, 'kiosk/index.html') } } },
  });
}

async function main(): Promise<void> {
  baseDir = await mkdtemp(join(tmpdir(), 'luot-kiosk-bench-'));
  const dataDir = join(baseDir, 'data');
  const distDir = join(baseDir, 'dist');
  log('building the kiosk page into a temp folder');
  await build(distDir);

  const network = await startPrinterEmulator({ port: 0, outDir: null });
  const bridged = await startPrinterEmulator({ port: 0, outDir: null });
  const tokens = await seed(dataDir, network.url);
  const server = await spawnTs<BenchServerReady>('tests/bench/bench-server.ts', [dataDir], { cwd: ROOT, label: 'server', timeoutMs: 60_000 });
  const url = `http://127.0.0.1:${server.ready.port}`;
  const bridge = spawn(process.execPath, ['--import', 'tsx', 'printer/bridge-cli.ts', '--server', url, '--printer', bridged.url], {
    cwd: ROOT, env: { ...process.env, LUOT_DEVICE_TOKEN: tokens.bridge, LOG_LEVEL: 'warn', NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  others.push(bridge);

  const k1 = await kiosk(url, tokens.networkKiosk);
  const k2 = await kiosk(url, tokens.bridgeKiosk);
  log(`network printer: ${TAPS} taps`);
  const net = await taps(k1, network, TAPS, 'net');
  log(`printer bridge: ${TAPS} taps`);
  // The bridge connects on its own schedule: probe, one ticket at a time, until one prints, so no
  // probe is still on its way to the printer when the measured taps start.
  for (let i = 0; i < 100; i++) {
    const outcome = new Promise<string>((r) => k2.once('print:status', (job) => r(job.state)));
    await k2.timeout(15_000).emitWithAck('ticket:issue', { serviceCode: 'HOTICH', requestId: `probe-${String(i).padStart(8, '0')}` });
    if ((await outcome) === 'printed') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await bridged.waitForTicket(1);
  const viaBridge = await taps(k2, bridged, TAPS, 'bridge');
  const narrow = await ticketBytes((await renderTicket({
    centerName: 'Trung tâm Phục vụ hành chính công tỉnh Đo hiệu năng', number: 'B-123', serviceName: 'Hộ tịch', departmentName: 'Sở Tư pháp',
    priorityName: null, counters: [3, 13, 23], ahead: 12, etaMin: 25, issuedAt: Date.now(), statusUrl: `${url}/t/${'x'.repeat(26)}`,
  }, 384)).png);
  const page = kioskPageSize(distDir);
  k1.close();
  k2.close();
  await server.stop();
  await network.close();
  await bridged.close();

  const s = (x: number[]) => summarize(x);
  const row = (name: string, x: Summary, target = '') => [name, String(x.n), ms(x.p50), ms(x.p90), ms(x.p99), ms(x.max), target];
  const tapNet = s(net.toPrinter);
  const tapBridge = s(viaBridge.toPrinter);
  const bytes = s(net.bytes);
  process.stdout.write(table([
    ['kiosk', 'n', 'p50', 'p90', 'p99', 'max', 'target'],
    row('tap → ack (ticket durable)', s(net.toAck)),
    row('tap → printer, network printer', tapNet, `≤ ${TARGET.tapToPrinterMs} ms`),
    row('tap → printer, via bridge', tapBridge, `≤ ${TARGET.tapToPrinterMs} ms`),
  ]) + '\n\n');
  process.stdout.write(table([
    ['size', 'value', 'target'],
    ['ESC/POS per ticket, 80 mm (576 dots)', `${Math.round(bytes.mean)} B (${bytes.min}–${bytes.max})`, ''],
    ['ESC/POS per ticket, 58 mm (384 dots)', `${narrow.length} B`, ''],
    ['kiosk page, gzipped', `${(page.gzip / 1024).toFixed(1)} KB (${page.files} files, ${(page.raw / 1024).toFixed(1)} KB raw)`, `≤ ${TARGET.bundleGzipKB} KB`],
  ]) + '\n\n');
  const result = {
    tapToAckMs: roundSummary(s(net.toAck)),
    tapToPrinterNetworkMs: roundSummary(tapNet),
    tapToPrinterBridgeMs: roundSummary(tapBridge),
    escposBytesPerTicket576: { mean: round(bytes.mean, 0), min: bytes.min, max: bytes.max },
    escposBytesPerTicket384: narrow.length,
    kioskPage: { files: page.files, rawBytes: page.raw, gzipBytes: page.gzip, gzipKB: round(page.gzip / 1024, 1) },
    targets: {
      tapToPrinterP99Met: tapNet.p99 <= TARGET.tapToPrinterMs && tapBridge.p99 <= TARGET.tapToPrinterMs,
      bundleMet: page.gzip / 1024 <= TARGET.bundleGzipKB,
    },
  };
  process.stdout.write(`BENCH_JSON ${JSON.stringify(result)}\n`);
  clearTimeout(watchdog);
}

main().then(() => process.exit(0), (err: unknown) => {
  log(`failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exit(1);
});
