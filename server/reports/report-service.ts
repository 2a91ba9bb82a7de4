// Reports for managers: the query checked against the calendar and the configuration, past days
// from the in-memory history table, today from the live state, aggregation in core/reports.ts.
import type { ZodType } from 'zod';
import type { ExportTable } from '@core/protocol.ts';
import type { Report, ReportMeta, ReportQuery, ReportRow } from '@core/reports.ts';
import { buildReport, matches, reportRow } from '@core/reports.ts';
import { rangeProblem, unknownFilterValues } from '@core/report-query.ts';
import type { Ticket } from '@core/ticket.ts';
import type { Logger } from 'pino';
import type { DomainEvent } from '@core/commands.ts';
import type { AccountService } from '../auth/accounts.ts';
import type { LiveConfig } from '../config/live-config.ts';
import type { Extension } from '../events/extensions.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { Store } from '../store/store.ts';
import { ackError, validationError } from '../refusals.ts';
import type { AckError } from '@core/protocol.ts';
import { HistoryTable } from './history-table.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; status: number; error: AckError };

interface RawQuery {
  from: string;
  to: string;
  department: string[];
  service: string[];
  counter: number[];
  officer: string[];
}

export interface ReportServiceDeps {
  store: Store;
  queue: Pick<QueueService, 'current'>;
  config: LiveConfig;
  accounts: Pick<AccountService, 'users' | 'displayName'>;
  logger: Logger;
}

export class ReportService implements Extension {
  readonly name = 'reports';
  readonly history: HistoryTable;
  private readonly log: Logger;

  constructor(private readonly deps: ReportServiceDeps) {
    this.log = deps.logger.child({ module: 'reports' });
    this.history = new HistoryTable(deps.store, () => deps.queue.current.day, this.log);
  }

  /** A day that closes joins the history the reports read. */
  onQueueEvents(events: DomainEvent[]): void {
    for (const e of events) {
      if (e.type !== 'day:started') continue;
      // The day that just closed is on disk now (the rollover writes it before telling anyone).
      this.deps.store.listDays()
        .then((days) => Promise.all(days.filter((d) => d < e.day).slice(-1).map((d) => this.history.addDay(d))))
        .catch((err: unknown) => this.log.error({ err }, 'could not add the closed day'));
    }
  }

  /** Parse and check a query: the schema, then real dates in a sane order, then known codes. */
  check<T extends RawQuery>(schema: ZodType<T>, raw: unknown): Checked<{ query: ReportQuery; extra: T }> {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { ok: false, status: 400, error: validationError(parsed.error) };
    const q = parsed.data;
    const problem = rangeProblem(q.from, q.to, this.deps.queue.current.day);
    if (problem) return { ok: false, status: 400, error: ackError('INVALID_DATE_RANGE', { reason: problem }) };
    const filters = { departments: q.department, services: q.service, counters: q.counter, officers: q.officer };
    const issues = unknownFilterValues(filters, this.deps.config.index, new Set(this.officers().map((o) => o.id)));
    if (issues.length > 0) return { ok: false, status: 400, error: ackError('VALIDATION_FAILED', {}, issues) };
    return { ok: true, value: { query: { from: q.from, to: q.to, filters }, extra: q } };
  }

  /** People who can appear in reports: officers, and managers who also served at a counter. */
  officers(): { id: string; name: string; role: string }[] {
    return this.deps.accounts.users().map((u) => ({ id: u.id, name: u.displayName, role: u.role }));
  }

  private officerName = (id: string | null): string | null => this.deps.accounts.displayName(id);

  private chunks(query: ReportQuery): ReportRow[][] {
    const chunks = this.history.chunks(query.from, query.to);
    const live = this.deps.queue.current;
    if (live.day >= query.from && live.day <= query.to) chunks.push(Object.values(live.tickets).map(reportRow));
    return chunks;
  }

  async report(query: ReportQuery): Promise<{ report: Report; meta: ReportMeta }> {
    await this.history.ready();
    const started = performance.now();
    const chunks = this.chunks(query);
    const report = buildReport(chunks, query, this.deps.config.index, this.officerName);
    const rows = chunks.reduce((n, c) => n + c.length, 0);
    return { report, meta: { rows, ms: performance.now() - started, historyDays: this.history.stats().days } };
  }

  /** Tickets of the range that pass the filters, day by day, read from the day files (exports). */
  async *tickets(query: ReportQuery): AsyncIterable<Ticket> {
    const live = this.deps.queue.current;
    const days = (await this.deps.store.listDays()).filter((d) => d >= query.from && d <= query.to && d !== live.day);
    if (live.day >= query.from && live.day <= query.to) days.push(live.day);
    for (const day of days) {
      const state = day === live.day ? live : await this.deps.store.readDay(day).catch((err: unknown) => {
        // As in the reports: an unreadable day is left out (and logged), the rest still exported.
        this.log.error({ err, day }, 'a day file could not be read; the export leaves it out');
        return null;
      });
      if (!state) continue;
      const tickets = Object.values(state.tickets).sort((a, b) => a.issuedAt - b.issuedAt || a.seq - b.seq);
      for (const t of tickets) if (matches(reportRow(t), query)) yield t;
    }
  }

  static exportFileName(query: ReportQuery, table: ExportTable | 'workbook', ext: string): string {
    const name = table === 'workbook' ? 'bao-cao' : `bao-cao-${table}`;
    return `luot-${name}-${query.from}_${query.to}.${ext}`;
  }
}
