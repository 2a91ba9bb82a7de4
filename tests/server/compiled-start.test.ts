// `npm start` runs the server bundled by server/build-server.ts: a bundle lives in another folder
// than its sources, so everything the sources find next to themselves must be found by the bundle
// too. Built here into a folder of its own (.tmp/, inside the repository so node_modules resolve),
// started as `node main.js` on an empty data folder: the demo first start reads its catalog, the
// plan worker thread runs a suggestion, the print worker renders a test page (ticket fonts) to a
// printer on a local port, the voice's worker and its idle helper (two boots of one file) make an
// announcement, and SIGTERM stops it.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { patient } from '../helpers/patience.ts';
import { childrenOf } from '../helpers/proc.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const OUT = `.tmp/compiled-start-${process.pid}`;
const ADMIN_PASSWORD = 'mat-khau-quan-tri-thu';
let child: ChildProcess | null = null;
let dataDir = '';
let printer: Server | null = null;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  printer?.close();
  await rm(join(ROOT, OUT), { recursive: true, force: true });
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function start(): Promise<{ url: string; out: () => string }> {
  child = spawn(process.execPath, ['--enable-source-maps', join(OUT, 'server', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEMO_ALWAYS_OPEN: '1', ADMIN_PASSWORD, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`compiled server did not start:\n${out}`)), patient(30_000));
    child!.stdout!.on('data', () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ url: m[1]!.replace('localhost', '127.0.0.1'), out: () => out }); }
    });
    child!.once('exit', (code) => { clearTimeout(timer); reject(new Error(`compiled server exited (${code}):\n${out}`)); });
  });
}

describe('the compiled server (npm start)', { timeout: 180_000 }, () => {
  it('finds its demo catalog, plan worker, print worker and fonts, its voice worker and idle helper, and stops on SIGTERM', async () => {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/build-server.ts'], { cwd: ROOT, env: { ...process.env, LUOT_SERVER_OUT: OUT } });
    dataDir = await mkdtemp(join(tmpdir(), 'luot-compiled-'));
    const { url, out } = await start();

    // The demo catalog (server/seed/catalog/*.csv, read next to the code) reached the configuration.
    const config = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')) as { procedures: unknown[]; synonyms: unknown[] };
    expect(config.procedures.length).toBeGreaterThan(100);

    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${url}${path}`, {
        method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { ok: boolean; code?: string; data: unknown } };
    };

    // The plan worker thread (server/plan/boot-worker.mjs) answers a suggestion.
    const tomorrow = new Date(Date.now() + 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    const suggested = await call('POST', '/api/manager/plan/suggest', { day: tomorrow });
    expect(suggested.status, JSON.stringify(suggested.body)).toBe(200);

    // The print worker renders a test page with the ticket fonts and sends it to a printer here.
    const received: Buffer[] = [];
    printer = createServer((socket) => socket.on('data', (d: Buffer) => received.push(d)));
    await new Promise<void>((resolve) => printer!.listen(0, '127.0.0.1', resolve));
    const port = (printer.address() as { port: number }).port;
    const kiosk = 'Kiosk sảnh chính 1'; // the demo's first kiosk (server/seed/first-start.ts)
    expect((await call('PUT', `/api/admin/printers/${encodeURIComponent(kiosk)}`, { kind: 'network', url: `tcp://127.0.0.1:${port}` })).status).toBe(200);
    const printed = await call('POST', `/api/admin/printers/${encodeURIComponent(kiosk)}/test`);
    expect(printed.status, JSON.stringify(printed.body)).toBe(200);
    expect(Buffer.concat(received).length).toBeGreaterThan(1000);

    // The voice: the worker (the bundle's spawn-worker.mjs) and, on Linux with chrt, its idle
    // helper (the same boot with `idle`, which must load the helper, not a second worker).
    const preview = await call('POST', '/api/admin/voice/preview', { number: 'A-731', counter: 2 });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.data).toMatchObject({ voiced: true });
    if (process.platform === 'linux') {
      const workers = childrenOf(child!.pid!).filter((p) => p.args.some((a) => a.endsWith('spawn-worker.mjs')));
      expect(workers.map((w) => w.args.slice(-1)[0])).toEqual([join(ROOT, OUT, 'server', 'spawn-worker.mjs')]);
      const helpers = childrenOf(workers[0]!.pid).filter((p) => p.args.includes('idle'));
      expect(helpers).toHaveLength(1);
    }
    // The boot with `idle` is the helper: it makes a piece (a voice worker would not answer).
    const helper = spawn(process.execPath, [join(OUT, 'server', 'spawn-worker.mjs'), 'idle'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    try {
      const replies: { id: number; kind: string; samples?: Int16Array }[] = [];
      helper.on('message', (m: { id: number; kind: string; samples?: Int16Array }) => replies.push(m));
      await expect.poll(() => replies.map((r) => r.kind), { timeout: patient(30_000) }).toContain('ready');
      const wav = Buffer.alloc(44 + 200);
      wav.write('RIFF', 0); wav.writeUInt32LE(36 + 200, 4); wav.write('WAVEfmt ', 8); wav.writeUInt32LE(16, 16); wav.writeUInt16LE(1, 20); wav.writeUInt16LE(1, 22);
      wav.writeUInt32LE(22050, 24); wav.writeUInt32LE(44100, 28); wav.writeUInt16LE(2, 32); wav.writeUInt16LE(16, 34); wav.write('data', 36); wav.writeUInt32LE(200, 40);
      for (let i = 0; i < 100; i++) wav.writeInt16LE(i % 2 ? 3000 : -3000, 44 + 2 * i);
      helper.send({ id: 7, synth: { kind: 'program', program: { command: process.execPath, args: ['-e', `process.stdout.write(Buffer.from('${wav.toString('base64')}', 'base64'))`], input: '' } } });
      await expect.poll(() => replies.find((r) => r.id === 7)?.kind, { timeout: patient(30_000) }).toBe('piece');
      expect(replies.find((r) => r.id === 7)!.samples!.length).toBe(100);
    } finally {
      helper.kill('SIGKILL');
    }

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out()).not.toMatch(/ENOENT|Cannot find module|ERR_MODULE_NOT_FOUND/);
  });
});
