// The board's model and its audio queue, with plain values: bounded lists, zone filtering, calls
// played one at a time in order, a blocked browser held and resumed.
import { describe, expect, it } from 'vitest';
import type { ServiceFigures } from '@core/estimate.ts';
import type { AnnouncementView, BoardService, DisplaySettings } from '@core/lobby-views.ts';
import type { CallView, CounterView, DisplaySnapshot, TicketSummary } from '@core/views.ts';
import { emptyBoard, fromSnapshot, MAX_RECENT, serverNow, waitingRows, withCall, withCounter, withFigures } from '../../display/src/board-model.ts';
import { AudioQueue, MAX_AGE_MS, MAX_PENDING } from '../../display/src/audio-queue.ts';
import type { Player } from '../../display/src/audio-queue.ts';

const ticket = (n: number, prefix = 'A'): TicketSummary => ({
  id: `t${prefix}${n}`.padEnd(20, 'x'), seq: n, number: `${prefix}-${String(n).padStart(3, '0')}`, serviceCode: 'DATDAI', departmentCode: 'STNMT',
  priority: null, status: 'called', issuedAt: 0, queuedAt: 0, calledAt: n, startedAt: null, finishedAt: null, counter: 1,
  targetCounter: null, calls: 1, transferred: false,
});
const call = (n: number, counter = 1, zone = 'T1', recall = false): CallView => ({ ticket: ticket(n), counter, zone, recall, at: n });
const counter = (number: number, zone: string): CounterView => ({
  number, nameVi: `Quầy số ${number}`, nameEn: `Counter ${number}`, zone, services: [{ serviceCode: 'DATDAI', weight: 1 }], status: 'open',
  officerId: null, officerName: null, pauseReason: null, since: 0, current: null, servedToday: 0,
});
const snapshot = (zone: string | null, calls: CallView[] = []): DisplaySnapshot => ({
  center: { nameVi: 'Trung tâm', nameEn: 'Center', logoUrl: null }, day: '2026-11-23', zone, counters: [counter(2, 'T1'), counter(1, 'T1')], recentCalls: calls, figures: [],
});

describe('board model', () => {
  it('starts from the snapshot: counters in order, recent calls newest first', () => {
    const m = fromSnapshot(snapshot('T1', [call(1), call(3), call(2)]), null);
    expect(m.counters.map((c) => c.number)).toEqual([1, 2]);
    expect(m.recent.map((c) => c.ticket.number)).toEqual(['A-003', 'A-002', 'A-001']);
  });

  it('stays bounded over thousands of calls; a recall moves its ticket back to the top', () => {
    let m = fromSnapshot(snapshot('T1'), null);
    for (let i = 1; i <= 5000; i++) m = withCall(m, call(i, 1 + (i % 2)));
    expect(m.recent).toHaveLength(MAX_RECENT);
    expect(m.recent[0]!.ticket.number).toBe('A-5000');
    expect(m.counters.map((c) => c.current!.number)).toEqual(['A-5000', 'A-4999']);
    m = withCall(m, { ...call(4996), recall: true, at: 6000 });
    expect(m.recent.map((c) => c.ticket.number).slice(0, 2)).toEqual(['A-4996', 'A-5000']);
    expect(m.recent).toHaveLength(MAX_RECENT);
  });

  it('a zone board ignores calls and counters of other zones; an all-zones board takes all', () => {
    const t1 = fromSnapshot(snapshot('T1'), null);
    expect(withCall(t1, call(7, 3, 'T2'))).toBe(t1);
    expect(withCounter(t1, counter(3, 'T2'))).toBe(t1);
    const all = fromSnapshot(snapshot(null), null);
    expect(withCall(all, call(7, 3, 'T2')).recent).toHaveLength(1);
  });

  it('a call makes its counter show the ticket; a counter update replaces only that counter', () => {
    const m = withCall(fromSnapshot(snapshot('T1'), null), call(5, 2));
    expect(m.counters.map((c) => c.current?.number ?? null)).toEqual([null, 'A-005']);
    const paused = { ...counter(1, 'T1'), status: 'paused' as const, pauseReason: 'Họp' };
    const after = withCounter(m, paused);
    expect(after.counters.map((c) => c.status)).toEqual(['paused', 'open']);
    expect(after.counters[1]!.current?.number).toBe('A-005');
    expect(withCounter(m, counter(9, 'T1'))).toBe(m); // not one of this board's counters
  });

  it("keeps the figures of the board's services only; the snapshot's too", () => {
    const f = (serviceCode: string, waiting: number): ServiceFigures => ({ serviceCode, waiting, priorityWaiting: 0, longestWaitSec: 0, openCapacity: 1, serviceSec: 60, etaMin: 1, issuedToday: waiting });
    const mine: BoardService[] = [{ code: 'DATDAI', prefix: 'A', nameVi: 'Đất đai', nameEn: 'Land', order: 0 }];
    const m = withFigures(emptyBoard, [f('DATDAI', 3), f('HOTICH', 5)], mine);
    expect(Object.keys(m.figures)).toEqual(['DATDAI']);
    expect(m.figures.DATDAI!.waiting).toBe(3);
    expect(Object.keys(withFigures(emptyBoard, [f('DATDAI', 3), f('HOTICH', 5)], null).figures)).toEqual(['DATDAI', 'HOTICH']);
    expect(Object.keys(fromSnapshot({ ...snapshot('T1'), figures: [f('DATDAI', 1), f('LLTP', 2)] }, mine).figures)).toEqual(['DATDAI']);
  });

  it("tells the server's time from the offset measured when the settings came, whatever the board's clock says", () => {
    const settings = { now: 1_000_000 } as DisplaySettings;
    expect(serverNow(settings, 500, 2_500)).toBe(1_002_000);
    expect(serverNow(null, 500, 2_500)).toBe(2_500);
  });

  it('shows every service when they fit, else the busiest and how many are left out', () => {
    const services: BoardService[] = Array.from({ length: 12 }, (_, i) => ({ code: `S${i}`, prefix: String.fromCharCode(65 + i), nameVi: `Lĩnh vực ${i}`, nameEn: `Service ${i}`, order: i }));
    const m = { ...emptyBoard, figures: Object.fromEntries(services.slice(0, 4).map((s, i) => [s.code, { serviceCode: s.code, waiting: i + 1, priorityWaiting: 0, longestWaitSec: 0, openCapacity: 1, serviceSec: 60, etaMin: 1, issuedToday: 1 }])) };
    expect(waitingRows(m, services.slice(0, 6), 9).rows).toHaveLength(6);
    const { rows, hidden } = waitingRows(m, services, 9);
    expect(rows.map((r) => r.waiting)).toEqual([4, 3, 2, 1]);
    // The eight services with nobody waiting are not "và 8 lĩnh vực khác" (issue 17).
    expect(hidden).toBe(0);
    const allBusy = { ...emptyBoard, figures: Object.fromEntries(services.map((s, i) => [s.code, { serviceCode: s.code, waiting: i + 1, priorityWaiting: 0, longestWaitSec: 0, openCapacity: 1, serviceSec: 60, etaMin: 1, issuedToday: 1 }])) };
    const busy = waitingRows(allBusy, services, 9);
    expect(busy.rows.map((r) => r.waiting)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4]);
    expect(busy.hidden).toBe(3);
  });
});

const announcement = (n: number, audioUrl: string | null = `/audio/${n}.wav`): AnnouncementView => ({
  call: call(n), calls: [call(n)], notAfter: null, text: `Xin mời ${n}`, audioUrl, durationMs: 100, voiced: true,
});

/** A player whose files end when the test says so, recording what overlapped. */
function fakePlayer() {
  const played: string[] = [];
  let playing = 0;
  let maxPlaying = 0;
  let finish: (() => void) | null = null;
  let refuse = false;
  const player: Player = {
    play(url) {
      if (refuse) return Promise.reject(Object.assign(new Error('blocked'), { name: 'NotAllowedError' }));
      played.push(url);
      playing++;
      maxPlaying = Math.max(maxPlaying, playing);
      return new Promise<void>((resolve) => { finish = () => { playing--; finish = null; resolve(); }; });
    },
  };
  return {
    player, played,
    get maxPlaying() { return maxPlaying; },
    async end() { finish?.(); await new Promise((r) => setTimeout(r, 0)); },
    block(b: boolean) { refuse = b; },
  };
}

describe('audio queue', () => {
  it('plays a burst one at a time, in order, none dropped', async () => {
    const p = fakePlayer();
    const q = new AudioQueue(p.player, { blocked: () => {}, playing: () => {} });
    for (let i = 1; i <= 20; i++) q.push(announcement(i));
    for (let i = 0; i < 20; i++) await p.end();
    expect(p.played).toEqual(Array.from({ length: 20 }, (_, i) => `/audio/${i + 1}.wav`));
    expect(p.maxPlaying).toBe(1);
  });

  it('when autoplay is blocked: holds the call, reports it, resumes with it after a gesture', async () => {
    const p = fakePlayer();
    const states: boolean[] = [];
    const q = new AudioQueue(p.player, { blocked: (b) => states.push(b), playing: () => {} });
    p.block(true);
    q.push(announcement(1));
    q.push(announcement(2));
    await new Promise((r) => setTimeout(r, 0));
    expect(states).toEqual([true]);
    expect(q.length).toBe(2);
    p.block(false);
    q.unblock();
    await p.end();
    await p.end();
    expect(p.played).toEqual(['/audio/1.wav', '/audio/2.wav']);
    expect(states).toEqual([true, false]);
  });

  it('a file that fails to play is skipped and the rest keep their order; clear() drops what waits', async () => {
    const played: string[] = [];
    const playing: (string | null)[] = [];
    const player: Player = {
      play(url) {
        played.push(url);
        return url === '/audio/2.wav' ? Promise.reject(new Error('decode error')) : Promise.resolve();
      },
    };
    const q = new AudioQueue(player, { blocked: () => {}, playing: (a) => playing.push(a?.audioUrl ?? null) });
    for (let i = 1; i <= 3; i++) q.push(announcement(i));
    await new Promise((r) => setTimeout(r, 0));
    expect(played).toEqual(['/audio/1.wav', '/audio/2.wav', '/audio/3.wav']);
    expect(playing).toEqual(['/audio/1.wav', '/audio/2.wav', '/audio/3.wav', null]);

    const p = fakePlayer();
    const held = new AudioQueue(p.player, { blocked: () => {}, playing: () => {} });
    for (let i = 1; i <= 4; i++) held.push(announcement(i));
    held.clear(); // a new day while the first still plays
    expect(held.length).toBe(0);
    await p.end();
    expect(p.played).toEqual(['/audio/1.wav']);
  });

  it('is bounded: past MAX_PENDING the oldest waiting go, and stale ones are skipped', async () => {
    let now = 0;
    const p = fakePlayer();
    const q = new AudioQueue(p.player, { blocked: () => {}, playing: () => {} }, () => now);
    for (let i = 1; i <= MAX_PENDING + 11; i++) q.push(announcement(i)); // the first plays at once
    expect(q.length).toBe(MAX_PENDING);
    expect(q.dropped).toBe(10);
    now += MAX_AGE_MS + 1;
    await p.end();
    expect(q.length).toBe(0);
    expect(p.played).toEqual(['/audio/1.wav']);
    q.push(announcement(99, null)); // nothing to play: ignored
    expect(q.length).toBe(0);
  });
});
