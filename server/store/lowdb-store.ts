// Embedded default store: lowdb JSON documents under a data folder, written durably.
//   config.json     the center's configuration
//   accounts.json   people, devices and sessions (hashed secrets)
//   days/YYYY-MM-DD.json   one local day of tickets and counter states
import { Low } from 'lowdb';
import { readdir, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import type { CenterConfig } from '@core/config.ts';
import type { DayState } from '@core/ticket.ts';
import type { Accounts } from '../auth/records.ts';
import type { Store } from './store.ts';
import { DurableJSONFile, writeFileDurably } from './durable-json-file.ts';

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;

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

  private dayPath(day: string): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`bad day ${day}`);
    return join(this.dataDir, 'days', `${day}.json`);
  }

  readDay(day: string): Promise<DayState | null> {
    return this.read<DayState>(this.dayPath(day));
  }

  writeDay(state: DayState): Promise<void> {
    return this.write(this.dayPath(state.day), state);
  }

  async listDays(): Promise<string[]> {
    try {
      const names = await readdir(join(this.dataDir, 'days'));
      return names.map((n) => DAY_FILE.exec(n)?.[1]).filter((d): d is string => !!d).sort();
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
