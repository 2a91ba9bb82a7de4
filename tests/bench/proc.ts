// Child processes for the benchmark: spawn a TypeScript entry with `node --import tsx`, wait for
// its one JSON "ready" line on stdout (bounded), and make sure every child dies with us.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const live = new Set<ChildProcess>();

export function killAllChildren(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  live.clear();
}

export interface Spawned<T> {
  child: ChildProcess;
  ready: T;
  /** Wall time from spawn() to the ready line, in ms. */
  spawnToReadyMs: number;
  spawnedAt: number;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  cwd: string;
  timeoutMs?: number;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeFlags?: string[];
  label: string;
  /** CPUs the child (and every process it starts) runs on, as taskset's list, e.g. '1'. */
  cpus?: string;
  /** Run the child under SCHED_RR at this priority (`chrt -r`; needs root or CAP_SYS_NICE). */
  realtime?: number;
  /** Every stdout line after the ready one (by default they go to stderr with the label). */
  onLine?: (line: string) => void;
}

/** Spawns `node [flags] --import tsx <script> …args` and resolves with its first JSON line that has `port`. */
export function spawnTs<T extends { port: number }>(script: string, args: string[], options: SpawnOptions): Promise<Spawned<T>> {
  const spawnedAt = performance.now();
  const nodeArgs = [...(options.nodeFlags ?? []), '--import', 'tsx', script, ...args];
  let argv = [process.execPath, ...nodeArgs];
  if (options.cpus) argv = ['taskset', '-c', options.cpus, ...argv];
  if (options.realtime) argv = ['chrt', '-r', String(options.realtime), ...argv];
  const [command, ...commandArgs] = argv as [string, ...string[]];
  const child = spawn(command, commandArgs, {
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  live.add(child);
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr.push(chunk);
    if (stderr.length > 50) stderr.shift();
    process.stderr.write(`[${options.label}] ${chunk}`);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { live.delete(child); resolve(); }));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise<Spawned<T>>((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${options.label}: ${why}\n${stderr.join('').slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`no ready line within ${options.timeoutMs ?? 30_000} ms`), options.timeoutMs ?? 30_000);
    child.once('error', (err) => fail(`spawn failed: ${err.message}`));
    child.once('exit', (code, signal) => fail(`exited before ready (code ${code}, signal ${signal})`));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (settled) {
        if (options.onLine) options.onLine(line);
        else if (line.trim()) process.stderr.write(`[${options.label}] ${line}\n`);
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        process.stderr.write(`[${options.label}] ${line}\n`);
        return;
      }
      if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { port?: unknown }).port !== 'number') {
        process.stderr.write(`[${options.label}] ${line}\n`);
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve({ child, ready: parsed as T, spawnToReadyMs: performance.now() - spawnedAt, spawnedAt, stop });
    });
  });
}

/** Polls GET url until it answers 200 with {ok:true}; returns the ms since `since`. */
export async function waitHealthy(url: string, since: number, timeoutMs = 10_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = (await res.json()) as { ok?: boolean };
      if (res.ok && body.ok) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${url} not healthy within ${timeoutMs} ms`);
}
