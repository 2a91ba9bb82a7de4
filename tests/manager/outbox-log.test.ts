// The export outbox on disk: what was written before a crash is there after it, a torn last line
// is cut off, and a log full of superseded versions is rewritten without moving any cursor.
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxLog } from '../../server/outbox/outbox-log.ts';

let dir: string;
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe('outbox log', () => {
  it('keeps versions, cursors and deliveries across a reopen, and cuts a torn tail', async () => {
    dir = await mkdtemp(join(tmpdir(), 'luot-outbox-'));
    const path = join(dir, 'outbox.log');
    const log = await OutboxLog.open(path);
    await log.appendVersion('a', '2026-11-23', 'h1', 1000);
    await log.appendVersion('b', '2026-11-23', 'h2', 2000);
    await log.markDelivered('a', 1, 3000);
    await log.appendVersion('a', '2026-11-23', 'h3', 4000); // a late rating: revision 2 of a
    await log.close();
    await appendFile(path, '{"s":9,"k":"c","d":"2026-11-23","r":1,'); // the process died mid-line

    const again = await OutboxLog.open(path);
    expect(again.get('a')).toMatchObject({ rev: 2, seq: 3, hash: 'h3', deliveredRev: 1, deliveredAt: 3000, dueAt: 4000 });
    expect(again.get('b')).toMatchObject({ rev: 1, seq: 2, deliveredRev: 0 });
    expect(again.get('c')).toBeUndefined();
    expect(again.after(0, 10).entries.map((e) => [e.key, e.seq])).toEqual([['b', 2], ['a', 3]]);
    expect(again.after(2, 10).entries.map((e) => e.key)).toEqual(['a']);
    expect(again.after(0, 1)).toMatchObject({ more: true });
    const next = await again.appendVersion('c', '2026-11-24', 'h4', 5000);
    expect(next.seq).toBe(4); // the torn line's number was never given out
    await again.close();
    expect((await readFile(path, 'utf8')).endsWith('"t":5000}\n')).toBe(true);
  });

  it('rewrites a log of mostly superseded lines, cursors unchanged', async () => {
    dir = await mkdtemp(join(tmpdir(), 'luot-outbox-'));
    const path = join(dir, 'outbox.log');
    const log = await OutboxLog.open(path);
    for (let rev = 1; rev <= 1_200; rev++) await log.appendVersion('busy', '2026-11-23', `h${rev}`, rev);
    await log.appendVersion('quiet', '2026-11-23', 'q', 9);
    await log.markDelivered('quiet', 1, 10);
    await log.close();
    const before = (await readFile(path, 'utf8')).split('\n').length;
    const again = await OutboxLog.open(path);
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(before).toBeGreaterThan(1_200);
    expect(lines).toHaveLength(3); // busy's last version, quiet's version, quiet's delivery
    expect(again.after(0, 10).entries.map((e) => [e.key, e.seq, e.rev])).toEqual([['busy', 1200, 1200], ['quiet', 1201, 1]]);
    expect(again.get('quiet')!.deliveredRev).toBe(1);
    expect((await again.appendVersion('quiet', '2026-11-23', 'q2', 11)).seq).toBe(1202);
    await again.close();
  });
});
