// The numbers the voice prepares ahead: each service's first waiting tickets, priority first,
// then by waiting time (a plain sort of the same tickets is the reference).
import { describe, expect, it } from 'vitest';
import type { WaitingTicket } from '@core/likely-calls.ts';
import { likelyNextNumbers } from '@core/likely-calls.ts';
import { mulberry32 } from '../helpers/random.ts';

describe('likely next numbers', () => {
  it('takes each service’s first waiting tickets, priority ones first, in one pass', () => {
    const rnd = mulberry32(7);
    const tickets: WaitingTicket[] = Array.from({ length: 300 }, (_, i) => {
      const serviceCode = ['A', 'B', 'C'][Math.floor(rnd() * 3)]!;
      return { serviceCode, number: `${serviceCode}-${i}`, priority: rnd() < 0.1 ? 'elderly' : null, queuedAt: Math.floor(rnd() * 50), seq: i };
    });
    const got = likelyNextNumbers(tickets, 3);
    for (const code of ['A', 'B', 'C']) {
      const expected = tickets.filter((t) => t.serviceCode === code)
        .sort((a, b) => Number(a.priority === null) - Number(b.priority === null) || a.queuedAt - b.queuedAt || a.seq - b.seq)
        .slice(0, 3).map((t) => t.number);
      expect(got.filter((n) => n.startsWith(`${code}-`))).toEqual(expected);
    }
    expect(got).toHaveLength(9);
    expect(likelyNextNumbers([], 3)).toEqual([]);
  });
});
