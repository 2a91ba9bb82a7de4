// The voice worker's store of pieces (server/voice/chunk-store.ts): what it makes ahead is marked
// so (the worker runs it under SCHED_IDLE, background-priority.ts), and a call never waits for a
// piece still being made ahead: on a machine whose cores are all busy that piece may not get a
// core for seconds. The synthesiser is the store's own injected dependency, driven by the test.
import { describe, expect, it } from 'vitest';
import { ChunkStore } from '../../server/voice/chunk-store.ts';
import type { Pcm } from '../../server/voice/wav.ts';

interface Run {
  key: string;
  ahead: boolean;
  finish(level: number): void;
}

/** A store whose syntheses wait until the test finishes them; each start is announced. */
function storeDrivenByTest() {
  const runs: Run[] = [];
  let started: (() => void) | null = null;
  const store = new ChunkStore<string>((key, ahead) => new Promise<Pcm>((resolve) => {
    runs.push({ key, ahead, finish: (level) => resolve({ sampleRate: 22050, samples: new Int16Array(100).fill(level) }) });
    started?.();
  }));
  /** The next synthesis started (already or later), in order. */
  let taken = 0;
  const nextRun = () => new Promise<Run>((resolve) => {
    const index = taken++;
    if (runs.length > index) return resolve(runs[index]!);
    started = () => { started = null; resolve(runs[index]!); };
  });
  return { store, runs, nextRun };
}

const piece = (key: string) => ({ key, synth: key });

describe('chunk store', () => {
  it('marks work ahead as ahead and a call’s pieces as due now', async () => {
    const { store, nextRun } = storeDrivenByTest();
    const aheadStarted = nextRun();
    store.warm('likely', [piece('một')]);
    const ahead = await aheadStarted;
    expect([ahead.key, ahead.ahead]).toEqual(['một', true]);
    ahead.finish(1000);
    const taken = store.take([piece('hai')]);
    const due = await nextRun();
    expect([due.key, due.ahead]).toEqual(['hai', false]);
    due.finish(2000);
    expect((await taken).map((p) => p.samples.length)).toEqual([100]);
    expect(store.has('một')).toBe(true);
  });

  it('a call needing a piece still being made ahead makes it again and does not wait for it', async () => {
    const { store, runs, nextRun } = storeDrivenByTest();
    const aheadStarted = nextRun();
    store.warm('likely', [piece('ba')]);
    const starved = await aheadStarted; // never finished while the call waits: no core for it
    expect(store.missing([piece('ba')])).toBe(1); // the call must count it as its own work
    const taken = store.take([piece('ba')]);
    const own = await nextRun();
    expect([own.key, own.ahead]).toEqual(['ba', false]);
    own.finish(3000);
    const [got] = await taken;
    expect(got!.samples.length).toBe(100);
    // The late piece made ahead does not replace the one the call made.
    starved.finish(4000);
    await new Promise((r) => setImmediate(r));
    const again = await store.take([piece('ba')]);
    expect(again[0]).toBe(got);
    expect(runs).toHaveLength(2);
  });

  it('a call’s piece being made is shared: a second call and work ahead wait for it', async () => {
    const { store, runs, nextRun } = storeDrivenByTest();
    const first = store.take([piece('bốn')]);
    const run = await nextRun();
    const second = store.take([piece('bốn')]);
    store.warm('likely', [piece('bốn')]);
    expect(store.missing([piece('bốn')])).toBe(0);
    run.finish(5000);
    const [[a], [b]] = await Promise.all([first, second]);
    expect(a).toBe(b);
    expect(runs).toHaveLength(1);
  });
});
