// Reading an append-only file of JSON lines (the day's journal, the outboxes, the message
// journal): the complete lines, and the byte length they end at. A torn last line (the process
// died mid-write) or a garbled one ends the read: nothing after it can be trusted, and the
// writer cuts the file back to `validLength` before appending again.
import { readFile } from 'node:fs/promises';

export async function readJsonLines<T>(path: string): Promise<{ lines: T[]; validLength: number } | null> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const lines: T[] = [];
  let offset = 0;
  while (offset < buf.length) {
    const end = buf.indexOf(0x0a, offset);
    if (end < 0) break; // torn tail: no newline
    try {
      lines.push(JSON.parse(buf.subarray(offset, end).toString('utf8')) as T);
    } catch {
      break;
    }
    offset = end + 1;
  }
  return { lines, validLength: offset };
}
