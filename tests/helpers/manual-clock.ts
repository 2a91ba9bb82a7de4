// A clock for the apps' state classes that moves only when a test says so: `every` timers run
// as many times as their interval fits into each `advance`, in time order.
export class ManualClock {
  private readonly timers = new Set<{ run: () => void; ms: number; due: number }>();

  constructor(public t = 0) {}

  now(): number {
    return this.t;
  }

  every(run: () => void, ms: number): () => void {
    const timer = { run, ms, due: this.t + ms };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: { run: () => void; ms: number; due: number } | null = null;
      for (const timer of this.timers) if (timer.due <= end && (!next || timer.due < next.due)) next = timer;
      if (!next) break;
      this.t = next.due;
      next.due += next.ms;
      next.run();
    }
    this.t = end;
  }

  get pending(): number {
    return this.timers.size;
  }
}
