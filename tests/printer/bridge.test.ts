// Printing through a printer bridge: the real bridge process (`npm run printer`) connected to
// the real server over Socket.IO, printing on the emulator over TCP. Also: no bridge, a bridge
// that never answers, a bridge whose printer is down, a second bridge with the same token, and
// a job delivered twice to a bridge (printed once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Server } from 'socket.io';
import { io as connectClient } from 'socket.io-client';
import type { BridgeAck, KioskIssuedTicket, PrintJob } from '@core/protocol.ts';
import { startBridge } from '../../printer/bridge.ts';
import { renderTicket } from '../../printer/render.ts';
import { ticketBytes } from '../../printer/escpos.ts';
import { startPrinterEmulator } from '../../printer/emulator.ts';
import type { PrinterEmulator } from '../../printer/emulator.ts';
import { must, nextEvent, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { SAMPLE } from './sample.ts';
import { closedPort, configWithPrinters, qrOf } from '../kiosk/helpers.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const silent = pino({ level: 'silent' });
let emulator: PrinterEmulator;
let server: TestServer;
let kiosk: Client;
const children: ChildProcess[] = [];
let seq = 0;
const tap = () => `bridge-${String(++seq).padStart(8, '0')}`;

beforeAll(async () => {
  emulator = await startPrinterEmulator({ port: 0, outDir: null });
  server = await startServer({ config: configWithPrinters({ kiosk1: { kind: 'bridge', bridgeDevice: 'printer1', timeoutMs: 1500 } }) });
  kiosk = await server.device('kiosk1');
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await server?.close();
  await emulator?.close();
});

const bridgesConnected = () => server.app.io.sockets.adapter.rooms.get('printers')?.size ?? 0;

async function issue(): Promise<{ issued: KioskIssuedTicket; outcome: Awaited<ReturnType<typeof nextEvent<'print:status'>>> }> {
  const outcome = nextEvent(kiosk, 'print:status', 15_000);
  const issued = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
  return { issued, outcome: await outcome };
}

function runBridgeProcess(printer: string): { child: ChildProcess; exited: Promise<number | null> } {
  // What `npm run printer -- …` runs, without npm in between (so the test can stop it by pid).
  const child = spawn(process.execPath, ['--import', 'tsx', 'printer/bridge-cli.ts', '--server', server.url, '--printer', printer], {
    cwd: ROOT, env: { ...process.env, LUOT_DEVICE_TOKEN: server.deviceTokens.printer1!, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

describe('a kiosk printing through a printer bridge', () => {
  it('without a connected bridge the ticket is issued and the printer is reported offline', async () => {
    const { issued, outcome } = await issue();
    expect(issued.print.state).toBe('printing');
    expect(outcome).toMatchObject({ state: 'failed', error: { code: 'PRINTER_OFFLINE' } });
  });

  it('the bridge process prints the job on its printer and acknowledges it', async () => {
    const bridge = runBridgeProcess(emulator.url);
    await expect.poll(bridgesConnected, { timeout: 20_000 }).toBe(1);
    const { issued, outcome } = await issue();
    expect(outcome).toMatchObject({ state: 'printed', jobId: issued.print.jobId });
    const printed = await emulator.waitForTicket(1);
    expect(printed.cut).toBe(true);
    expect(qrOf(printed.png)).toBe(issued.statusUrl);

    // The same token on a second bridge: the newest connection wins, the process is told and stops.
    const second = startBridge({ server: server.url, token: server.deviceTokens.printer1!, printer: `tcp://127.0.0.1:${await closedPort()}`, timeoutMs: 500, logger: silent });
    expect(await bridge.exited).toBe(2);
    await expect.poll(() => second.socket.connected, { timeout: 10_000 }).toBe(true);
    await expect.poll(bridgesConnected).toBe(1);

    // Its printer is down: the bridge says so, the kiosk is told.
    const down = await issue();
    expect(down.outcome).toMatchObject({ state: 'failed', error: { code: 'PRINTER_OFFLINE' } });
    second.close();
    await expect.poll(bridgesConnected).toBe(0);
  });

  it('a bridge that never acknowledges is a printer timeout', async () => {
    const mute = connectClient(server.url, { auth: { deviceToken: server.deviceTokens.printer1! }, transports: ['websocket'], reconnection: false, forceNew: true });
    let jobs = 0;
    mute.on('print:job', () => { jobs += 1; });
    await expect.poll(bridgesConnected, { timeout: 10_000 }).toBe(1);
    const { outcome } = await issue();
    expect(outcome).toMatchObject({ state: 'failed', error: { code: 'PRINTER_TIMEOUT', message: 'Máy in không phản hồi' } });
    expect(jobs).toBe(1);
    mute.close();
  });
});

describe('the bridge on its own', () => {
  it('a job delivered twice (a resend after a lost acknowledgement) prints once and is acknowledged twice', async () => {
    const http = createServer();
    const io = new Server(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const before = emulator.tickets.length;
    const bridge = startBridge({ server: url, token: 'x'.repeat(32), printer: emulator.url, logger: silent });
    try {
      const [socket] = await new Promise<Parameters<Parameters<typeof io.on>[1]>>((resolve) => io.once('connection', (...args) => resolve(args)));
      const ask = (job: PrintJob) => socket.timeout(10_000).emitWithAck('print:job', job) as Promise<BridgeAck>;
      const escpos = await ticketBytes((await renderTicket(SAMPLE, 384)).png);
      const job: PrintJob = { jobId: 'job-00000001', ticketNumber: 'A-025', escpos };
      const [a, b] = await Promise.all([ask(job), ask(job)]);
      const c = await ask(job);
      expect(a).toMatchObject({ ok: true });
      expect(b).toEqual(a);
      expect(c).toEqual(a);
      const other = await renderTicket({ ...SAMPLE, statusUrl: 'http://127.0.0.1/t/sentinel-ticket-0001' }, 384);
      expect(await ask({ ...job, jobId: 'job-00000002', escpos: await ticketBytes(other.png) })).toMatchObject({ ok: true });
      const next = await emulator.waitForTicket(before + 2);
      expect(qrOf(emulator.tickets[before]!.png)).toBe(SAMPLE.statusUrl);
      expect(qrOf(next.png)).toBe('http://127.0.0.1/t/sentinel-ticket-0001'); // nothing printed in between
      expect(bridge.printed).toBe(2);

      const bad = await socket.timeout(5_000).emitWithAck('print:job', { jobId: '!', escpos: 'not bytes' } as unknown as PrintJob);
      expect(bad).toMatchObject({ ok: false, code: 'PRINT_FAILED' });
    } finally {
      bridge.close();
      await io.close();
    }
  });
});
