// No file handle is left for the garbage collector (Node's DEP0137, "Closing a FileHandle object on
// garbage collection", printed by `npm test` in issue 17): a log whose set-up fails closes what it
// opened, and an app that closes leaves no file of its data folder open. Counted in /proc/self/fd,
// which shows a leaked handle at once, whenever the collector would run.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { indexConfig } from '@core/config.ts';
import { LiveConfig } from '../../server/config/live-config.ts';
import { EventBus } from '../../server/events/event-bus.ts';
import { MessageCenter } from '../../server/messages/message-center.ts';
import { MessageJournal } from '../../server/messages/journal.ts';
import { OutboxLog } from '../../server/outbox/outbox-log.ts';
import { openJournalFile } from '../../server/store/journal-file.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { must, startServer, TestClock } from '../helpers/server.ts';

/** The paths this process has open right now. */
async function openPaths(): Promise<string[]> {
  const fds = await readdir('/proc/self/fd');
  const paths = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  return paths.filter(Boolean);
}
const count = async (path: string) => (await openPaths()).filter((p) => p === path).length;

const dirs: string[] = [];
afterEach(async () => { for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true }); });

describe('file handles', () => {
  // /dev/null opens for appending but cannot be truncated (EINVAL): a set-up that fails after open().
  it('a day journal, an outbox log and the message journal that cannot be set up close their file', async () => {
    const before = await count('/dev/null');
    await expect(openJournalFile('/dev/null')).rejects.toThrow();
    await expect(OutboxLog.open('/dev/null')).rejects.toThrow();
    await expect(MessageJournal.open('/dev/null', { now: 0, retentionMs: 1, keep: () => true })).rejects.toThrow();
    expect(await count('/dev/null')).toBe(before);
  });

  it('messages that cannot start close the outbox logs they had opened', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'luot-fd-'));
    dirs.push(dir);
    await mkdir(join(dir, 'messages.log')); // a folder where the journal should be: it cannot be read
    const logger = pino({ level: 'silent' });
    const start = MessageCenter.start(
      { config: new LiveConfig(indexConfig(testCenterConfig())), clock: new TestClock(), bus: new EventBus(logger), logger },
      { dir, settingsPath: null },
    );
    await expect(start).rejects.toThrow(/EISDIR/);
    expect((await openPaths()).filter((p) => p.startsWith(dir))).toEqual([]);
  });

  it('an app that closes leaves no file of its data folder open', async () => {
    const server = await startServer({ exportSettings: { apiKey: 'khoa-thu-nghiem-du-dai-0123456789' } });
    dirs.push(server.dataDir);
    const kiosk = await server.device('kiosk1');
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'tap-00000001' });
    await must(officer, 'ticket:call-next', {});
    await must(officer, 'ticket:finish', {});
    expect((await openPaths()).some((p) => p.startsWith(server.dataDir))).toBe(true); // the day's journal, the outboxes
    await server.close();
    expect((await openPaths()).filter((p) => p.startsWith(server.dataDir))).toEqual([]);
  });
});
