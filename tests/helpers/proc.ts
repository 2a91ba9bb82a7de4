// What Linux says about processes and threads (/proc), for tests that check what the code under
// test started and at which priority, without asking that code.
import { readFileSync, readdirSync } from 'node:fs';

/** Fields of a /proc stat line, numbered as in proc(5) (the name in parentheses may hold spaces). */
export function statFields(stat: string): (field: number) => number {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (field) => Number(rest[field - 3]);
}
export const PPID = 4;
export const NICE = 19;
export const POLICY = 41;
export const SCHED_OTHER = 0;
export const SCHED_IDLE = 5;

/** Live child processes of a process, with their command lines. */
export function childrenOf(parent: number): { pid: number; args: string[] }[] {
  const out: { pid: number; args: string[] }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (statFields(readFileSync(`/proc/${name}/stat`, 'utf8'))(PPID) !== parent) continue;
      out.push({ pid: Number(name), args: readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean) });
    } catch { /* the process ended while we looked */ }
  }
  return out;
}

/** Policy and nice of each thread of a process. */
export function threadsOf(pid: number): { policy: number; nice: number }[] {
  const out: { policy: number; nice: number }[] = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const field = statFields(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
      out.push({ policy: field(POLICY), nice: field(NICE) });
    } catch { /* the thread ended while we looked */ }
  }
  return out;
}
