// SIGTERM while the loudspeaker has a backlog of calls to say: the server process stops within a
// few seconds (issue 17 saw ~90 s of answering after SIGTERM). The real process (node
// server/main.ts, the demo center), a board listening so calls are announced, every officer
// calling and recalling at once, then SIGTERM: the exit is timed.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, must, nextEvent, send } from '../helpers/server.ts';
import { patient } from '../helpers/patience.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
let child: ChildProcess | null = null;
let dataDir = '';

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function start(): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEMO_ALWAYS_OPEN: '1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), patient(30_000));
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]!.replace('localhost', '127.0.0.1')); }
    });
    child!.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${out}`)); });
  });
}

describe('SIGTERM with an announcement backlog', { timeout: 180_000 }, () => {
  it('stops within a few seconds, whatever is left to say', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'luot-sigterm-'));
    const url = await start();
    const note = await readFile(join(dataDir, 'first-start.txt'), 'utf8');
    const officers = [...note.matchAll(/^ {2}(\S+) \/ (\S+) \/ quầy (\d+) \//gm)].map((m) => ({ username: m[1]!, password: m[2]!, counter: Number(m[3]) }));
    const kioskToken = /kiosk\t[^\t]+\t\S+#device=(\S+)/.exec(note)![1]!;
    const displayToken = /display\t[^\t]+\t\S+#device=(\S+)/.exec(note)![1]!;
    expect(officers.length).toBeGreaterThan(4);

    const board = await connect(url, { deviceToken: displayToken });
    const kiosk = await connect(url, { deviceToken: kioskToken });
    const catalog = (await (await fetch(`${url}/api/catalog`)).json()) as { data: { services: { code: string; counters: number[] }[] } };
    const consoles = await Promise.all(officers.map(async (o) => {
      const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: o.username, password: o.password }) });
      const token = ((await res.json()) as { data: { token: string } }).data.token;
      const socket = await connect(url, { sessionToken: token });
      await must(socket, 'counter:open', { counter: o.counter });
      return { socket, counter: o.counter };
    }));
    // Tickets for every counter's services, then every counter calls and recalls at once.
    let n = 0;
    for (const c of consoles) {
      const service = catalog.data.services.find((s) => s.counters.includes(c.counter));
      if (service) for (let i = 0; i < 3; i++) await must(kiosk, 'ticket:issue', { serviceCode: service.code, requestId: `sigterm-${++n}-req` });
    }
    const firstAnnouncement = nextEvent(board, 'announcement:ready', 60_000);
    await Promise.all(consoles.map(async (c) => {
      await send(c.socket, 'ticket:call-next', {});
      await send(c.socket, 'ticket:recall', {});
      await send(c.socket, 'ticket:recall', {});
    }));
    await firstAnnouncement; // the voice is speaking; the rest of the burst is the backlog

    const since = performance.now();
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child!.kill('SIGTERM');
    const code = await exited;
    const ms = performance.now() - since;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5_000);
    for (const c of consoles) c.socket.close();
    board.close();
    kiosk.close();
  });
});
