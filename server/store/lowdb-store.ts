// Embedded default store: lowdb JSON documents under a data folder, written durably.
//   config.json     the center's configuration
//   accounts.json   people, devices and sessions (hashed secrets)
//   days/YYYY-MM-DD.json      a snapshot of one local day: tickets and counter states
//   days/YYYY-MM-DD.journal   the changes since that snapshot, one JSON line per command
import { Low } from 'lowdb';
import { access, chmod, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CenterConfig } from '@core/config.ts';
import type { DayState } from '@core/ticket.ts';
import type { Accounts } from '../auth/records.ts';
import type { Store } from './store.ts';
import { DurableJSONFile, writeFileDurably } from './durable-json-file.ts';
import { deleteJournalFile, openJournalFile, readJournal } from './journal-file.ts';
import type { DayJournal } from './journal-file.ts';
import { applyChangesInPlace } from './day-changes.ts';
import { emptyDay } from '@core/ticket.ts';

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.(json|journal)$/;

export class LowdbStore implements Store {
  readonly description: string;

  constructor(readonly dataDir: string) {
    this.description = `lowdb (${dataDir})`;
  }

  private async read<T>(path: string): Promise<T | null> {
    const db = new Low<T | null>(new DurableJSONFile<T | null>(path), null);
    await db.read();
    return db.data;
  }

  private async write<T>(path: string, data: T): Promise<void> {
    const db = new Low<T>(new DurableJSONFile<T>(path), data);
    await db.write();
  }

  readConfig(): Promise<CenterConfig | null> {
    return this.read<CenterConfig>(join(this.dataDir, 'config.json'));
  }

  writeConfig(config: CenterConfig): Promise<void> {
    return this.write(join(this.dataDir, 'config.json'), config);
  }

  readAccounts(): Promise<Accounts | null> {
    return this.read<Accounts>(join(this.dataDir, 'accounts.json'));
  }

  writeAccounts(accounts: Accounts): Promise<void> {
    return this.write(join(this.dataDir, 'accounts.json'), accounts);
  }

  private dayPath(day: string, ext: 'json' | 'journal' = 'json'): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`bad day ${day}`);
    return join(this.dataDir, 'days', `${day}.${ext}`);
  }

  async readDay(day: string): Promise<DayState | null> {
    const snapshot = await this.read<DayState>(this.dayPath(day));
    const journal = await readJournal(this.dayPath(day, 'journal'));
    if (!journal || journal.entries.length === 0) return snapshot;
    const state = snapshot ?? emptyDay(day);
    let seq = state.journalSeq ?? 0;
    for (const entry of journal.entries) {
      if (entry.n <= seq) continue; // already in the snapshot
      applyChangesInPlace(state, entry.c);
      seq = entry.n;
    }
    state.journalSeq = seq;
    return state;
  }

  async openJournal(day: string): Promise<DayJournal> {
    await mkdir(join(this.dataDir, 'days'), { recursive: true });
    return openJournalFile(this.dayPath(day, 'journal'));
  }

  async hasJournal(day: string): Promise<boolean> {
    return access(this.dayPath(day, 'journal')).then(() => true, () => false);
  }

  deleteJournal(day: string): Promise<void> {
    return deleteJournalFile(this.dayPath(day, 'journal'));
  }

  writeDay(state: DayState): Promise<void> {
    return this.write(this.dayPath(state.day), state);
  }

  async listDays(): Promise<string[]> {
    try {
      const names = await readdir(join(this.dataDir, 'days'));
      const days = names.map((n) => DAY_FILE.exec(n)?.[1]).filter((d): d is string => !!d);
      return [...new Set(days)].sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  }

  async writeNote(name: string, text: string): Promise<string> {
    const path = join(this.dataDir, name);
    await writeFileDurably(path, text);
    await chmod(path, 0o600);
    return path;
  }
}
