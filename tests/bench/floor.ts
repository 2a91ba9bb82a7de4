// The floor under every state-changing command: Lượt broadcasts a change once its journal line is
// written to the OS, and acknowledges it once the line is fsynced. This times those two steps for
// a real call's journal line, in the bench process, on the same disk, so the call→display numbers
// can be read against it.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DayState } from '@core/ticket.ts';
import { openJournalFile } from '../../server/store/journal-file.ts';
import type { Summary } from './stats.ts';
import { summarize } from './stats.ts';

export interface DurableFloor {
  bytes: number;
  append: Summary;
  sync: Summary;
}

/** `day`: a real day; its most recently called ticket and a counter make the sample line. */
export async function durableFloor(day: DayState, scratchDir: string, rounds = 200): Promise<DurableFloor> {
  const called = Object.values(day.tickets).filter((t) => t.calledAt !== null).sort((a, b) => (b.calledAt ?? 0) - (a.calledAt ?? 0))[0];
  const counter = Object.values(day.counters)[0];
  const line = `${JSON.stringify({ n: 1, c: { tickets: called ? [called] : [], counters: counter ? [counter] : [] } })}\n`;
  await mkdir(scratchDir, { recursive: true });
  const journal = await openJournalFile(join(scratchDir, 'floor-probe.journal'));
  const append: number[] = [];
  const sync: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      await journal.append(line);
      const t1 = performance.now();
      await journal.sync();
      const t2 = performance.now();
      append.push(t1 - t0);
      sync.push(t2 - t1);
    }
  } finally {
    await journal.close();
  }
  return { bytes: Buffer.byteLength(line), append: summarize(append), sync: summarize(sync) };
}
