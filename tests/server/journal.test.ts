// The day journal: snapshots every N entries, torn tails cut off, and what a restart reads back
// is exactly the state the server held.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { indexConfig } from '@core/config.ts';
import type { Command } from '@core/commands.ts';
import { apply } from '@core/engine.ts';
import { emptyDay, waitingIndexOf, waitingTickets } from '@core/ticket.ts';
import type { DayState } from '@core/ticket.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { DayWriter } from '../../server/queue/day-writer.ts';
import { LiveConfig } from '../../server/config/live-config.ts';
import { EventBus } from '../../server/events/event-bus.ts';
import { QueueService } from '../../server/queue/queue-service.ts';
import { TestClock } from '../helpers/server.ts';
import { MONDAY_9AM, testCenterConfig } from '../helpers/center.ts';
import { mulberry32 } from '../helpers/random.ts';

const dirs: string[] = [];
/** Released after each test: a writer left open would have its journal closed by the garbage collector (DEP0137). */
const writers: DayWriter[] = [];
afterEach(async () => {
  for (const w of writers.splice(0)) await w.release();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
function track(writer: DayWriter): DayWriter {
  writers.push(writer);
  return writer;
}
async function tempStore() {
  const dir = await mkdtemp(join(tmpdir(), 'luot-journal-'));
  dirs.push(dir);
  return { dir, store: new LowdbStore(dir) };
}

const index = indexConfig(testCenterConfig());
const issue = (i: number): Command => ({ type: 'issue', id: `ticket-${String(i).padStart(16, '0')}`, serviceCode: 'DATDAI', priority: null, source: { kind: 'kiosk', deviceId: 'k', requestId: null } });

describe('DayWriter', () => {
  it('journals each change, snapshots every N entries, and the disk reads back the same day', async () => {
    const { dir, store } = await tempStore();
    let state: DayState = emptyDay('2026-11-23');
    const writer = track(new DayWriter(store, state.day, () => state, 0, (e) => { throw e; }, 5));
    const synced: Promise<void>[] = [];
    for (let i = 1; i <= 12; i++) {
      const r = apply(state, index, issue(i), MONDAY_9AM + i);
      if (!r.ok) throw new Error(r.code);
      state = r.state;
      synced.push(writer.record(r.changes).synced);
      if (i % 3 === 0) await synced[synced.length - 1]; // vary the batch sizes
    }
    await Promise.all(synced);
    const snapshot = JSON.parse(await readFile(join(dir, 'days', '2026-11-23.json'), 'utf8')) as DayState;
    expect(snapshot.journalSeq).toBeGreaterThanOrEqual(5);
    const lines = (await readFile(join(dir, 'days', '2026-11-23.journal'), 'utf8')).split('\n').filter(Boolean);
    expect(lines.length).toBeLessThan(5);
    expect(lines.length + Object.keys(snapshot.tickets).length).toBe(12);
    const back = await store.readDay('2026-11-23');
    expect(back).toEqual({ ...state, journalSeq: 12 });
  });

  it('a change is in the OS when record() returns, and changes made during a snapshot land in the next journal', async () => {
    const { dir, store } = await tempStore();
    // A snapshot that takes a while, as a big day on a slow disk does: changes keep coming meanwhile.
    let releaseSnapshot!: () => void;
    const snapshotGate = new Promise<void>((r) => { releaseSnapshot = r; });
    let snapshotsStarted = 0;
    const slowStore = Object.assign(Object.create(store) as LowdbStore, {
      writeDay: async (day: DayState) => {
        snapshotsStarted += 1;
        if (snapshotsStarted === 1) await snapshotGate;
        return store.writeDay(day);
      },
    });
    let state: DayState = emptyDay('2026-11-23');
    const writer = track(new DayWriter(slowStore, state.day, () => state, 0, (e) => { throw e; }, 4));
    const journalPath = join(dir, 'days', '2026-11-23.journal');
    const record = (i: number) => {
      const r = apply(state, index, issue(i), MONDAY_9AM + i);
      if (!r.ok) throw new Error(r.code);
      state = r.state;
      return writer.record(r.changes);
    };
    await record(1).synced; // the journal is open from here on
    record(2);
    // Written before any await: a crash of the process now could not lose it.
    expect(readFileSync(journalPath, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
    const synced = [record(3).synced, record(4).synced];
    // The fourth change calls for a snapshot, held at the gate; these wait for the new journal.
    while (snapshotsStarted === 0) await new Promise((r) => setImmediate(r));
    synced.push(record(5).synced, record(6).synced);
    releaseSnapshot();
    await Promise.all(synced);
    expect(JSON.parse(await readFile(join(dir, 'days', '2026-11-23.json'), 'utf8')).journalSeq).toBe(4);
    expect((await readFile(journalPath, 'utf8')).split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { n: number }).n)).toEqual([5, 6]);
    expect(await store.readDay('2026-11-23')).toEqual({ ...state, journalSeq: 6 });
  });

  it('counts the entries already in the journal when it reopens it, so restarts do not keep it from being cut', async () => {
    const { dir, store } = await tempStore();
    const journalPath = join(dir, 'days', '2026-11-23.journal');
    let state: DayState = emptyDay('2026-11-23');
    let n = 0;
    // Three "processes" of 4 changes each, with a snapshot due every 5: the journal must be cut.
    for (let run = 0; run < 3; run++) {
      const start = (await store.readDay('2026-11-23'))?.journalSeq ?? 0;
      const writer = new DayWriter(store, state.day, () => state, start, (e) => { throw e; }, 5);
      const synced: Promise<void>[] = [];
      for (let i = 0; i < 4; i++) {
        const r = apply(state, index, issue(++n), MONDAY_9AM + n);
        if (!r.ok) throw new Error(r.code);
        state = r.state;
        synced.push(writer.record(r.changes).synced);
      }
      await Promise.all(synced);
      await writer.release();
    }
    const lines = (await readFile(journalPath, 'utf8')).split('\n').filter(Boolean);
    expect(lines.length).toBeLessThan(5);
    expect(await store.readDay('2026-11-23')).toEqual({ ...state, journalSeq: 12 });
  });

  it('cuts off a torn last line: it was never acknowledged', async () => {
    const { dir, store } = await tempStore();
    let state: DayState = emptyDay('2026-11-23');
    const writer = track(new DayWriter(store, state.day, () => state, 0, (e) => { throw e; }));
    for (let i = 1; i <= 3; i++) {
      const r = apply(state, index, issue(i), MONDAY_9AM + i);
      if (!r.ok) throw new Error(r.code);
      state = r.state;
      await writer.record(r.changes).synced;
    }
    await appendFile(join(dir, 'days', '2026-11-23.journal'), '{"n":4,"c":{"tickets":[{"id":"half');
    const back = await store.readDay('2026-11-23');
    expect(Object.keys(back!.tickets)).toHaveLength(3);
    // Opening the journal again truncates the torn tail, so new lines are not glued to it.
    const queue = await QueueService.open(store, new TestClock(), new LiveConfig(index), new EventBus(pino({ level: 'silent' })), pino({ level: 'silent' }));
    const next = await queue.execute(issue(9));
    expect(next.ok && next.ticket?.number).toBe('A-004');
    await queue.close();
    expect(Object.keys((await store.readDay('2026-11-23'))!.tickets)).toHaveLength(4);
  });
});

describe('QueueService on the journal', () => {
  it('after hundreds of random commands, a fresh read of the disk equals the live state', async () => {
    const { store } = await tempStore();
    const clock = new TestClock();
    const queue = await QueueService.open(store, clock, new LiveConfig(index), new EventBus(pino({ level: 'silent' })), pino({ level: 'silent' }));
    const random = mulberry32(7);
    await queue.execute({ type: 'open-counter', counter: 1, officerId: 'o1' });
    await queue.execute({ type: 'open-counter', counter: 2, officerId: 'o2' });
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    let applied = 0;
    for (let i = 0; i < 600; i++) {
      clock.advance(Math.floor(random() * 20_000));
      const counter = pick([1, 2]);
      const actor = { counter, officerId: `o${counter}` };
      const cmd: Command = pick<Command>([
        { ...issue(i), serviceCode: pick(['DATDAI', 'HOTICH']) } as Command,
        { ...issue(i + 10_000), serviceCode: 'DATDAI' } as Command,
        { type: 'call-next', ...actor },
        { type: 'start', ...actor },
        { type: 'finish', ...actor, procedureCode: null, dossierCodes: [], note: '' },
        { type: 'no-show', ...actor },
        { type: 'recall', ...actor },
        { type: 'transfer', ...actor, toService: 'HOTICH', toCounter: null, note: '' },
      ]);
      const batch = [queue.execute(cmd), queue.execute({ type: 'recall', ...actor })];
      for (const r of await Promise.all(batch)) if (r.ok) applied += 1;
    }
    expect(applied).toBeGreaterThan(300); // seed 7 applies 380 of 1,200
    await queue.close();
    const fromDisk = await store.readDay(queue.current.day);
    const { journalSeq: _a, ...live } = queue.current;
    const { journalSeq: _b, ...disk } = fromDisk!;
    expect(Object.keys(live.tickets).length).toBeGreaterThan(100);
    expect(JSON.parse(JSON.stringify(disk))).toEqual(JSON.parse(JSON.stringify(live))); // as persisted
    // The live waiting index agrees with a scan of the day.
    expect(waitingIndexOf(queue.current)).toBeDefined();
    const indexed = [...waitingTickets(queue.current)].map((t) => t.id).sort();
    const scanned = Object.values(live.tickets).filter((t) => t.status === 'waiting').map((t) => t.id).sort();
    expect(indexed).toEqual(scanned);
    expect(indexed.length).toBeGreaterThan(5);
  });
});
