// The kiosk's optional phone step (walk-in tickets): offered only while messages are on (the
// catalog says so, and follows the admin's switch at once); the number typed is checked, kept on
// the ticket like a booking's and gets "còn N người nữa" and the call; an opted-out number is kept
// off every message; with messages off a number sent anyway is not kept. Never needed for a ticket.
import { afterEach, describe, expect, it } from 'vitest';
import type { Catalog } from '@core/views.ts';
import type { KioskIssuedTicket } from '@core/protocol.ts';
import { must, nextEvent, send, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { SmsGateway } from '../helpers/message-receivers.ts';
import { FAST, smsSettings } from '../messages/helpers.ts';

let server: TestServer | undefined;
let gateway: SmsGateway | undefined;
afterEach(async () => {
  await server?.close();
  await gateway?.stop();
  server = gateway = undefined;
});
let seq = 0;
const req = () => `phone-${String(++seq).padStart(8, '0')}`;

async function catalogOf(kiosk: Client): Promise<Catalog> {
  const snap = await must(kiosk, 'snapshot:get', {});
  if (snap.role !== 'kiosk') throw new Error('not a kiosk snapshot');
  return snap.catalog;
}

describe('the kiosk phone step', () => {
  it('messages on: offered; a checked number is kept and hears "còn N người" and the call; an opted-out one hears nothing', async () => {
    gateway = new SmsGateway('khoa-cong-sms-thu-nghiem');
    await gateway.start();
    const optOuts = [{ phone: '0933333333', at: 0, via: 'admin' as const }];
    server = await startServer({ messages: { settings: smsSettings(gateway, { nearTurnAhead: 1, optOuts }), backoff: FAST } });
    const kiosk = await server.device('kiosk1');
    expect((await catalogOf(kiosk)).phoneStep).toBe(true);

    const bad = await send(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: req(), phone: '0123' });
    expect(bad).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(bad.ok ? [] : bad.issues).toEqual([{ path: 'phone', message: expect.stringContaining('Số điện thoại không hợp lệ: 0123') }]);

    const first = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: req() }) as KioskIssuedTicket; // skipped
    const mine = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: req(), phone: '0912 345 678' }) as KioskIssuedTicket;
    const quiet = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: req(), phone: '0933333333' }) as KioskIssuedTicket;
    const tickets = server.app.parts.queue.current.tickets;
    expect(tickets[first.ticket.id]!.phone ?? null).toBeNull();
    expect(tickets[mine.ticket.id]!.phone).toBe('0912345678');
    expect(tickets[quiet.ticket.id]!.phone).toBe('0933333333');
    expect(JSON.stringify(mine)).not.toContain('0912345678'); // the kiosk's answer does not echo it

    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    await must(officer, 'ticket:call-next', {}); // the first (no phone): "mine" is next, 0 ahead, so no "còn N người"
    await send(officer, 'ticket:no-show', {});
    await must(officer, 'ticket:call-next', {}); // "mine" called; "quiet" now has 0 ahead
    await expect.poll(() => gateway!.acceptedTo('84912345678').length, { timeout: 5_000 }).toBe(1);
    expect(gateway.acceptedTo('84912345678')[0]!.text).toBe(`Mời Ông/Bà số ${mine.ticket.number} đến quầy số 1.`);
    await send(officer, 'ticket:no-show', {});
    await must(officer, 'ticket:call-next', {}); // "quiet" called: opted out, nothing sent
    await server.app.parts.messages.idle();
    expect(gateway.requests.filter((r) => r.phone === '84933333333')).toHaveLength(0);
  });

  it('"còn N người nữa" reaches a kiosk phone when the ticket nears its turn', async () => {
    gateway = new SmsGateway('khoa-cong-sms-thu-nghiem');
    await gateway.start();
    server = await startServer({ messages: { settings: smsSettings(gateway, { nearTurnAhead: 1 }), backoff: FAST } });
    const kiosk = await server.device('kiosk1');
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: req() });
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: req() });
    const mine = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: req(), phone: '+84 912 000 999' }) as KioskIssuedTicket;
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    await must(officer, 'ticket:call-next', {}); // one left ahead of "mine"
    await expect.poll(() => gateway!.acceptedTo('84912000999').length, { timeout: 5_000 }).toBe(1);
    expect(gateway.acceptedTo('84912000999')[0]!.text).toBe(`Còn 1 người nữa đến lượt Ông/Bà (số ${mine.ticket.number}). Vui lòng có mặt gần quầy.`);
  });

  it('messages off: no step offered and a number sent anyway is not kept; turned on, kiosks are told at once', async () => {
    server = await startServer();
    const kiosk = await server.device('kiosk1');
    expect((await catalogOf(kiosk)).phoneStep).toBe(false);
    const t = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: req(), phone: '0912345678' }) as KioskIssuedTicket;
    expect(server.app.parts.queue.current.tickets[t.ticket.id]!.phone ?? null).toBeNull();

    gateway = new SmsGateway('khoa-cong-sms-thu-nghiem');
    await gateway.start();
    const messages = server.app.parts.messages;
    const pushed = nextEvent(kiosk, 'snapshot');
    const { MessageSettings } = await import('@core/messages/settings.ts');
    await messages.saveSettings(MessageSettings.parse(smsSettings(gateway)));
    const snap = await pushed;
    expect(snap.role === 'kiosk' && snap.catalog.phoneStep).toBe(true);
  });
});
