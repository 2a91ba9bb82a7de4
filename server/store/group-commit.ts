// Group commit: every change asks for durability, and all changes made while a write is under
// way share the next write. Throughput then follows the disk's fsync rate in batches, not one
// fsync per ticket, and each acknowledgement still waits for its own data to be on disk.

interface Batch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

function batch(): Batch {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

export class GroupCommit<T> {
  private writing: Batch | null = null;
  private next: Batch | null = null;
  /** The last value known to be on disk: what to fall back to if a write fails. */
  lastDurable: T;

  constructor(
    private readonly current: () => T,
    private readonly write: (value: T) => Promise<void>,
    initial: T,
    private readonly onFailure: (durable: T, error: unknown) => void = () => {},
  ) {
    this.lastDurable = initial;
  }

  /** Resolves once a write that includes everything changed so far is on disk. */
  commit(): Promise<void> {
    const pending = (this.next ??= batch());
    if (!this.writing) this.start();
    return pending.promise;
  }

  /** Resolves when nothing is left to write (for a clean shutdown). */
  async idle(): Promise<void> {
    while (this.writing || this.next) {
      await (this.next ?? this.writing)!.promise.catch(() => {});
    }
  }

  private start(): void {
    const b = this.next!;
    this.next = null;
    this.writing = b;
    const value = this.current();
    this.write(value).then(
      () => {
        this.lastDurable = value;
        this.writing = null;
        b.resolve();
        if (this.next) this.start();
      },
      (error: unknown) => {
        // Everything applied since the last durable write is lost together: the batch being
        // written and the one waiting behind it. The owner falls back to lastDurable.
        const waiting = this.next;
        this.next = null;
        this.writing = null;
        this.onFailure(this.lastDurable, error);
        b.reject(error);
        waiting?.reject(error);
      },
    );
  }
}
