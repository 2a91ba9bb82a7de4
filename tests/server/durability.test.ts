// What happens when the disk refuses a write: the command is refused with INTERNAL, memory falls
// back to what is on disk, and nothing half-done is visible or acknowledged. And the journal:
// snapshots, torn tails, replay.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { indexConfig } from '@core/config.ts';
import { waitingTickets } from '@core/ticket.ts';
import type { DayJournal } from '../../server/store/journal-file.ts';
import { LiveConfig } from '../../server/config/live-config.ts';
import { EventBus } from '../../server/events/event-bus.ts';
import { QueueService } from '../../server/queue/queue-service.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { GroupCommit } from '../../server/store/group-commit.ts';
import { TestClock } from '../helpers/server.ts';
import { testCenterConfig } from '../helpers/center.ts';

/**
 * The real lowdb store and journal, with a switch that makes the next journal write fail like a
 * full disk — after writing half of its bytes, as a real short write would.
 */
class FlakyStore extends LowdbStore {
  failNext = false;
  writes = 0;
  override async openJournal(day: string): Promise<DayJournal> {
    const real = await super.openJournal(day);
    return {
      ...real,
      append: (text: string) => {
        if (this.failNext) {
          this.failNext = false;
          real.append(text.slice(0, Math.floor(text.length / 2)));
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        }
        this.writes += 1;
        real.append(text);
      },
    };
  }
}

const dirs: string[] = [];
/** Closed after each test: a queue left open would have its journal closed by the garbage collector (DEP0137). */
const queues: QueueService[] = [];
afterEach(async () => {
  for (const q of queues.splice(0)) await q.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function open() {
  const dir = await mkdtemp(join(tmpdir(), 'luot-dur-'));
  dirs.push(dir);
  const store = new FlakyStore(dir);
  const queue = await QueueService.open(store, new TestClock(), new LiveConfig(indexConfig(testCenterConfig())), new EventBus(pino({ level: 'silent' })), pino({ level: 'silent' }));
  queues.push(queue);
  return { dir, store, queue };
}

const issue = (id: string) => ({ type: 'issue' as const, id, serviceCode: 'DATDAI', priority: null, source: { kind: 'kiosk' as const, deviceId: 'k1', requestId: null } });

describe('a failed write', () => {
  it('refuses the commands it carried and falls back to the state on disk', async () => {
    const { dir, store, queue } = await open();
    expect((await queue.execute(issue('ticket-aaaaaaaaaaaaaaaa'))).ok).toBe(true);
    store.failNext = true;
    const [lost1, lost2] = await Promise.allSettled([queue.execute(issue('ticket-bbbbbbbbbbbbbbbb')), queue.execute(issue('ticket-cccccccccccccccc'))]);
    expect(lost1.status).toBe('rejected');
    expect(lost2.status).toBe('rejected');
    expect(Object.keys(queue.current.tickets)).toEqual(['ticket-aaaaaaaaaaaaaaaa']);
    expect([...waitingTickets(queue.current)].map((t) => t.id)).toEqual(['ticket-aaaaaaaaaaaaaaaa']);
    const next = await queue.execute(issue('ticket-dddddddddddddddd'));
    expect(next.ok && next.ticket?.number).toBe('A-002'); // A-002 was never acknowledged before
    const onDisk = await new LowdbStore(dir).readDay('2026-11-23');
    expect(Object.values(onDisk!.tickets).map((t) => t.number).sort()).toEqual(['A-001', 'A-002']);
    expect(Object.keys(onDisk!.tickets).sort()).toEqual(['ticket-aaaaaaaaaaaaaaaa', 'ticket-dddddddddddddddd']);
  });

  it('group commit: many commands in flight share few writes, each acked only after its write', async () => {
    const { store, queue } = await open();
    const before = store.writes;
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => queue.execute(issue(`ticket-${String(i).padStart(16, '0')}`))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(store.writes - before).toBeLessThan(20);
    expect(store.writes - before).toBeGreaterThanOrEqual(1);
  });
});

describe('GroupCommit', () => {
  it('resolves a commit only after a write that started after it', async () => {
    let value = 0;
    const written: number[] = [];
    let release: () => void = () => {};
    const gc = new GroupCommit(() => value, (v) => new Promise<void>((r) => { written.push(v); release = r; }), 0);
    value = 1;
    const a = gc.commit();
    value = 2;
    const b = gc.commit();
    value = 3;
    const c = gc.commit();
    expect(written).toEqual([1]);
    let bDone = false;
    void b.then(() => { bDone = true; });
    release();
    await a;
    await new Promise((r) => setTimeout(r, 0));
    expect(bDone).toBe(false);
    expect(written).toEqual([1, 3]); // b and c share the second write, which holds value 3
    release();
    await Promise.all([b, c]);
    expect(gc.lastDurable).toBe(3);
  });
});
