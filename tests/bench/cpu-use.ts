// Where a bench server's CPU time goes while the measured calls run (Linux's /proc; elsewhere
// nothing is measured). The server is pinned to one CPU with everything it starts, so this says
// what the server's main thread shares that CPU with: its own other threads (V8's optimizing
// compiler and garbage collector, libuv's pool: the journal's fdatasync), the voice's worker and
// the programs it ran (espeak-ng), the worker's idle helper. A CPU near 100 % busy is one where a
// board's packet waits for the scheduler's next tick (4 ms here): the tail of the fan-out.
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuUse {
  wallMs: number;
  mainMs: number;
  otherThreadsMs: number;
  /** Each process the server started, with the programs it ran and waited for (their time once they ended). */
  children: { name: string; ownMs: number; programsMs: number }[];
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime+stime and cutime+cstime of a /proc stat line, in ms. */
function times(path: string): { own: number; waited: number } | null {
  try {
    const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
    return { own: (Number(fields[11]) + Number(fields[12])) * TICK_MS, waited: (Number(fields[13]) + Number(fields[14])) * TICK_MS };
  } catch {
    return null; // gone meanwhile
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        out.push(...readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
      } catch { /* thread ended */ }
    }
  } catch { /* process ended */ }
  return out;
}

function nameOf(pid: number): string {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    if (argv.some((a) => a.endsWith('spawn-worker.mjs'))) return argv.at(-1) === 'idle' ? 'idle helper' : 'voice worker';
    return argv[0]?.split('/').at(-1) ?? String(pid);
  } catch {
    return String(pid);
  }
}

interface Snapshot {
  at: number;
  main: number;
  otherThreads: number;
  processes: Map<number, { name: string; own: number; waited: number }>;
}

function snapshot(pid: number): Snapshot {
  let main = 0;
  let otherThreads = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const t = times(`/proc/${pid}/task/${tid}/stat`);
    if (!t) continue;
    if (tid === String(pid)) main = t.own;
    else otherThreads += t.own;
  }
  const processes = new Map<number, { name: string; own: number; waited: number }>();
  const visit = (parent: number) => {
    for (const child of childrenOf(parent)) {
      const t = times(`/proc/${child}/stat`);
      if (!t) continue;
      processes.set(child, { name: nameOf(child), ...t });
      visit(child);
    }
  };
  visit(pid);
  return { at: performance.now(), main, otherThreads, processes };
}

export interface CpuWatch {
  stop(): CpuUse;
}

/** Starts counting the CPU time of `pid`'s threads and of the processes it started; null where /proc is not Linux's. */
export function watchCpu(pid: number | undefined): CpuWatch | null {
  if (pid === undefined || process.platform !== 'linux') return null;
  let before: Snapshot;
  try {
    before = snapshot(pid);
  } catch {
    return null;
  }
  return {
    stop() {
      const after = snapshot(pid);
      // Processes there all along (the voice's worker and helper); a program run meanwhile counts
      // in its parent's `programs` once it has ended.
      const children = [...after.processes].flatMap(([child, a]) => {
        const b = before.processes.get(child);
        return b ? [{ name: a.name, ownMs: a.own - b.own, programsMs: a.waited - b.waited }] : [];
      });
      return { wallMs: after.at - before.at, mainMs: after.main - before.main, otherThreadsMs: after.otherThreads - before.otherThreads, children };
    },
  };
}

/** The runs of one kind pooled: times added, children by name. */
export function pooledCpu(uses: CpuUse[]): CpuUse | null {
  if (uses.length === 0) return null;
  const children = new Map<string, { name: string; ownMs: number; programsMs: number }>();
  for (const u of uses) {
    for (const c of u.children) {
      const sum = children.get(c.name) ?? { name: c.name, ownMs: 0, programsMs: 0 };
      sum.ownMs += c.ownMs;
      sum.programsMs += c.programsMs;
      children.set(c.name, sum);
    }
  }
  const add = (key: 'wallMs' | 'mainMs' | 'otherThreadsMs') => uses.reduce((s, u) => s + u[key], 0);
  return { wallMs: add('wallMs'), mainMs: add('mainMs'), otherThreadsMs: add('otherThreadsMs'), children: [...children.values()] };
}

/** "1,610 of 1,700 ms (95 %): main 970 · other threads 330 · voice worker 150 + programs 160". */
export function describeCpu(use: CpuUse | null): string {
  if (!use) return 'not measured';
  const ms = (n: number) => Math.round(n).toLocaleString('en-US');
  const busy = use.mainMs + use.otherThreadsMs + use.children.reduce((s, c) => s + c.ownMs + c.programsMs, 0);
  const parts = [`main ${ms(use.mainMs)}`, `other threads ${ms(use.otherThreadsMs)}`,
    ...use.children.filter((c) => c.ownMs + c.programsMs > 0).map((c) => `${c.name} ${ms(c.ownMs)}${c.programsMs ? ` + programs ${ms(c.programsMs)}` : ''}`)];
  return `${ms(busy)} of ${ms(use.wallMs)} ms (${Math.round((busy / use.wallMs) * 100)} %): ${parts.join(' · ')}`;
}
