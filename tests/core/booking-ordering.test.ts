// Where booked tickets stand in the queue, against hand-worked cases (core/booking/ordering.ts and
// routing.ts). One counter (4) serving one service (MOITRUONG), so only the booking rule decides.
import { describe, expect, it } from 'vitest';
import type { CenterConfigInput } from '../../core/config.ts';
import { CenterConfigSchema, indexConfig } from '../../core/config.ts';
import type { TicketBooking } from '../../core/booking/types.ts';
import { MIN, MONDAY, MONDAY_0800, Sim, at, fixtureInput, src } from './fixture.ts';

function sim(bookings: CenterConfigInput['bookings'] = {}): Sim {
  return new Sim(indexConfig(CenterConfigSchema.parse({ ...fixtureInput(), bookings })), MONDAY_0800);
}

let n = 0;
function walkIn(s: Sim, label: string): string {
  s.do({ type: 'issue', id: label, serviceCode: 'MOITRUONG', priority: null, source: src });
  return label;
}
function booked(s: Sim, label: string, slot: string, slotMin = 15): string {
  const booking: TicketBooking = { code: `CODE${++n}`.slice(0, 7), slotStart: at(MONDAY, slot), slotEnd: at(MONDAY, slot) + slotMin * MIN };
  s.do({ type: 'issue', id: label, serviceCode: 'MOITRUONG', priority: null, source: src, booking, phone: '0912345678' });
  return label;
}
const serveAll = (s: Sim, count: number) => Array.from({ length: count }, () => s.serveNext(4).id);

describe('slot-time rule (default)', () => {
  it('an early arrival waits for its slot: walk-ins who came before the slot go first', () => {
    const s = sim();
    walkIn(s, 'W1');             // 08:00
    s.advance(5);
    booked(s, 'B1', '08:30');    // 08:05, for 08:30: queued as of 08:30
    s.advance(5);
    walkIn(s, 'W2');             // 08:10
    expect(s.ticket('B1')).toMatchObject({ issuedAt: MONDAY_0800 + 5 * MIN, queuedAt: at(MONDAY, '08:30') });
    s.advance(10);               // 08:20
    s.open(4);
    expect(serveAll(s, 3)).toEqual(['W1', 'W2', 'B1']);
  });

  it('at its slot the booking goes before walk-ins who came after the slot started, even when it arrives late', () => {
    const s = sim();
    walkIn(s, 'W1');             // 08:00
    s.advance(35);
    walkIn(s, 'W2');             // 08:35
    s.advance(3);
    booked(s, 'B1', '08:30');    // 08:38, 8 minutes late: keeps 08:30
    s.advance(2);                // 08:40
    s.open(4);
    expect(serveAll(s, 3)).toEqual(['W1', 'B1', 'W2']);
  });

  it('two bookings are served in slot order whatever their arrival order', () => {
    const s = sim();
    booked(s, 'B930', '09:30');  // arrives 08:00
    s.advance(10);
    booked(s, 'B900', '09:00');  // arrives 08:10
    s.advance(80);               // 09:30
    s.open(4);
    expect(serveAll(s, 2)).toEqual(['B900', 'B930']);
  });

  it('a counter with nobody else waiting calls an early booking rather than stay idle', () => {
    const s = sim();
    booked(s, 'B1', '10:00');
    s.open(4);
    expect(s.callNext(4).id).toBe('B1');
  });
});

describe('ratio rule: 2 booked for each walk-in', () => {
  it('alternates two booked, one walk-in, while both wait; then whatever is left, in arrival order', () => {
    const s = sim({ queueRule: 'ratio', bookedPerWalkIn: 2 });
    for (const w of ['W1', 'W2', 'W3']) { walkIn(s, w); s.advance(1); }
    for (const [b, slot] of [['B1', '09:00'], ['B2', '08:45'], ['B3', '09:15']] as const) { booked(s, b, slot); s.advance(1); }
    // Under `ratio` a booking queues at arrival, not at its slot.
    expect(s.ticket('B2').queuedAt).toBe(s.ticket('B2').issuedAt);
    s.advance(4);
    s.open(4);
    expect(serveAll(s, 6)).toEqual(['B1', 'B2', 'W1', 'B3', 'W2', 'W3']);
    expect(s.counter(4)!.bookedSinceWalkIn).toBe(0);
  });

  it('counters of a center without bookings keep their state unchanged', () => {
    const s = sim({ queueRule: 'ratio' });
    walkIn(s, 'W1');
    s.open(4);
    s.serveNext(4);
    expect(s.counter(4)).not.toHaveProperty('bookedSinceWalkIn');
  });
});

describe('issuing a booked ticket', () => {
  it('is not refused by the daily cap or a closed window that a walk-in would meet', () => {
    const s = sim();
    s.now = at(MONDAY, '11:40'); // after the 11:30 window
    s.refuse({ type: 'issue', id: 'late-walk-in', serviceCode: 'MOITRUONG', priority: null, source: src }, 'WINDOW_CLOSED');
    expect(booked(s, 'B1', '11:15')).toBe('B1');
    expect(s.ticket('B1').queuedAt).toBe(at(MONDAY, '11:15'));
  });

  it('is refused on a closed day like any ticket', () => {
    const s = sim();
    s.now = at('2026-11-28', '09:00'); // a Saturday
    s.state = { ...s.state, day: '2026-11-28' };
    expect(() => booked(s, 'B1', '09:15')).toThrow(/NOT_WORKING_DAY/);
  });
});
