// The real server as an operator starts it (`server/main.ts` in a child process, on a data folder),
// for the tests that kill it with SIGKILL and start it again: resolves once it prints its address.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { patient } from './patience.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

export interface MainProcess {
  child: ChildProcess;
  url: string;
}

/** Starts server/main.ts on `dataDir` (port 0, 127.0.0.1); the child is added to `children` for clean-up. */
export function startMain(dataDir: string, children: ChildProcess[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<MainProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), patient(options.timeoutMs ?? 30_000));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1]!.replace('localhost', '127.0.0.1') }); }
    });
    child.stderr!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

/** SIGKILL, resolved once the process is gone. */
export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
