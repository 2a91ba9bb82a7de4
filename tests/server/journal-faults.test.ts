// A day journal that cannot be opened or written (read-only remount, immutable file, wrong owner):
// every command is refused, the manager is told, the server stays up, and it recovers by itself
// once the file takes writes again.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { indexConfig } from '@core/config.ts';
import { buildManagerLive } from '@core/manager-live.ts';
import type { DayJournal } from '../../server/store/journal-file.ts';
import { LiveConfig } from '../../server/config/live-config.ts';
import { EventBus } from '../../server/events/event-bus.ts';
import { QueueService } from '../../server/queue/queue-service.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { TestClock } from '../helpers/server.ts';
import { testCenterConfig } from '../helpers/center.ts';

const eperm = () => Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });

/** The real store and journal, with a switch that makes the journal refuse like an immutable file. */
class LockedStore extends LowdbStore {
  locked = false;
  override async openJournal(day: string): Promise<DayJournal> {
    if (this.locked) throw eperm();
    const real = await super.openJournal(day);
    return {
      ...real,
      append: (text: string) => {
        if (this.locked) throw eperm();
        real.append(text);
      },
    };
  }
}

const dirs: string[] = [];
const queues: QueueService[] = [];
afterEach(async () => {
  for (const q of queues.splice(0)) await q.close();
  for (const d of dirs.splice(0)) {
    try { execFileSync('chattr', ['-R', '-i', d], { stdio: 'ignore' }); } catch { /* not set */ }
    await rm(d, { recursive: true, force: true });
  }
});

async function open<S extends LowdbStore>(store: (dir: string) => S) {
  const dir = await mkdtemp(join(tmpdir(), 'luot-fault-'));
  dirs.push(dir);
  const s = store(dir);
  const bus = new EventBus(pino({ level: 'silent' }));
  const index = indexConfig(testCenterConfig());
  const queue = await QueueService.open(s, new TestClock(), new LiveConfig(index), bus, pino({ level: 'silent' }));
  queues.push(queue);
  return { dir, store: s, queue, bus, index };
}

const issue = (id: string) => ({ type: 'issue' as const, id, serviceCode: 'DATDAI', priority: null, source: { kind: 'kiosk' as const, deviceId: 'k1', requestId: null } });
const id = (n: number) => `ticket-${String(n).padStart(16, '0')}`;
/** Resolves at the next storage change whose fault state matches. */
const storage = (bus: EventBus, queue: QueueService, faulty: boolean) => new Promise<void>((resolve) => {
  const off = bus.on('storage.changed', () => {
    if ((queue.writeFault !== null) === faulty) { off(); resolve(); }
  });
});

describe('a journal that cannot be written', () => {
  it('already unwritable at start: commands are refused, the manager is alerted, and it recovers by itself', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'luot-fault-'));
    dirs.push(dir);
    const seeded = new LockedStore(dir);
    seeded.locked = true;
    const bus = new EventBus(pino({ level: 'silent' }));
    const index = indexConfig(testCenterConfig());
    const faulty = new Promise<void>((resolve) => { const off = bus.on('storage.changed', () => { off(); resolve(); }); });
    const queue = await QueueService.open(seeded, new TestClock(), new LiveConfig(index), bus, pino({ level: 'silent' }));
    queues.push(queue);
    await faulty; // known at start, before the first citizen
    expect(queue.writeFault?.error).toBe('EPERM');
    for (let i = 1; i <= 3; i++) await expect(queue.execute(issue(id(i)))).rejects.toThrow(/cannot be written/);
    const live = buildManagerLive({
      state: queue.current, index, now: Date.now(), officerName: () => null, devices: [], printFaults: [],
      exportStatus: {
        pushEnabled: false, pullEnabled: false, target: null, problem: null, records: 0, pending: 0, delivered: 0,
        oldestPendingAt: null, lastSuccessAt: null, lastAttemptAt: null, lastError: null, nextAttemptAt: null, refusedRecords: 0, lastRefusal: null,
      },
      writeFault: queue.writeFault,
    });
    expect(live.alerts.map((a) => [a.kind, a.severity])).toEqual([['storage-failing', 'critical']]);
    expect(live.alerts[0]!.text.vi).toContain('Không ghi được dữ liệu');
    expect(Object.keys(queue.current.tickets)).toEqual([]);

    const recovered = storage(bus, queue, false);
    seeded.locked = false;
    await recovered;
    const ok = await queue.execute(issue(id(4)));
    expect(ok.ok && ok.ticket?.number).toBe('A-001');
  });

  it('becoming unwritable under way: the command is refused, the next ones too, then it recovers', async () => {
    const { store, queue, bus } = await open((d) => new LockedStore(d));
    expect((await queue.execute(issue(id(1)))).ok).toBe(true);
    const faulty = storage(bus, queue, true);
    store.locked = true;
    await expect(queue.execute(issue(id(2)))).rejects.toThrow();
    await faulty;
    await expect(queue.execute(issue(id(3)))).rejects.toThrow();
    expect(Object.keys(queue.current.tickets)).toEqual([id(1)]);
    const recovered = storage(bus, queue, false);
    store.locked = false;
    await recovered;
    const ok = await queue.execute(issue(id(4)));
    expect(ok.ok && ok.ticket?.number).toBe('A-002');
    expect(Object.keys((await new LowdbStore(store.dataDir).readDay(queue.current.day))!.tickets).sort()).toEqual([id(1), id(4)]);
  });
});

function chattrWorks(): boolean {
  try {
    execFileSync('lsattr', ['-d', tmpdir()], { stdio: 'ignore' });
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
}

// `chattr +i` needs root and a file system that has the flag (ext4, xfs, btrfs): where it has not,
// the LockedStore tests above cover the same paths.
describe.runIf(chattrWorks())('a real immutable journal file (chattr +i)', () => {
  it('refuses, stays up and recovers once the flag is removed', async () => {
    const { dir, queue, bus } = await open((d) => new LowdbStore(d));
    expect((await queue.execute(issue(id(1)))).ok).toBe(true);
    const journal = join(dir, 'days', `${queue.current.day}.journal`);
    execFileSync('chattr', ['+i', journal]);
    const faulty = storage(bus, queue, true);
    await expect(queue.execute(issue(id(2)))).rejects.toThrow();
    await faulty;
    await expect(queue.execute(issue(id(3)))).rejects.toThrow();
    const recovered = storage(bus, queue, false);
    execFileSync('chattr', ['-i', journal]);
    await recovered;
    const ok = await queue.execute(issue(id(4)));
    expect(ok.ok && ok.ticket?.number).toBe('A-002');
  });
});
