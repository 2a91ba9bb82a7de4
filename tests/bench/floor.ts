// The floor under every state-changing command: Lượt acknowledges and broadcasts only after
// today's whole day file is serialised and durably written (temp file, fsync, rename, fsync of
// the folder). This times those two steps on a copy of a real day file, in the bench process,
// on the same disk, so the call→display numbers can be read against it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DayState } from '@core/ticket.ts';
import { writeFileDurably } from '../../server/store/durable-json-file.ts';
import type { Summary } from './stats.ts';
import { summarize } from './stats.ts';

export interface DurableFloor {
  bytes: number;
  tickets: number;
  stringify: Summary;
  write: Summary;
}

export async function durableFloor(dayFile: string, scratchDir: string, rounds = 40): Promise<DurableFloor> {
  const text = await readFile(dayFile, 'utf8');
  const state = JSON.parse(text) as DayState;
  const stringify: number[] = [];
  const write: number[] = [];
  const target = join(scratchDir, 'floor-probe.json');
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const out = JSON.stringify(state);
    const t1 = performance.now();
    await writeFileDurably(target, out);
    const t2 = performance.now();
    stringify.push(t1 - t0);
    write.push(t2 - t1);
  }
  return { bytes: Buffer.byteLength(text), tickets: Object.keys(state.tickets).length, stringify: summarize(stringify), write: summarize(write) };
}
