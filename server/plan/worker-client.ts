// The server's handle on the plan worker thread: started on first use, jobs answered in order, a
// crashed thread fails its jobs and is started again on the next one. Never keeps the server alive.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { PlanJob, PlanReply } from './plan-worker.ts';

const BOOT = fileURLToPath(new URL('./boot-worker.mjs', import.meta.url));

type JobBody = PlanJob extends infer J ? (J extends PlanJob ? Omit<J, 'id'> : never) : never;
type Done = Extract<PlanReply, { ok: true }>;

export class PlanWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Done) => void; reject: (e: Error) => void }>();

  constructor(private readonly log: Logger) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    // No inherited flags (tsx's, a test runner's): the boot file loads what the thread needs.
    const worker = new Worker(BOOT, { execArgv: [] });
    worker.unref();
    worker.on('message', (reply: PlanReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply);
      else p.reject(new Error(reply.message));
    });
    const fail = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', (err) => {
      this.log.error({ err, module: 'plan' }, 'plan worker failed');
      fail(err);
    });
    worker.on('exit', (code) => fail(new Error(`plan worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  run<K extends JobBody['kind']>(job: Extract<JobBody, { kind: K }>): Promise<Extract<Done, { kind: K }>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: Done) => void, reject });
      this.start().postMessage({ ...job, id });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error('plan worker closed'));
    this.pending.clear();
    if (w) await w.terminate();
  }
}
