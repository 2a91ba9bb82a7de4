// "No answer in time is recorded as not rated": the pad records it when its countdown ends, and
// the server records it itself for a pad that is off (after both of the pad's steps and half a
// timeout more). Only where a pad exists: at a counter without one nobody was asked.
import { afterEach, describe, expect, it } from 'vitest';
import type { DayState } from '@core/ticket.ts';
import { ratingBackstopMs } from '@core/rating.ts';
import { must, nextEvent, send, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';

let server: TestServer;
afterEach(async () => { await server?.close(); });
let seq = 0;

const onDisk = async (): Promise<DayState> => (await new LowdbStore(server.dataDir).readDay('2026-11-23'))!;
const ratingOf = async (id: string) => (await onDisk()).tickets[id]?.rating ?? null;

async function serveAndFinish(kiosk: Client, officer: Client, serviceCode: string): Promise<string> {
  const { ticket } = await must(kiosk, 'ticket:issue', { serviceCode, requestId: `rating-${++seq}` });
  await must(officer, 'ticket:call', { ticketId: ticket.id });
  await must(officer, 'ticket:finish', {});
  return ticket.id;
}

describe('not rated', () => {
  it('the pad sends "no answer" itself: recorded as score null, linked to counter and officer', async () => {
    server = await startServer();
    const [kiosk, officer, pad] = await Promise.all([server.device('kiosk1'), server.officer(1), server.device('pad1')]);
    await must(officer, 'counter:open', { counter: 1 });
    const recorded = nextEvent(pad, 'rating:recorded');
    const id = await serveAndFinish(kiosk, officer, 'DATDAI');
    await must(pad, 'rating:submit', { ticketId: id, score: null });
    expect((await recorded).id).toBe(id);
    const stored = (await onDisk()).tickets[id]!;
    expect(stored.rating).toMatchObject({ score: null, reasons: [], comment: '', counter: 1, officerId: stored.officerId });
    expect(stored.officerId).not.toBeNull();
  });

  it('a pad that is switched off still yields "not rated", from the server; a counter without a pad gets nothing', async () => {
    server = await startServer({ ratingTimeoutSec: 1 }); // backstop after 2.5 s
    expect(ratingBackstopMs(1)).toBe(2500);
    const [kiosk, one, three] = await Promise.all([server.device('kiosk1'), server.officer(1), server.officer(3)]);
    await must(one, 'counter:open', { counter: 1 });
    await must(three, 'counter:open', { counter: 3 });
    const withPad = await serveAndFinish(kiosk, one, 'DATDAI'); // pad1 exists, but no pad is connected
    const withoutPad = await serveAndFinish(kiosk, three, 'HOTICH'); // no pad at counter 3
    expect(await ratingOf(withPad)).toBeNull();
    await expect.poll(() => ratingOf(withPad), { timeout: 10_000, interval: 250 }).toMatchObject({ score: null, counter: 1 });
    // Both timers would have been due together; one more command through the queue lets any
    // straggler land before looking.
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: `rating-${++seq}` });
    expect(await ratingOf(withoutPad)).toBeNull();
    // The pad coming back later cannot overwrite it: one rating per ticket.
    const late = await send(await server.device('pad1'), 'rating:submit', { ticketId: withPad, score: 5 });
    expect(!late.ok && late.code).toBe('ALREADY_RATED');
  });

  it('an answer from the pad stops the server from recording anything', async () => {
    server = await startServer({ ratingTimeoutSec: 1 });
    const [kiosk, officer, pad] = await Promise.all([server.device('kiosk1'), server.officer(1), server.device('pad1')]);
    await must(officer, 'counter:open', { counter: 1 });
    const answered = await serveAndFinish(kiosk, officer, 'DATDAI');
    await must(pad, 'rating:submit', { ticketId: answered, score: 4 });
    const unanswered = await serveAndFinish(kiosk, officer, 'DATDAI');
    // Once the unanswered one is backstopped, the answered one's timer (due earlier) has passed too.
    await expect.poll(() => ratingOf(unanswered), { timeout: 10_000, interval: 250 }).toMatchObject({ score: null });
    const stored = (await onDisk()).tickets[answered]!;
    expect(stored.rating?.score).toBe(4);
    expect(stored.history.filter((h) => h.type === 'rated')).toHaveLength(1);
  });

  it('a restart in between does not lose the backstop: it is rebuilt from the day on disk', async () => {
    server = await startServer({ ratingTimeoutSec: 1 });
    const [kiosk, officer] = await Promise.all([server.device('kiosk1'), server.officer(1)]);
    await must(officer, 'counter:open', { counter: 1 });
    const id = await serveAndFinish(kiosk, officer, 'DATDAI');
    await server.restart(); // the timer of the first process dies with it
    expect(await ratingOf(id)).toBeNull();
    await expect.poll(() => ratingOf(id), { timeout: 10_000, interval: 250 }).toMatchObject({ score: null, counter: 1 });
  });
});
