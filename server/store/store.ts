// The store interface: what the server needs from durable storage. LowdbStore is the embedded
// default; a PostgreSQL store can implement the same interface later.
import type { CenterConfig } from '@core/config.ts';
import type { DayState } from '@core/ticket.ts';
import type { Accounts } from '../auth/records.ts';
import type { DayJournal } from './journal-file.ts';

export interface Store {
  readonly description: string;
  readConfig(): Promise<CenterConfig | null>;
  writeConfig(config: CenterConfig): Promise<void>;
  readAccounts(): Promise<Accounts | null>;
  writeAccounts(accounts: Accounts): Promise<void>;
  /**
   * A local day: its last snapshot with its journal replayed on top. One document per day keeps
   * history out of today's writes; the journal keeps a change's write as small as the change.
   */
  readDay(day: string): Promise<DayState | null>;
  /** A durable snapshot of the day; `journalSeq` says which journal entries it already holds. */
  writeDay(state: DayState): Promise<void>;
  openJournal(day: string): Promise<DayJournal>;
  hasJournal(day: string): Promise<boolean>;
  deleteJournal(day: string): Promise<void>;
  /** Days with stored data, oldest first. */
  listDays(): Promise<string[]>;
  /** Write a small text file next to the data (first-start credentials). */
  writeNote(name: string, text: string): Promise<string>;
}
