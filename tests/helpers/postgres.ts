// A throwaway PostgreSQL cluster for one test file or bench: initdb in a temp folder, its own port
// (from PG_TEST_PORTS, default 5500-5599) and socket folder, listening on 127.0.0.1 only, stopped
// and removed at the end. Runs as the `postgres` user when the process is root (initdb refuses root).
// Never skips: without PostgreSQL it fails with the command that installs it.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export const INSTALL_HINT = 'PostgreSQL chưa được cài / PostgreSQL is not installed. Hãy chạy / please run: apt-get install -y postgresql';

export interface PgCluster {
  port: number;
  /** postgres://luot@127.0.0.1:<port>/<db> */
  url(db?: string): string;
  /** A fresh empty database, named after the caller; returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** Debian installs server binaries outside PATH, under /usr/lib/postgresql/<major>/bin. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)).map(Number).sort((a, b) => b - a) : [];
  for (const m of majors) {
    const dir = join(root, String(m), 'bin');
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(INSTALL_HINT);
}

function portRange(): [number, number] {
  const m = /^(\d+)-(\d+)$/.exec(process.env.PG_TEST_PORTS ?? '5500-5599');
  return m ? [Number(m[1]), Number(m[2])] : [5500, 5599];
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Run a PostgreSQL binary, as `postgres` when we are root. */
function pgRun(bin: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return asRoot ? run('runuser', ['-u', 'postgres', '--', bin, ...args]) : run(bin, args);
}

export interface StartOptions {
  /** Tests trade durability for speed (fsync off); the bench keeps PostgreSQL's defaults. */
  durable?: boolean;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string>;
}

export async function startPostgres(options: StartOptions = {}): Promise<PgCluster> {
  const bin = postgresBinDir();
  const dir = await mkdtemp(join(tmpdir(), 'luot-pg-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']).catch(() => { throw new Error(INSTALL_HINT); });
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'db');
  await pgRun(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'luot', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1', unix_socket_directories: dir,
    ...(options.durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    ...options.settings,
  };
  const [lo, hi] = portRange();
  const start = lo + Math.floor(Math.random() * (hi - lo + 1));
  let port = 0;
  let lastError = '';
  for (let i = 0; i <= hi - lo && port === 0; i++) {
    const candidate = lo + ((start - lo + i) % (hi - lo + 1));
    if (!(await portFree(candidate))) continue;
    const opts = [`-p ${candidate}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
    try {
      await pgRun(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
      port = candidate;
    } catch (err) {
      lastError = `${String(err)}\n${await readFile(join(dir, 'log'), 'utf8').catch(() => '')}`;
      // Taken between the probe and the start by someone else: try the next port.
      if (!/could not bind|Address already in use/i.test(lastError)) break;
    }
  }
  if (port === 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${lastError}`);
  }
  const url = (db = 'postgres') => `postgres://luot@127.0.0.1:${port}/${db}`;
  let stopped = false;
  return {
    port,
    url,
    async createDatabase(name) {
      const db = `${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${Math.random().toString(36).slice(2, 8)}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try { await client.query(`CREATE DATABASE "${db}"`); } finally { await client.end(); }
      return url(db);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await pgRun(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
