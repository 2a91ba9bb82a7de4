// "Hủy phiếu này" (issue 17): a kiosk takes back a ticket it issued by mistake, within
// KIOSK_UNDO_SEC: the ticket is cancelled (kept, with the reason), the officers are told; later,
// from another kiosk, for a called ticket, or from staff it is refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOSK_UNDO_SEC } from '@core/protocol.ts';
import { connect, must, nextEvent, send, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';

let server: TestServer;
let kiosk: Client;
let seq = 0;
const tap = () => `undo-${String(++seq).padStart(8, '0')}`;

beforeEach(async () => {
  server = await startServer();
  kiosk = await server.device('kiosk1');
});
afterEach(async () => { await server.close(); });

describe('kiosk undo', () => {
  it('cancels the ticket just issued, keeps it with the reason, and tells the officers', async () => {
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const issued = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    const told = nextEvent(officer, 'ticket:cancelled');
    server.clock.advance((KIOSK_UNDO_SEC - 1) * 1000);
    const undone = await must(kiosk, 'ticket:undo', { ticketId: issued.ticket.id });
    expect(undone).toMatchObject({ id: issued.ticket.id, status: 'cancelled' });
    expect((await told).id).toBe(issued.ticket.id);
    const kept = server.app.parts.queue.ticket(issued.ticket.id)!;
    expect(kept).toMatchObject({ status: 'cancelled', endReason: 'Hủy tại kiosk ngay sau khi lấy số' });
    expect(kept.history.at(-1)).toMatchObject({ type: 'cancelled' });
    // Nobody is called for it.
    expect((await send(officer, 'ticket:call-next', {})).ok).toBe(false);
  });

  it('is refused after the window, for a called ticket, from another kiosk, and from staff', async () => {
    const late = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    server.clock.advance((KIOSK_UNDO_SEC + 1) * 1000);
    const tooLate = await send(kiosk, 'ticket:undo', { ticketId: late.ticket.id });
    expect(tooLate).toMatchObject({ ok: false, code: 'UNDO_TOO_LATE' });
    expect(!tooLate.ok && tooLate.message).toContain(late.ticket.number);
    expect(server.app.parts.queue.ticket(late.ticket.id)!.status).toBe('waiting');

    const other = await server.device('kiosk2');
    const mine = await must(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: tap() });
    expect(await send(other, 'ticket:undo', { ticketId: mine.ticket.id })).toMatchObject({ ok: false, code: 'TICKET_NOT_FOUND' });

    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const called = await must(officer, 'ticket:call-next', {});
    expect(await send(kiosk, 'ticket:undo', { ticketId: called.id })).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(await send(officer, 'ticket:undo', { ticketId: mine.ticket.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await send(kiosk, 'ticket:undo', { ticketId: 'x' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const boss = await connect(server.url, { sessionToken: await server.login('quanly') });
    expect(await send(boss, 'ticket:undo', { ticketId: mine.ticket.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
