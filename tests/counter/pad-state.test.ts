// The rating pad's state (counter/rating/pad.svelte.ts) against the real server: asked to rate when
// its counter finishes a ticket, a good score sent at once, a low one asking why first; a pad whose
// token is refused says so in both languages. No browser: the class is what the pad shows.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { io as connectClient } from 'socket.io-client';
import { errorMessage } from '@core/i18n.ts';
import { PadState } from '../../counter/rating/pad.svelte.ts';
import { dayOnDisk, must, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { once } from '../helpers/socket-events.ts';

let server: TestServer;
const pads: { pad: PadState; socket: Client }[] = [];
afterEach(async () => {
  for (const p of pads.splice(0)) {
    p.pad.dispose();
    p.socket.close();
  }
  await server?.close();
});

async function openPad(token: string): Promise<{ pad: PadState; socket: Client }> {
  const socket: Client = connectClient(server.url, { auth: { deviceToken: token }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
  const pad = new PadState(socket);
  pads.push({ pad, socket });
  return { pad, socket };
}

let seq = 0;
/** Counter 1 serves one new ticket to the end; the pad is asked to rate it. */
async function serveOne(kiosk: Client, officer: Client): Promise<string> {
  const issued = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', priority: null, requestId: `pad-state-${++seq}` });
  await must(officer, 'ticket:call-next', {});
  await must(officer, 'ticket:start', {});
  await must(officer, 'ticket:finish', {});
  return issued.ticket.id;
}

describe('the rating pad state', () => {
  it('asks when its counter finishes a ticket; a good score is sent at once and recorded', async () => {
    server = await startServer();
    const [kiosk, officer] = await Promise.all([server.device('kiosk1'), server.officer(1)]);
    await must(officer, 'counter:open', { counter: 1 });
    const { pad, socket } = await openPad(server.deviceTokens.pad1!);
    const snapshot = once(socket, 'snapshot');
    socket.connect();
    await snapshot;
    expect([pad.online, pad.refused, pad.counter?.number, pad.screen]).toEqual([true, null, 1, 'idle']);
    const asked = once(socket, 'rating:requested');
    const ticketId = await serveOne(kiosk, officer);
    await asked;
    expect([pad.screen, pad.request?.ticket.id, pad.secondsLeft]).toEqual(['score', ticketId, 30]);
    const recorded = once(officer, 'rating:recorded');
    pad.choose(5);
    expect(pad.screen).toBe('thanks');
    expect(await recorded).toMatchObject({ id: ticketId });
    await vi.waitFor(async () => {
      expect((await dayOnDisk(server.dataDir)).tickets[ticketId]!.rating).toMatchObject({ score: 5, reasons: [], counter: 1 });
    }, { timeout: 10_000 });
    expect(pad.sendFailed).toBe(false);
  });

  it('a low score asks why first; the reasons chosen go with it', async () => {
    server = await startServer();
    const [kiosk, officer] = await Promise.all([server.device('kiosk1'), server.officer(1)]);
    await must(officer, 'counter:open', { counter: 1 });
    const { pad, socket } = await openPad(server.deviceTokens.pad1!);
    const snapshot = once(socket, 'snapshot');
    socket.connect();
    await snapshot;
    const asked = once(socket, 'rating:requested');
    const ticketId = await serveOne(kiosk, officer);
    await asked;
    pad.choose(2);
    expect(pad.screen).toBe('details');
    const reason = pad.settings!.reasons[0]!.code;
    pad.toggleReason(reason);
    expect(pad.reasons).toEqual([reason]);
    const recorded = once(officer, 'rating:recorded');
    await pad.submit(2);
    expect(pad.screen).toBe('thanks');
    expect(await recorded).toMatchObject({ id: ticketId });
    expect((await dayOnDisk(server.dataDir)).tickets[ticketId]!.rating).toMatchObject({ score: 2, reasons: [reason] });
  });

  it('a pad whose token is refused is offline and says why, in both languages', async () => {
    server = await startServer();
    const { pad, socket } = await openPad('y'.repeat(32));
    const refused = once(socket, 'connect_error');
    socket.connect();
    await refused;
    expect(pad.online).toBe(false);
    expect(pad.refused).toEqual(errorMessage('DEVICE_REVOKED'));
  });
});
