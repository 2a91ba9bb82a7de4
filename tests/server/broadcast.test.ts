// What the broadcaster sends, beyond the flow test: a call tells its boards once (the call
// carries the counter's new ticket, no counter:updated after it), a service's officers hear its
// queue change but not another counter's start, finish or no-show, and the queue figures reach
// every kiosk, board and officer, paced a slice of sockets at a time, newest figures last.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceFigures } from '@core/estimate.ts';
import { FIGURES_SLICE } from '../../server/realtime/figures-sender.ts';
import { must, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeEach(async () => { server = await startServer(); });
afterEach(async () => { await server.close(); });

const waitingOf = (figures: ServiceFigures[], code: string) => figures.find((f) => f.serviceCode === code)?.waiting;

/** Resolves when this socket's latest figures say `waiting` for the service. */
function figuresReach(socket: Client, code: string, waiting: number): Promise<void> {
  return new Promise((resolve) => {
    const listener = (figures: ServiceFigures[]) => {
      if (waitingOf(figures, code) !== waiting) return;
      socket.off('queue:stats', listener);
      resolve();
    };
    socket.on('queue:stats', listener);
  });
}

describe('broadcasts', () => {
  it('a call reaches its board once; a pause still updates the board', async () => {
    const kiosk = await server.device('kiosk1');
    const board = await server.device('display-all');
    const officer = await server.officer(1);
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'tap-00000001' });
    await must(officer, 'counter:open', { counter: 1 });
    const heard: string[] = [];
    board.on('board:called', (call) => heard.push(`called ${call.ticket.number} at ${call.counter}`));
    board.on('board:counter', (view) => heard.push(`counter ${view.number} ${view.status} ${view.current?.number ?? '-'}`));
    const paused = new Promise<void>((resolve) => board.on('board:counter', (view) => { if (view.status === 'paused') resolve(); }));
    await must(officer, 'ticket:call-next', {});
    await must(officer, 'ticket:no-show', {});
    await must(officer, 'counter:pause', { reason: 'break' });
    await paused;
    expect(heard).toEqual(['called A-001 at 1', 'counter 1 open -', 'counter 1 paused -']);
  });

  it('the officers of a service hear its queue change, not what happens to a ticket at another counter', async () => {
    const kiosk = await server.device('kiosk1');
    const one = await server.officer(1);
    const two = await server.officer(2); // counters 1 and 2 both serve DATDAI
    await must(one, 'counter:open', { counter: 1 });
    await must(two, 'counter:open', { counter: 2 });
    const heard = (socket: Client) => {
      const out: string[] = [];
      for (const e of ['ticket:issued', 'ticket:started', 'ticket:finished', 'ticket:no-show'] as const) socket.on(e, (t) => out.push(`${e} ${t.number}`));
      socket.on('ticket:called', (call) => out.push(`ticket:called ${call.ticket.number}`));
      return out;
    };
    const atOne = heard(one);
    const atTwo = heard(two);
    const issue = (n: number) => must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: `tap-0000001${n}` });
    await issue(1);
    await issue(2);
    await must(one, 'ticket:call-next', {});
    await must(one, 'ticket:start', {});
    await must(one, 'ticket:finish', {});
    await must(one, 'ticket:call-next', {});
    await must(one, 'ticket:no-show', {});
    // A socket hears events in order: once counter 2 hears A-003 issued, it has heard all before it.
    const last = new Promise<void>((resolve) => two.on('ticket:issued', (t) => { if (t.number === 'A-003') resolve(); }));
    await issue(3);
    await last;
    expect(atTwo).toEqual(['ticket:issued A-001', 'ticket:issued A-002', 'ticket:called A-001', 'ticket:called A-002', 'ticket:issued A-003']);
    await expect.poll(() => atOne.at(-1)).toBe('ticket:issued A-003');
    expect(atOne).toEqual([
      'ticket:issued A-001', 'ticket:issued A-002', 'ticket:called A-001', 'ticket:started A-001', 'ticket:finished A-001',
      'ticket:called A-002', 'ticket:no-show A-002', 'ticket:issued A-003',
    ]);
  });

  it('figures reach every kiosk, board and officer, more sockets than one slice, newest last', async () => {
    const kiosk = await server.device('kiosk1');
    const sockets: Client[] = [];
    // A kiosk has one connection (a newer one replaces it); a board may be open in several places.
    for (let i = 0; i < FIGURES_SLICE + 10; i++) sockets.push(await server.device(i % 2 ? 'display-T1' : 'display-all'));
    sockets.push(await server.device('kiosk2'), await server.officer(2));
    const heardThree = sockets.map((s) => figuresReach(s, 'DATDAI', 3));
    for (let i = 1; i <= 3; i++) await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: `tap-0000000${i}` });
    await Promise.all(heardThree);
    // Whatever slices were cut short by newer figures, the last figures each socket holds are the newest.
    const last = sockets.map(() => -1);
    sockets.forEach((s, i) => s.on('queue:stats', (f) => { last[i] = waitingOf(f, 'DATDAI') ?? -1; }));
    const heardFive = sockets.map((s) => figuresReach(s, 'DATDAI', 5));
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'tap-00000004' });
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'tap-00000005' });
    await Promise.all(heardFive);
    expect(new Set(last)).toEqual(new Set([5]));
  });
});
