// `npm run hub` as a process: refuses to start without DATABASE_URL (saying so in both languages),
// and with one it migrates an empty database, creates the admin, and answers on its port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { startPostgres } from '../helpers/postgres.ts';
import type { PgCluster } from '../helpers/postgres.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
let cluster: PgCluster;
const children: ChildProcess[] = [];

beforeAll(async () => { cluster = await startPostgres(); });
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await cluster?.stop();
});

function runHub(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'hub/main.ts'], { cwd: ROOT, env: { ...base, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  return { child, output: () => out, exited: new Promise((r) => child.once('exit', (code) => r(code))) };
}

describe('npm run hub', { timeout: 90_000 }, () => {
  it('refuses to start without DATABASE_URL, in Vietnamese and English', async () => {
    const hub = runHub({ HUB_PORT: '0' });
    expect(await hub.exited).toBe(2);
    expect(hub.output()).toMatch(/Thiếu DATABASE_URL/);
    expect(hub.output()).toMatch(/DATABASE_URL is missing/);
  });

  it('migrates an empty database, creates the admin and serves', async () => {
    const url = await cluster.createDatabase('main');
    const hub = runHub({ DATABASE_URL: url, HUB_PORT: '0', HUB_HOST: '127.0.0.1', HUB_ADMIN_PASSWORD: 'mat-khau-quan-tri' });
    const base = await new Promise<string>((resolve, reject) => {
      hub.child.stdout!.on('data', () => {
        const m = /running at (http:\/\/\S+)/.exec(hub.output());
        if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
      });
      void hub.exited.then((code) => reject(new Error(`hub exited ${code}: ${hub.output()}`)));
    });
    const res = await fetch(`${base}/api/hub/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'mat-khau-quan-tri' }) });
    expect((await res.json()).ok).toBe(true);
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  });
});
