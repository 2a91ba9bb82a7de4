// The bookings on disk: an append-only journal (bookings.journal), one JSON line per booking
// written, its whole record; the last line of a code wins. Appended to the OS synchronously, then
// fsynced (journal-file.ts): a booking is acknowledged only once it is on disk, and a torn last line
// (kill -9 mid-write) was never acknowledged and is cut off at the next open. At open, a journal
// much longer than its live records is rewritten compactly (temp file, fsync, rename).
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Booking } from '@core/booking/types.ts';
import { openJournalFile } from '../store/journal-file.ts';
import { readJsonLines } from '../store/json-lines.ts';
import type { DayJournal } from '../store/journal-file.ts';
import { writeFileDurably } from '../store/durable-json-file.ts';

interface Line {
  b: Booking;
}

export interface OpenedLog {
  journal: DayJournal;
  bookings: Map<string, Booking>;
  path: string;
}

/** Reads every booking in the log (last record of a code wins). */
export async function readBookings(path: string): Promise<Map<string, Booking>> {
  const read = await readJsonLines<Line>(path);
  const out = new Map<string, Booking>();
  for (const entry of read?.lines ?? []) {
    if (entry && typeof entry === 'object' && entry.b && typeof entry.b.code === 'string') out.set(entry.b.code, entry.b);
  }
  return out;
}

export async function openBookingLog(dir: string): Promise<OpenedLog> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'bookings.journal');
  const bookings = await readBookings(path);
  const journal = await openJournalFile(path);
  if (journal.entriesAtOpen > 2 * bookings.size + 1000) {
    await journal.close();
    await writeFileDurably(path, [...bookings.values()].map((b) => lineOf(b)).join(''));
    return { journal: await openJournalFile(path), bookings, path };
  }
  return { journal, bookings, path };
}

export function lineOf(b: Booking): string {
  return JSON.stringify({ b } satisfies Line) + '\n';
}
