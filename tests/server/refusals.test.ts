// Bad input over real sockets: each gets its code and a message a person understands, and the
// state on disk is exactly what it was before.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Ack } from '@core/protocol.ts';
import { dayFilesRaw, must, send, startServer, TestClock } from '../helpers/server.ts';
import type { DayState } from '@core/ticket.ts';
import { testCenterConfig } from '../helpers/center.ts';
import type { Client, TestServer } from '../helpers/server.ts';

let server: TestServer;
const open = async () => { server = await startServer(); };
const close = async () => { await server.close(); };
/** A server of its own for each test that writes something; refusals that write nothing share one. */
function freshServerEach(): void {
  beforeEach(open);
  afterEach(close);
}

const dayFile = () => dayFilesRaw(server.dataDir);

function expectRefused(res: Ack<unknown>, code: string): void {
  expect(res.ok).toBe(false);
  if (res.ok) return;
  expect(res.code).toBe(code);
  expect(res.message.length).toBeGreaterThan(5);
  expect(res.messageEn.length).toBeGreaterThan(5);
}

async function unchanged(action: () => Promise<Ack<unknown>>, code: string): Promise<Ack<unknown>> {
  const before = await dayFile();
  const res = await action();
  expectRefused(res, code);
  expect(await dayFile()).toBe(before);
  return res;
}

describe('kiosk refusals', () => {
  let kiosk: Client;

  describe('refused, nothing written: one server for all (each asserts the day files unchanged)', () => {
    beforeAll(async () => {
      await open();
      kiosk = await server.device('kiosk1');
    });
    afterAll(close);

    it('unknown service', async () => {
      await unchanged(() => send(kiosk, 'ticket:issue', { serviceCode: 'KHONGCO', requestId: 'r-unknown1' }), 'UNKNOWN_SERVICE');
    });

    it('issuing window closed, with the hours in the message', async () => {
      const res = await unchanged(() => send(kiosk, 'ticket:issue', { serviceCode: 'CHIEU', requestId: 'r-window01' }), 'WINDOW_CLOSED');
      expect(!res.ok && res.message).toContain('13:00–14:00');
    });

    it('unknown priority category', async () => {
      await unchanged(() => send(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', priority: 'vip', requestId: 'r-prio0001' }), 'UNKNOWN_PRIORITY');
    });

    it.each([
      ['no payload', undefined],
      ['a string', 'DATDAI'],
      ['missing requestId', { serviceCode: 'DATDAI' }],
      ['wrong type', { serviceCode: 42, requestId: 'r-type0001' }],
      ['unknown key', { serviceCode: 'DATDAI', requestId: 'r-extra001', counter: 1 }],
      ['bad requestId', { serviceCode: 'DATDAI', requestId: '../../etc' }],
    ])('malformed payload (%s) is a validation error naming the field', async (_label, payload) => {
      const res = await unchanged(() => send(kiosk, 'ticket:issue', payload), 'VALIDATION_FAILED');
      expect(!res.ok && res.issues && res.issues.length).toBeGreaterThan(0);
    });

    it('oversized payload', async () => {
      await unchanged(() => send(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'r-big00001', pad: 'x'.repeat(20_000) }), 'PAYLOAD_TOO_LARGE');
    });
  });

  describe('issuing', () => {
    freshServerEach();
    beforeEach(async () => { kiosk = await server.device('kiosk1'); });

    it('daily cap reached', async () => {
      await must(kiosk, 'ticket:issue', { serviceCode: 'LLTP', requestId: 'r-cap00001' });
      await must(kiosk, 'ticket:issue', { serviceCode: 'LLTP', requestId: 'r-cap00002' });
      const res = await unchanged(() => send(kiosk, 'ticket:issue', { serviceCode: 'LLTP', requestId: 'r-cap00003' }), 'CAP_REACHED');
      expect(!res.ok && res.message).toContain('2');
    });

    it('an event without an ack callback does not crash the server', async () => {
      (kiosk.emit as (e: string, p: unknown) => void)('ticket:issue', { serviceCode: 'DATDAI', requestId: 'r-noack001' });
      const res = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'r-noack002' });
      expect(res.ticket.number).toBe('A-002');
    });
  });
});

describe('wrong role', () => {
  freshServerEach();
  it('an event that is no command at all gets a clear refusal', async () => {
    const kiosk = await server.device('kiosk1');
    const res = await send(kiosk, 'ticket:steal' as 'ticket:issue', {});
    expectRefused(res, 'VALIDATION_FAILED');
  });

  it('a kiosk cannot call, a display cannot issue, an officer cannot issue or rate', async () => {
    const kiosk = await server.device('kiosk1');
    const display = await server.device('display-all');
    const officer = await server.officer(1);
    await unchanged(() => send(kiosk, 'ticket:call-next', {}), 'FORBIDDEN');
    await unchanged(() => send(kiosk, 'counter:open', { counter: 1 }), 'FORBIDDEN');
    await unchanged(() => send(display, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'r-disp0001' }), 'FORBIDDEN');
    await unchanged(() => send(officer, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'r-offi0001' }), 'FORBIDDEN');
    await unchanged(() => send(officer, 'rating:submit', { ticketId: 'x'.repeat(20), score: 5 }), 'FORBIDDEN');
    await unchanged(() => send(officer, 'ticket:cancel', { ticketId: 'x'.repeat(20) }), 'FORBIDDEN');
  });
});

describe('counter refusals', () => {
  freshServerEach();
  let kiosk: Client;
  let officer1: Client;
  let officer2: Client;
  beforeEach(async () => {
    kiosk = await server.device('kiosk1');
    officer1 = await server.officer(1);
    officer2 = await server.officer(2);
  });

  it('actions before opening a counter', async () => {
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'r-c0000001' });
    await unchanged(() => send(officer1, 'ticket:call-next', {}), 'COUNTER_NOT_OPEN');
    await unchanged(() => send(officer1, 'ticket:start', {}), 'COUNTER_NOT_OPEN');
  });

  it('a counter held by another officer, and an unknown counter', async () => {
    await must(officer1, 'counter:open', { counter: 1 });
    await unchanged(() => send(officer2, 'counter:open', { counter: 1 }), 'COUNTER_TAKEN');
    await unchanged(() => send(officer2, 'counter:open', { counter: 99 }), 'UNKNOWN_COUNTER');
  });

  it('paused counter, empty queue, busy counter, invalid transition', async () => {
    await must(officer1, 'counter:open', { counter: 1 });
    await unchanged(() => send(officer1, 'ticket:call-next', {}), 'QUEUE_EMPTY');
    await must(officer1, 'counter:pause', { reason: 'Họp giao ban' });
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'r-c0000002' });
    await unchanged(() => send(officer1, 'ticket:call-next', {}), 'COUNTER_PAUSED');
    await must(officer1, 'counter:resume', {});
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'r-c0000003' });
    await must(officer1, 'ticket:call-next', {});
    await unchanged(() => send(officer1, 'ticket:call-next', {}), 'COUNTER_BUSY');
    await unchanged(() => send(officer1, 'counter:close', {}), 'COUNTER_BUSY');
    await must(officer1, 'ticket:start', {});
    await unchanged(() => send(officer1, 'ticket:no-show', {}), 'INVALID_TRANSITION');
    await unchanged(() => send(officer1, 'ticket:finish', { dossierCodes: ['12345'] }), 'INVALID_DOSSIER_CODE');
    await must(officer1, 'ticket:finish', {});
    await unchanged(() => send(officer1, 'ticket:recall', {}), 'NO_CURRENT_TICKET');
  });

  it('two counters racing for the same ticket: one gets it, the other is told who has it', async () => {
    const issued = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'r-race0001' });
    await must(officer1, 'counter:open', { counter: 1 });
    await must(officer2, 'counter:open', { counter: 2 });
    const [a, b] = await Promise.all([
      send(officer1, 'ticket:call', { ticketId: issued.ticket.id }),
      send(officer2, 'ticket:call', { ticketId: issued.ticket.id }),
    ]);
    const wins = [a, b].filter((r) => r.ok);
    const losses = [a, b].filter((r) => !r.ok);
    expect(wins).toHaveLength(1);
    expect(losses).toHaveLength(1);
    expectRefused(losses[0]!, 'TICKET_TAKEN');
    expect(!losses[0]!.ok && losses[0]!.message).toContain('A-001');
  });

  it('calling a ticket of a service the counter does not serve', async () => {
    const issued = await must(kiosk, 'ticket:issue', { serviceCode: 'LLTP', requestId: 'r-other001' });
    await must(officer1, 'counter:open', { counter: 1 });
    await unchanged(() => send(officer1, 'ticket:call', { ticketId: issued.ticket.id }), 'NOT_FOR_THIS_COUNTER');
  });

  it('a rating pad cannot rate a ticket served at another counter', async () => {
    const pad2 = await server.device('pad2');
    const issued = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'r-pad00001' });
    await must(officer1, 'counter:open', { counter: 1 });
    await must(officer1, 'ticket:call-next', {});
    await must(officer1, 'ticket:finish', {});
    await unchanged(() => send(pad2, 'rating:submit', { ticketId: issued.ticket.id, score: 4 }), 'NOT_SERVED_HERE');
    await unchanged(() => send(pad2, 'rating:submit', { ticketId: issued.ticket.id, score: 9 }), 'VALIDATION_FAILED');
  });
});

describe('the clock crossing local midnight', () => {
  freshServerEach();
  it('starts a new day: numbering from 1, yesterday expired and closed on disk, old counter closed', async () => {
    await server.close();
    const config = testCenterConfig();
    config.center.enforceWindows = false; // a ticket at 23:59 and one at 00:00:30
    server = await startServer({ config, clock: new TestClock(Date.parse('2026-11-23T16:59:00Z')) });
    const kiosk = await server.device('kiosk1');
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const late = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'r-late0001' });
    expect(late.ticket.number).toBe('A-001');
    server.clock.t = Date.parse('2026-11-23T17:00:30Z'); // 00:00:30 local on Tuesday
    expectRefused(await send(officer, 'ticket:call-next', {}), 'COUNTER_NOT_OPEN');
    const again = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'r-early001' });
    expect(again.ticket.number).toBe('A-001');
    expect(again.ticket.id.startsWith('261124')).toBe(true);
    const yesterday = JSON.parse(await readFile(join(server.dataDir, 'days', '2026-11-23.json'), 'utf8')) as DayState;
    expect(await readFile(join(server.dataDir, 'days', '2026-11-23.journal'), 'utf8').catch(() => 'gone')).toBe('gone');
    expect(yesterday.tickets[late.ticket.id]).toMatchObject({ status: 'cancelled', endReason: 'expired' });
    expect(yesterday.counters['1']?.status).toBe('closed');
    const status = await (await fetch(`${server.url}/api/tickets/${late.ticket.id}/status`)).json();
    expect(status.data).toMatchObject({ status: 'cancelled', endReason: 'expired', number: 'A-001' });
  });
});
