// The voice runs below the server: speech can wait a few milliseconds, a call's fan-out to the
// boards cannot. Two levels:
//  - the voice's worker: ten nice steps below the server, on every thread. `nice` (setpriority) is
//    per thread on Linux: set for the process, it changed the main thread only, and the worker's
//    V8 and libuv threads stayed at the server's level;
//  - on Linux, its idle helper (idle-worker.ts) under SCHED_IDLE, which makes the pieces of the
//    phrases (espeak-ng runs, decoding, levelling): the bulk of the voice's CPU. A lower nice is not
//    enough there: the scheduler (EEVDF) lets a running task finish its slice before a waking one
//    of higher weight gets the CPU, so espeak-ng and the worker at nice 10 held the server's main
//    thread off its CPU for 2–5 ms at a time (fan-out bench traced with `perf sched`). A
//    SCHED_IDLE task is preempted at once by any other. But it gets almost nothing on a machine
//    whose cores are all busy (with two busy loops, announcements made at SCHED_IDLE never came),
//    so the worker stands in: a call's piece the helper has not made within a head start, the
//    worker makes too (voice-worker.ts), and a call never waits for a piece being made ahead
//    (chunk-store.ts).
// SCHED_IDLE comes from `chrt` (util-linux, on every Debian and Ubuntu; Node has no call for it);
// without it the worker makes every piece. On Windows the priority class (below normal) holds for
// every thread of the process, and a thread of a higher class takes the CPU at once.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** Who makes the pieces: a helper under SCHED_IDLE, or the worker itself. */
export type IdleLevel = 'idle-policy' | 'worker';

/**
 * Ten steps below the server whatever the server's own priority (a server started with `nice`
 * would otherwise share its level with the voice), on every thread of this process; the threads
 * and programs started later inherit it. False when not permitted (the process keeps its level).
 */
export function lowerThisProcess(platform: NodeJS.Platform = process.platform): boolean {
  try {
    const level = Math.min(19, getPriority() + 10);
    setPriority(level);
    if (platform === 'linux') {
      for (const tid of readdirSync('/proc/self/task')) {
        try { setPriority(Number(tid), level); } catch { /* the thread ended meanwhile */ }
      }
    }
    return true;
  } catch {
    return false;
  }
}

/** Whether the idle helper can be started under SCHED_IDLE here (Linux with `chrt`). */
export function idleLevel(platform: NodeJS.Platform = process.platform): Promise<IdleLevel> {
  if (platform !== 'linux') return Promise.resolve('worker');
  return new Promise((resolve) => {
    execFile('chrt', ['--idle', '0', 'true'], { timeout: 5_000 }, (err) => resolve(err ? 'worker' : 'idle-policy'));
  });
}
