// Compact report rows of every past day, in memory. Built once, in one pass over the day files
// (at the first report or when a manager connects), then grown by one day at each midnight. A
// report then aggregates rows instead of parsing a year of JSON (~100 MB) per request.
import type { Logger } from 'pino';
import type { ReportRow } from '@core/reports.ts';
import { reportRow } from '@core/reports.ts';
import type { Store } from '../store/store.ts';

export interface HistoryStats {
  days: number;
  rows: number;
  loadMs: number | null;
}

export class HistoryTable {
  private readonly days = new Map<string, ReportRow[]>();
  /** Day keys, sorted, for range scans. */
  private sorted: string[] = [];
  private loading: Promise<void> | null = null;
  private loadMs: number | null = null;

  constructor(
    private readonly store: Store,
    /** Today's local day: its rows come from the live state, never from here. */
    private readonly today: () => string,
    private readonly log: Logger,
  ) {}

  /** Resolves once every past day is in the table (starts loading on the first call). */
  ready(): Promise<void> {
    this.loading ??= this.load().catch((err: unknown) => {
      this.loading = null; // the next report tries again
      throw err;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    const started = performance.now();
    const today = this.today();
    for (const day of await this.store.listDays()) {
      if (day >= today || this.days.has(day)) continue;
      try {
        await this.readDay(day);
      } catch (err) {
        // One unreadable day must not take every report down with it: it is left out, and said so.
        this.log.error({ err, day }, 'a day file could not be read; reports leave it out');
      }
      // One day at a time, letting the queue's own work through in between.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.loadMs = performance.now() - started;
    this.log.info({ days: this.days.size, rows: this.rowCount(), ms: Math.round(this.loadMs) }, 'report history loaded');
  }

  private async readDay(day: string): Promise<void> {
    const state = await this.store.readDay(day);
    const rows = state ? Object.values(state.tickets).map(reportRow) : [];
    if (!this.days.has(day)) this.sorted = [...this.sorted, day].sort();
    this.days.set(day, rows);
  }

  /** A day just closed (midnight): read its final file, once the table exists. */
  async addDay(day: string): Promise<void> {
    if (!this.loading) return; // not built yet: the first load will read it
    await this.loading;
    await this.readDay(day);
  }

  /** Rows of the past days within [from, to], one array per day. */
  chunks(from: string, to: string): ReportRow[][] {
    const out: ReportRow[][] = [];
    for (const day of this.sorted) {
      if (day < from) continue;
      if (day > to) break;
      out.push(this.days.get(day)!);
    }
    return out;
  }

  knownDays(): readonly string[] {
    return this.sorted;
  }

  private rowCount(): number {
    let n = 0;
    for (const rows of this.days.values()) n += rows.length;
    return n;
  }

  stats(): HistoryStats {
    return { days: this.days.size, rows: this.rowCount(), loadMs: this.loadMs };
  }
}
