// The counter console's state (counter/src/console.svelte.ts) against the real server over real
// sockets, without a browser: restored from the snapshot, kept live by events (its own and other
// tabs' and counters'), one command at a time, refusals shown and the stale picture reloaded.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { io as connectClient } from 'socket.io-client';
import { ConsoleState } from '../../counter/src/console.svelte.ts';
import { must, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { once } from '../helpers/socket-events.ts';

let server: TestServer;
const consoles: { state: ConsoleState; socket: Client }[] = [];
afterEach(async () => {
  for (const c of consoles.splice(0)) {
    c.state.dispose();
    c.socket.close();
  }
  await server?.close();
});

let seq = 0;
const issue = async (kiosk: Client, serviceCode = 'DATDAI') =>
  (await must(kiosk, 'ticket:issue', { serviceCode, priority: null, requestId: `console-state-${++seq}` })).ticket;

/** A console page of officer `n`, once the server's snapshot has arrived. */
async function openConsole(n: number): Promise<{ state: ConsoleState; socket: Client }> {
  const socket: Client = connectClient(server.url, {
    auth: { sessionToken: await server.login(`canbo${n}`) }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false,
  });
  const state = new ConsoleState(socket);
  consoles.push({ state, socket });
  const snapshot = once(socket, 'snapshot');
  socket.connect();
  await snapshot;
  return { state, socket };
}

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 10_000 });

describe('the counter console state', () => {
  it('starts from the snapshot, and opening a counter brings its waiting list in call order', async () => {
    server = await startServer();
    const kiosk = await server.device('kiosk1');
    const first = await issue(kiosk);
    const second = await issue(kiosk);
    await issue(kiosk, 'HOTICH'); // not a service of counter 1
    const { state: s } = await openConsole(1);
    expect([s.ready, s.online, s.officer?.displayName, s.counter, s.waiting]).toEqual([true, true, 'Cán bộ 1', null, []]);
    expect(s.allowedCounters).toEqual([1, 2, 3]);
    const view = await s.run('counter:open', { counter: 1 });
    expect(view?.number).toBe(1);
    expect(s.busy).toBeNull();
    s.counterChanged(view!); // as the counter picker does with the answer
    await waitFor(() => expect(s.waiting.map((t) => t.id)).toEqual([first.id, second.id]));
    expect(s.counter?.status).toBe('open');
  });

  it('keeps the list live: a new ticket joins, a call makes it current, finishing moves it to the recent list', async () => {
    server = await startServer();
    const kiosk = await server.device('kiosk1');
    const { state: s } = await openConsole(1);
    s.counterChanged((await s.run('counter:open', { counter: 1 }))!);
    const ticket = await issue(kiosk);
    await waitFor(() => expect(s.waiting.map((t) => t.id)).toEqual([ticket.id]));
    const called = await s.run('ticket:call-next', {});
    s.acted(called!);
    expect([s.current?.id, s.current?.status, s.waiting]).toEqual([ticket.id, 'called', []]);
    s.acted((await s.run('ticket:start', {}))!);
    expect(s.current?.status).toBe('serving');
    s.panel = 'finish';
    const done = await s.run('ticket:finish', { procedureCode: null, dossierCodes: [], note: '' });
    s.acted(done!);
    expect([s.current, s.panel, s.recent[0]?.id, s.recent[0]?.status]).toEqual([null, 'none', ticket.id, 'done']);
  });

  it('a ticket finished in another tab of the same officer closes the finish panel here and joins the recent list', async () => {
    server = await startServer();
    const kiosk = await server.device('kiosk1');
    const { state: s } = await openConsole(1);
    const otherTab = await server.officer(1);
    s.counterChanged((await s.run('counter:open', { counter: 1 }))!);
    const ticket = await issue(kiosk);
    await waitFor(() => expect(s.waiting.map((t) => t.id)).toEqual([ticket.id]));
    s.acted((await s.run('ticket:call-next', {}))!);
    s.acted((await s.run('ticket:start', {}))!);
    s.panel = 'finish';
    await must(otherTab, 'ticket:finish', { procedureCode: null, dossierCodes: [], note: '' });
    await waitFor(() => expect(s.current).toBeNull());
    expect([s.panel, s.recent[0]?.id]).toEqual(['none', ticket.id]);
  });

  it('a refusal because the picture was stale is shown with its code, and the picture is reloaded', async () => {
    server = await startServer();
    const kiosk = await server.device('kiosk1');
    const { state: s } = await openConsole(1);
    s.counterChanged((await s.run('counter:open', { counter: 1 }))!);
    const first = await issue(kiosk);
    const second = await issue(kiosk);
    await waitFor(() => expect(s.waiting.map((t) => t.id)).toEqual([first.id, second.id]));
    // Counter 2 calls the first ticket; this console hears it, then its picture goes stale as if
    // the event had been missed: it still lists the ticket and tries to call it.
    const officer2 = await server.officer(2);
    await must(officer2, 'counter:open', { counter: 2 });
    await must(officer2, 'ticket:call', { ticketId: first.id });
    await waitFor(() => expect(s.waiting.map((t) => t.id)).toEqual([second.id]));
    s.waiting = [first, second];
    expect(await s.run('ticket:call', { ticketId: first.id })).toBeNull();
    expect(s.notice).toMatchObject({ kind: 'error', code: 'TICKET_TAKEN' });
    expect(s.notice?.text.vi).toContain(first.number);
    await waitFor(() => expect(s.waiting.map((t) => t.id)).toEqual([second.id]));
  });

  it('sends one command at a time, and none while offline', async () => {
    server = await startServer();
    const { state: s, socket } = await openConsole(1);
    const opening = s.run('counter:open', { counter: 1 });
    expect(s.busy).toBe('counter:open');
    expect(await s.run('counter:open', { counter: 2 })).toBeNull();
    expect((await opening)?.number).toBe(1);
    const dropped = once(socket, 'disconnect');
    socket.disconnect();
    await dropped;
    expect(s.online).toBe(false);
    expect(await s.run('ticket:call-next', {})).toBeNull();
    expect(s.busy).toBeNull();
  });
});
