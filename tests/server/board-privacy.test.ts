// Lobby boards are screens anyone in the hall can look into (and their sockets carry a device
// token anyone at a board's PC can use): a ticket's id, the secret of its status page (/t/<id>),
// must never reach them. Every message a board gets through a ticket's whole day — snapshots,
// calls, recalls, counter changes, announcements — carries numbers, not ids; the boards still
// hear everything they show.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { must, nextEvent, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeEach(async () => { server = await startServer(); });
afterEach(async () => { await server.close(); });

/** Every event a socket receives, as the JSON it came as. */
function record(socket: Client): { event: string; json: string }[] {
  const got: { event: string; json: string }[] = [];
  socket.onAny((event: string, ...args: unknown[]) => got.push({ event, json: JSON.stringify(args) }));
  return got;
}

describe('boards get numbers, not ticket ids', { timeout: 60_000 }, () => {
  it('snapshot, calls, recalls, counter changes and announcements carry no ticket id', async () => {
    const all = await server.device('display-all');
    const t1 = await server.device('display-T1');
    const heardAll = record(all);
    const heardT1 = record(t1);
    const kiosk = await server.device('kiosk1');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: `privacy-${i}-000` })).ticket.id);
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });

    const called = nextEvent(all, 'board:called');
    const announced = nextEvent(t1, 'announcement:ready', 20_000);
    await must(officer, 'ticket:call-next', {});
    expect((await called).ticket.number).toBe('A-001');
    expect((await announced).call.ticket.number).toBe('A-001');
    const recalled = nextEvent(all, 'board:called');
    await must(officer, 'ticket:recall', {});
    expect((await recalled).recall).toBe(true);
    await must(officer, 'ticket:start', {});
    // A call already tells the board who is at the counter; the counter changes for it at the finish.
    const counterChanged = nextEvent(all, 'board:counter');
    await must(officer, 'ticket:finish', {});
    expect((await counterChanged).number).toBe(1);
    await must(officer, 'ticket:call-next', {});

    // A board that (re)connects now gets a snapshot with the calls and the counter's ticket.
    const late = await server.device('display-all');
    const snapshot = await must(late, 'snapshot:get', {});
    expect(snapshot.role).toBe('display');
    const display = snapshot.role === 'display' ? snapshot.display : null;
    expect(display!.recentCalls.map((c) => c.ticket.number)).toEqual(expect.arrayContaining(['A-001', 'A-002']));
    expect(display!.counters.find((c) => c.number === 1)!.current?.number).toBe('A-002');

    const everything = [...heardAll, ...heardT1, { event: 'snapshot:get', json: JSON.stringify(snapshot) }];
    expect(everything.some((m) => m.event === 'board:called')).toBe(true);
    for (const m of everything) for (const id of ids) expect(m.json, `${m.event} carries ${id}`).not.toContain(id);
    // The counter's officer still gets the ids (the console acts on them).
    expect(JSON.stringify(await must(officer, 'snapshot:get', {}))).toContain(ids[1]);
  });
});
