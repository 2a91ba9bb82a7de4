// 30 counters press "call next" at the same instant, round after round: no ticket may reach two
// counters, none may be skipped, and what is on disk agrees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOnDisk, must, send, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { testCenterConfig } from '../helpers/center.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer({ config: testCenterConfig({ counters: 30 }) }); });
afterAll(async () => { await server.close(); });

describe('30 counters racing', () => {
  it('never gives one ticket to two counters', async () => {
    const kiosk = await server.device('kiosk1');
    const kiosk2 = await server.device('kiosk2');
    const TICKETS = 360;
    const issued = await Promise.all(Array.from({ length: TICKETS }, (_, i) =>
      must(i % 2 ? kiosk : kiosk2, 'ticket:issue', { serviceCode: i % 3 === 0 ? 'HOTICH' : 'DATDAI', requestId: `race-${i}-req` })));
    expect(new Set(issued.map((t) => t.ticket.number)).size).toBe(TICKETS);

    const officers: Client[] = await Promise.all(Array.from({ length: 30 }, (_, i) => server.officer(i + 1)));
    await Promise.all(officers.map((o, i) => must(o, 'counter:open', { counter: i + 1 })));

    const holder = new Map<string, number>(); // ticket id → counter that got it
    let rounds = 0;
    for (;;) {
      rounds += 1;
      const results = await Promise.all(officers.map((o) => send(o, 'ticket:call-next', {})));
      let got = 0;
      results.forEach((res, i) => {
        if (!res.ok) {
          expect(res.code).toBe('QUEUE_EMPTY');
          return;
        }
        got += 1;
        const previous = holder.get(res.data.id);
        expect(previous, `${res.data.number} went to counters ${previous} and ${i + 1}`).toBeUndefined();
        holder.set(res.data.id, i + 1);
      });
      if (got === 0) break;
      // Half finish, half mark no-show: both free the counter for the next round.
      await Promise.all(results.map((res, i) => (res.ok ? must(officers[i]!, i % 2 ? 'ticket:finish' : 'ticket:no-show', {}) : null)));
    }
    expect(rounds).toBeGreaterThanOrEqual(TICKETS / 30);
    expect(holder.size).toBe(TICKETS);

    const day = await dayOnDisk(server.dataDir);
    const tickets = Object.values(day.tickets);
    expect(tickets).toHaveLength(TICKETS);
    for (const t of tickets) {
      expect(['done', 'no-show']).toContain(t.status);
      expect(t.counter).toBe(holder.get(t.id));
      expect(t.history.filter((h) => h.type === 'called')).toHaveLength(1);
    }
  });
});
