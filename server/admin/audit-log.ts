// The audit log: every admin action (who, what, before/after, when) as one JSON line, appended
// and fsynced before the action is reported done. Append-only: nothing here rewrites a line.
import { mkdir, open, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AuditEntry } from '@core/protocol.ts';
import type { Column } from '@core/report-tables.ts';
import { csvHeader, csvLine } from '../export/files.ts';
import type { Store } from '../store/store.ts';
import { LowdbStore } from '../store/lowdb-store.ts';

export const AUDIT_COLUMNS: Column[] = [
  { header: 'Thời điểm / Time', kind: 'time', width: 20 },
  { header: 'Người thực hiện / Who', kind: 'text', width: 16 },
  { header: 'Thao tác / Action', kind: 'text', width: 18 },
  { header: 'Đối tượng / Target', kind: 'text', width: 18 },
  { header: 'Trước / Before', kind: 'text', width: 40 },
  { header: 'Sau / After', kind: 'text', width: 40 },
];

export class AuditLog {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  /** One line, durably; appends run one at a time so lines never interleave. */
  append(entry: AuditEntry): Promise<void> {
    const run = this.tail.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      const handle = await open(this.file, 'a');
      try {
        await handle.write(JSON.stringify(entry) + '\n');
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    this.tail = run.catch(() => {});
    return run;
  }

  /** The newest entries first. A torn last line (a crash mid-append) is skipped, not fatal. */
  async recent(limit: number): Promise<AuditEntry[]> {
    await this.tail;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const entries: AuditEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        // a partly written line from a crash: the action it describes was never acknowledged
      }
    }
    return entries.reverse().slice(0, limit);
  }

  static csv(entries: AuditEntry[]): string {
    const show = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
    return csvHeader(AUDIT_COLUMNS) + entries.map((e) => csvLine([e.at, e.actor.username, e.action, e.target, show(e.before), show(e.after)], AUDIT_COLUMNS)).join('');
  }
}

/** data/audit.jsonl next to the other data files; a store without a folder logs to the temp folder. */
export function auditFileOf(store: Store): string {
  return store instanceof LowdbStore ? join(store.dataDir, 'audit.jsonl') : join(tmpdir(), `luot-audit-${process.pid}.jsonl`);
}
