// A restore must never hand out a number again. The data a restore replaces may hold tickets
// issued after the backup was taken: their numbers were handed out, printed and called. When a
// restore is applied (backup.ts), the latest day it replaced keeps, per prefix, the higher of the
// two sequences, and the tickets it dropped are listed in `restore-dropped.json` (outside what a
// backup holds), so their QR codes read "no longer valid after a data restore", not "not found".
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { emptyDay } from '@core/ticket.ts';
import { writeFileDurably } from '../store/durable-json-file.ts';
import { LowdbStore } from '../store/lowdb-store.ts';

export const DROPPED_FILE = 'restore-dropped.json';

export interface DroppedTicket {
  day: string;
  number: string;
  serviceCode: string;
  issuedAt: number;
}

export type DroppedTickets = Record<string, DroppedTicket>;

export async function readDroppedTickets(dataDir: string): Promise<DroppedTickets> {
  try {
    return JSON.parse(await readFile(join(dataDir, DROPPED_FILE), 'utf8')) as DroppedTickets;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw e;
  }
}

/**
 * `replacedDir` holds the files the restore set aside (same layout as the data folder). Idempotent:
 * run again after a crash part-way, it takes the same maxima and lists the same tickets.
 */
export async function carryNumbering(dataDir: string, replacedDir: string, replacedDays: string[], logger: Logger): Promise<void> {
  const day = replacedDays.sort().at(-1);
  if (!day) return;
  const before = await new LowdbStore(replacedDir).readDay(day).catch(() => null);
  if (!before) return;
  const store = new LowdbStore(dataDir);
  const restored = (await store.readDay(day)) ?? emptyDay(day);
  const sequences = { ...restored.sequences };
  let raised = 0;
  for (const [prefix, n] of Object.entries(before.sequences)) {
    if ((sequences[prefix] ?? 0) < n) {
      sequences[prefix] = n;
      raised += 1;
    }
  }
  const dropped = await readDroppedTickets(dataDir);
  let droppedNow = 0;
  for (const t of Object.values(before.tickets)) {
    if (restored.tickets[t.id] || dropped[t.id]) continue;
    dropped[t.id] = { day: t.day, number: t.number, serviceCode: t.serviceCode, issuedAt: t.issuedAt };
    droppedNow += 1;
  }
  if (droppedNow > 0) await writeFileDurably(join(dataDir, DROPPED_FILE), JSON.stringify(dropped));
  if (raised > 0) await store.writeDay({ ...restored, sequences });
  logger.warn({ module: 'backup', day, raised, dropped: droppedNow }, 'kept the numbers handed out before the restore');
}
