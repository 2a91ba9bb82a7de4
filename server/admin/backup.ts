// Backup and restore of the data folder as one JSON bundle (core/backup.ts). A restore is checked
// whole, staged in data/restore-pending/ (manifest written last), and applied when the app next
// starts, before anything is read: the running queue and accounts live in memory and would write
// over files replaced under them. Under server/supervisor.ts that start follows at once, in the
// same process. What it replaces is kept in data/restore-previous/.
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { AuditEntry } from '@core/protocol.ts';
import type { BackupBundle } from '@core/backup.ts';
import { BACKUP_FILE, BACKUP_FORMAT, BACKUP_VERSION } from '@core/backup.ts';
import { writeFileDurably } from '../store/durable-json-file.ts';
import { carryNumbering } from './restore-numbering.ts';

const PENDING = 'restore-pending';
const PREVIOUS = 'restore-previous';
const MANIFEST = 'manifest.json';

const exists = (path: string) => stat(path).then(() => true, () => false);

/** The data folder's files that a backup holds, as relative paths. */
async function dataFiles(dataDir: string): Promise<string[]> {
  const top = ['config.json', 'accounts.json', 'audit.jsonl'];
  const days = await readdir(join(dataDir, 'days')).catch(() => [] as string[]);
  const names = [...top, ...days.map((d) => `days/${d}`)].filter((n) => BACKUP_FILE.test(n));
  const present = await Promise.all(names.map((n) => exists(join(dataDir, n))));
  return names.filter((_, i) => present[i]);
}

export async function readBackup(dataDir: string, now: number): Promise<BackupBundle> {
  const files: Record<string, string> = {};
  for (const name of await dataFiles(dataDir)) files[name] = await readFile(join(dataDir, name), 'utf8');
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now, files };
}

/**
 * Writes a checked bundle aside; nothing in use is touched until the next start. `auditEntry` (the
 * restore's own audit line) is appended to the staged audit log: the restored log replaces the
 * current one, and the restore must not erase the record of itself.
 */
export async function stageRestore(dataDir: string, bundle: BackupBundle, now: number, auditEntry?: AuditEntry): Promise<void> {
  const pending = join(dataDir, PENDING);
  await rm(pending, { recursive: true, force: true });
  // An earlier restore's leftovers keep their own name, so this one's are not mixed with them.
  if (await exists(join(dataDir, PREVIOUS))) {
    let aside = join(dataDir, `${PREVIOUS}-${now}`);
    for (let n = 2; await exists(aside); n += 1) aside = join(dataDir, `${PREVIOUS}-${now}-${n}`);
    await rename(join(dataDir, PREVIOUS), aside);
  }
  const files = { ...bundle.files };
  if (auditEntry) files['audit.jsonl'] = withLine(files['audit.jsonl'] ?? '', JSON.stringify(auditEntry));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(pending, name)), { recursive: true });
    await writeFileDurably(join(pending, name), text);
  }
  await writeFileDurably(join(pending, MANIFEST), JSON.stringify({ files: Object.keys(files), createdAt: bundle.createdAt }));
}

/** A log whose last line was torn by a crash keeps that fragment on a line of its own. */
function withLine(log: string, line: string): string {
  return `${log}${log === '' || log.endsWith('\n') ? '' : '\n'}${line}\n`;
}

/**
 * At start: apply a staged restore. Safe to run again after a crash part-way: a file is set aside
 * only while its replacement is still pending (or when the bundle has none), and a pending file
 * is moved in only if it is still there.
 */
export async function applyPendingRestore(dataDir: string, logger: Logger): Promise<boolean> {
  const pending = join(dataDir, PENDING);
  let manifest: { files: string[] };
  try {
    manifest = JSON.parse(await readFile(join(pending, MANIFEST), 'utf8')) as { files: string[] };
  } catch {
    return false; // nothing staged, or staging never finished (no manifest): the data stays as it is
  }
  const incoming = new Set(manifest.files.filter((f) => BACKUP_FILE.test(f)));
  const previous = join(dataDir, PREVIOUS);
  for (const name of await dataFiles(dataDir)) {
    if (incoming.has(name) && !(await exists(join(pending, name)))) continue; // already restored
    if (await exists(join(previous, name))) continue;
    await mkdir(dirname(join(previous, name)), { recursive: true });
    await rename(join(dataDir, name), join(previous, name));
  }
  for (const name of incoming) {
    if (!(await exists(join(pending, name)))) continue;
    await mkdir(dirname(join(dataDir, name)), { recursive: true });
    await rename(join(pending, name), join(dataDir, name));
  }
  // Numbers handed out since the backup stay handed out (restore-numbering.ts); before the staged
  // folder goes, so a crash here runs it again.
  const replacedDays = (await readdir(join(previous, 'days')).catch(() => [] as string[]))
    .map((n) => /^(\d{4}-\d{2}-\d{2})\.(json|journal)$/.exec(n)?.[1]).filter((d): d is string => d !== undefined);
  await carryNumbering(dataDir, previous, [...new Set(replacedDays)], logger);
  await rm(pending, { recursive: true, force: true });
  logger.warn({ module: 'backup', files: incoming.size, previous }, 'restored the data folder from a backup');
  return true;
}
