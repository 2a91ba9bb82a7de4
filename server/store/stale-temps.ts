// Temp files of durable writes that never reached their rename (the process was killed between
// write and rename): `.<name>.<pid>.<n>.tmp`, written by writeFileDurably (durable-json-file.ts)
// for days, config, accounts, the audit log, outboxes, a staged restore. Nothing reads them; left
// alone they pile up (up to a day's size each). Removed at start: only names of that pattern, and
// never one of this process (an in-process restart may be writing it now).
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';

const TEMP = /^\..+\.(\d+)\.\d+\.tmp$/;
/** A temp of another live process younger than this may be one it is writing now. */
const FRESH_MS = 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes stale temp files under `dir` (and its subfolders); returns the paths removed. */
export async function removeStaleTemps(dir: string, logger: Logger, now = Date.now()): Promise<string[]> {
  const removed = await walk(dir, logger, now);
  if (removed.length > 0) logger.info({ dir, removed: removed.length }, 'removed temp files of interrupted writes');
  return removed;
}

async function walk(dir: string, logger: Logger, now: number): Promise<string[]> {
  const removed: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return removed;
    throw e;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      removed.push(...await walk(path, logger, now));
      continue;
    }
    const match = entry.isFile() ? TEMP.exec(entry.name) : null;
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid) continue;
    if (alive(pid) && now - (await stat(path)).mtimeMs < FRESH_MS) continue;
    await unlink(path).catch((err: unknown) => logger.error({ err, path }, 'could not remove a stale temp file'));
    removed.push(path);
  }
  return removed;
}
