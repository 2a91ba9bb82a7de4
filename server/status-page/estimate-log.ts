// The later estimates a citizen read on the status page (the one at issue is on the ticket), kept as
// a separate record so a page view never writes through the queue: a few per ticket, only when the
// figure changed, appended as JSON lines to <data>/estimates/YYYY-MM-DD.jsonl.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';

/** At most this many later estimates per ticket: the first ones and the last say enough. */
export const MAX_LATER_ESTIMATES = 8;

export interface LaterEstimate {
  ticketId: string;
  at: number;
  ahead: number;
  etaMin: number | null;
}

export class EstimateLog {
  private readonly byTicket = new Map<string, LaterEstimate[]>();
  private day = '';
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly dir: string | null, private readonly log: Logger) {}

  /** A status page showed `etaMin` for a waiting ticket of `day`; resolves once it is written. */
  note(day: string, entry: LaterEstimate): Promise<void> {
    if (day !== this.day) {
      this.byTicket.clear(); // a new day: yesterday's tickets are no longer waiting
      this.day = day;
    }
    const list = this.byTicket.get(entry.ticketId) ?? [];
    const last = list[list.length - 1];
    if (last && last.etaMin === entry.etaMin && last.ahead === entry.ahead) return this.writing;
    if (list.length >= MAX_LATER_ESTIMATES) return this.writing;
    list.push(entry);
    this.byTicket.set(entry.ticketId, list);
    if (!this.dir) return this.writing;
    const dir = this.dir;
    this.writing = this.writing
      .then(() => mkdir(dir, { recursive: true }))
      .then(() => appendFile(join(dir, `${day}.jsonl`), JSON.stringify(entry) + '\n'))
      .catch((err: unknown) => this.log.error({ err, module: 'estimate-log' }, 'could not record a status-page estimate'));
    return this.writing;
  }

  /** Later estimates of a ticket of today, oldest first. */
  of(ticketId: string): readonly LaterEstimate[] {
    return this.byTicket.get(ticketId) ?? [];
  }

  /** Every later estimate recorded on a day (from its file). */
  async readDay(day: string): Promise<LaterEstimate[]> {
    await this.writing;
    if (!this.dir) return day === this.day ? [...this.byTicket.values()].flat() : [];
    const text = await readFile(join(this.dir, `${day}.jsonl`), 'utf8').catch(() => '');
    return text.split('\n').filter((l) => l.trim() !== '').flatMap((l) => {
      try {
        return [JSON.parse(l) as LaterEstimate];
      } catch {
        return []; // a line cut by a crash
      }
    });
  }
}
