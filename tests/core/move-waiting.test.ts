// An admin moves the waiting tickets of a service to another (e.g. before removing it).
import { describe, expect, it } from 'vitest';
import { waitingSeconds } from '../../core/service-record.ts';
import { Sim, actor } from './fixture.ts';

const move = (fromService: string, toService: string, note = '') => ({ type: 'move-waiting' as const, fromService, toService, by: 'admin-1', note });

describe('move-waiting', () => {
  it('moves only the waiting tickets, keeping number and place in time, and leaves a step naming who moved them', () => {
    const s = new Sim();
    s.open(1);
    const served = s.issue('CHUNGTHUC');
    s.advance(1);
    const a = s.issue('CHUNGTHUC');
    s.advance(1);
    const b = s.issue('CHUNGTHUC');
    const other = s.issue('HOTICH');
    s.callNext(1); // first come, first called: the first CHUNGTHUC ticket
    expect(s.ticket(served.id).status).toBe('called');
    s.advance(5);
    const r = s.do(move('CHUNGTHUC', 'DATDAI', 'ngừng nhận chứng thực'));
    const moved = r.events.filter((e) => e.type === 'ticket:transferred');
    expect(moved.map((e) => e.ticket.id).sort()).toEqual([a.id, b.id].sort());
    expect(moved.every((e) => e.type === 'ticket:transferred' && e.fromService === 'CHUNGTHUC' && e.fromCounter === null)).toBe(true);
    for (const t of [a, b]) {
      const now = s.ticket(t.id);
      expect(now).toMatchObject({ status: 'waiting', serviceCode: 'DATDAI', departmentCode: 'TNMT', number: t.number, queuedAt: t.queuedAt });
      expect(now.history.at(-1)).toMatchObject({ type: 'transferred', officerId: 'admin-1', note: 'ngừng nhận chứng thực' });
      expect(now.transfers).toEqual([]); // an officer's transfer from a counter is another thing
    }
    // The called ticket stays with its officer; the other service is untouched.
    expect(s.ticket(served.id)).toMatchObject({ status: 'called', serviceCode: 'CHUNGTHUC' });
    expect(s.ticket(other.id).serviceCode).toBe('HOTICH');
  });

  it('the moved tickets are called at the new service\'s counters in their old order, their wait counted whole', () => {
    const s = new Sim();
    const first = s.issue('CHUNGTHUC');
    s.advance(2);
    const second = s.issue('CHUNGTHUC');
    s.advance(1);
    const land = s.issue('DATDAI');
    s.advance(4);
    s.do(move('CHUNGTHUC', 'DATDAI'));
    s.open(3); // serves DATDAI (and MOITRUONG), not CHUNGTHUC
    expect([s.callNext(3).id]).toEqual([first.id]);
    s.do({ type: 'no-show', ...actor(3) });
    expect(s.callNext(3).id).toBe(second.id);
    s.do({ type: 'no-show', ...actor(3) });
    expect(s.callNext(3).id).toBe(land.id);
    expect(waitingSeconds(s.ticket(first.id))).toBe(7 * 60);
  });

  it('refuses a target that is unknown, the same, or served by no counter; nothing waiting moves nothing', () => {
    const s = new Sim();
    s.issue('CHUNGTHUC');
    s.refuse(move('CHUNGTHUC', 'NOPE'), 'MOVE_TARGET_INVALID');
    s.refuse(move('CHUNGTHUC', 'CHUNGTHUC'), 'MOVE_TARGET_INVALID');
    s.refuse(move('CHUNGTHUC', 'CU'), 'MOVE_TARGET_INVALID'); // no counter serves the old service
    s.refuse(move('NOPE', 'HOTICH'), 'UNKNOWN_SERVICE');
    expect(s.do(move('MOITRUONG', 'HOTICH')).events).toEqual([]);
  });

  it('a ticket sent to one counter stays sent there only if that counter serves the new service', () => {
    const s = new Sim();
    s.open(1); s.open(2);
    const t = s.issue('HOTICH');
    expect(s.callNext(2).id).toBe(t.id);
    s.do({ type: 'transfer', ...actor(2), toService: 'CHUNGTHUC', toCounter: 1, note: '' });
    const u = s.issue('HOTICH');
    expect(s.callNext(2).id).toBe(u.id);
    s.do({ type: 'transfer', ...actor(2), toService: 'HOTICH', toCounter: 1, note: '' });
    s.do(move('CHUNGTHUC', 'HOTICH'));
    expect(s.ticket(t.id)).toMatchObject({ serviceCode: 'HOTICH', targetCounter: 1 });
    s.do(move('HOTICH', 'DATDAI'));
    expect(s.ticket(t.id)).toMatchObject({ serviceCode: 'DATDAI', targetCounter: null });
    expect(s.ticket(u.id)).toMatchObject({ serviceCode: 'DATDAI', targetCounter: null });
  });
});
