// One child process spoken to over its IPC channel, as the voice's worker (worker-client.ts) and
// the worker's idle helper (idle-helper.ts) are: started on first use, requests held until the child
// says `ready`, each reply handed to whoever waits for its id, and every waiting request failed
// when the child is lost (the next request starts a fresh one) or closed.
import type { ChildProcess } from 'node:child_process';
import type { WorkerError } from './worker-protocol.ts';

type Reply = { id: number; kind: 'ready' } | { id: number; kind: 'failed'; error: WorkerError } | { id: number; kind: string };

export class ChildChannel<Request, R extends Reply> {
  private child: ChildProcess | null = null;
  private ready = false;
  /** Requests made before the child said it is ready. */
  private queued: Request[] = [];
  private readonly waiting = new Map<number, (reply: R) => void>();
  private nextId = 0;
  private closedFlag = false;

  /**
   * `spawnChild` starts the process; `onReady` hears its `ready` reply; `name` is for the messages
   * of the requests failed when it is lost.
   */
  constructor(private readonly name: string, private readonly spawnChild: () => ChildProcess, private readonly onReady: (reply: R) => void = () => {}) {}

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get running(): boolean {
    return this.child !== null;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Whether the running child said it is ready (false while it loads its code). */
  get answering(): boolean {
    return this.child !== null && this.ready;
  }

  /** A fresh request id. */
  id(): number {
    return ++this.nextId;
  }

  /** Hands the reply of request `id` to `settle` (a lost child settles it as failed). */
  await(id: number, settle: (reply: R) => void): void {
    this.waiting.set(id, settle);
  }

  forget(id: number): void {
    this.waiting.delete(id);
  }

  /** Sends now, or once the child is ready; starts the child if none runs. Closed: dropped, nothing started. */
  post(msg: Request): void {
    if (this.closedFlag) return;
    const child = this.start();
    if (!this.ready) this.queued.push(msg);
    else if (child.connected) child.send(msg as object);
  }

  /** Starts the child now if none runs. */
  start(): ChildProcess {
    if (this.child) return this.child;
    const child = this.spawnChild();
    this.ready = false;
    child.on('message', (reply: R) => {
      if (reply.kind === 'ready') {
        this.ready = true;
        this.onReady(reply);
        for (const msg of this.queued.splice(0)) child.send(msg as object);
        return;
      }
      const settle = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      settle?.(reply);
    });
    const lost = (why: string) => {
      if (this.child !== child) return;
      this.child = null; // the next request starts a fresh one
      this.queued = [];
      this.failAll(why);
    };
    child.on('error', (e) => lost(`${this.name} failed: ${e.message}`));
    child.on('exit', (code, signal) => lost(`${this.name} exited (${signal ?? code})`));
    this.child = child;
    return child;
  }

  /** Later requests are refused, waiting ones failed; returns the child still running, for its owner to end. */
  close(): ChildProcess | null {
    this.closedFlag = true;
    this.failAll(`${this.name} closed`);
    const child = this.child;
    this.child = null;
    return child && child.exitCode === null && child.signalCode === null ? child : null;
  }

  private failAll(message: string): void {
    const settles = [...this.waiting.entries()];
    this.waiting.clear();
    for (const [id, settle] of settles) settle({ id, kind: 'failed', error: { message } } as R);
  }
}
