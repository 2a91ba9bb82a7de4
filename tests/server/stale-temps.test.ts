// Temp files of writes a crash interrupted are removed when the server starts: only ours (the
// `.<name>.<pid>.<n>.tmp` pattern of writeFileDurably), only stale (never this process's own).
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    await s.close();
    await rm(s.dataDir, { recursive: true, force: true });
  }
});

/** The pid of a process that has ended, as a crashed server's is. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('stale temp files', () => {
  it('are removed at start; our own, live ones and other files are left alone', async () => {
    const server = await startServer();
    servers.push(server);
    const dead = deadPid();
    const dir = server.dataDir;
    await mkdir(join(dir, 'restore-pending'), { recursive: true });
    const stale = [
      join(dir, 'days', `.2026-11-23.json.${dead}.7.tmp`),
      join(dir, `.config.json.${dead}.1.tmp`),
      join(dir, 'restore-pending', `.audit.jsonl.${dead}.3.tmp`),
    ];
    const kept = [
      join(dir, 'days', `.2026-11-23.json.${process.pid}.9.tmp`), // this process may be writing it
      join(dir, 'notes.tmp'), // not one of ours
      join(dir, `.config.json.${process.ppid}.2.tmp`), // another live process, written just now
    ];
    for (const f of [...stale, ...kept]) await writeFile(f, 'x'.repeat(1000));
    const old = new Date(Date.now() - 3_600_000);
    await utimes(stale[0]!, old, old);

    await server.restart();
    const left = async (sub: string) => (await readdir(join(dir, sub))).filter((n) => n.endsWith('.tmp')).map((n) => join(dir, sub, n));
    const now = [...await left('.'), ...await left('days'), ...await left('restore-pending')].map((p) => p.replace('/./', '/'));
    expect(now.sort()).toEqual(kept.sort());
  });
});
