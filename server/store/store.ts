// The store interface: what the server needs from durable storage. LowdbStore is the embedded
// default; a PostgreSQL store can implement the same interface later.
import type { CenterConfig } from '@core/config.ts';
import type { DayState } from '@core/ticket.ts';
import type { Accounts } from '../auth/records.ts';

export interface Store {
  readonly description: string;
  readConfig(): Promise<CenterConfig | null>;
  writeConfig(config: CenterConfig): Promise<void>;
  readAccounts(): Promise<Accounts | null>;
  writeAccounts(accounts: Accounts): Promise<void>;
  /** One document per local day keeps each write small however long the history grows. */
  readDay(day: string): Promise<DayState | null>;
  writeDay(state: DayState): Promise<void>;
  /** Days with stored data, oldest first. */
  listDays(): Promise<string[]>;
  /** Write a small text file next to the data (first-start credentials). */
  writeNote(name: string, text: string): Promise<string>;
}
