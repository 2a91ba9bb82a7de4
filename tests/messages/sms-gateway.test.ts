// Messages through a real local SMS gateway: the call and the "còn 3 người" message reach the
// citizen's phone once each; a gateway that is down, answers 500, answers garbage or hangs gets
// every message in the end, each exactly once, and the manager sees the failures meanwhile.
import { afterEach, describe, expect, it } from 'vitest';
import { must, send, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { SmsGateway } from '../helpers/message-receivers.ts';
import { FAST, issueWithPhone, messagesStatus, smsSettings } from './helpers.ts';

let server: TestServer | undefined;
let gateway: SmsGateway | undefined;
afterEach(async () => {
  await server?.close();
  await gateway?.stop();
  server = gateway = undefined;
});

async function start(more: Parameters<typeof smsSettings>[1] = {}): Promise<{ s: TestServer; g: SmsGateway }> {
  gateway = new SmsGateway('khoa-cong-sms-thu-nghiem');
  await gateway.start();
  server = await startServer({ messages: { settings: smsSettings(gateway, more), backoff: FAST } });
  return { s: server, g: gateway };
}

/** The current citizen did not come; the next one is called. */
async function next(officer: Client): Promise<{ id: string; number: string }> {
  await send(officer, 'ticket:no-show', {});
  return must(officer, 'ticket:call-next', {});
}

describe('messages through an SMS gateway', () => {
  it('the call reaches the phone once, in Vietnamese, to 84…; tickets without a phone get nothing', async () => {
    const { s, g } = await start();
    const officer = await s.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const a = await issueWithPhone(s, 'DATDAI', '0912 345 678');
    await issueWithPhone(s, 'DATDAI', null);
    await must(officer, 'ticket:call-next', {});
    await expect.poll(() => g.acceptedTo('84912345678').length, { timeout: 5_000 }).toBe(1);
    expect(g.acceptedTo('84912345678')[0]!.text).toBe(`Mời Ông/Bà số ${a.number} đến quầy số 1.`);
    await must(officer, 'ticket:recall', {}); // a recall is not a second message
    await next(officer); // the ticket without a phone
    await expect.poll(async () => (await messagesStatus(s)).today, { timeout: 5_000 }).toMatchObject({ due: 1, sent: 1, pending: 0 });
    expect(g.requests).toHaveLength(1);
  });

  it('"còn 3 người" once, when the third ticket before it is called; then the call', async () => {
    const { s, g } = await start();
    const officer = await s.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const phone = '0987654321';
    for (let i = 0; i < 5; i++) await issueWithPhone(s, 'DATDAI', null);
    const mine = await issueWithPhone(s, 'DATDAI', phone); // six: five ahead
    const to = '84987654321';
    await next(officer); // four ahead
    await next(officer); // three ahead: now
    await expect.poll(() => g.acceptedTo(to).length, { timeout: 5_000 }).toBe(1);
    expect(g.acceptedTo(to)[0]!.text).toBe(`Còn 3 người nữa đến lượt Ông/Bà (số ${mine.number}). Vui lòng có mặt gần quầy.`);
    for (let i = 0; i < 3; i++) await next(officer); // two, one, none ahead: no new message
    const called = await next(officer);
    expect(called.id).toBe(mine.id);
    await expect.poll(() => g.acceptedTo(to).length, { timeout: 5_000 }).toBe(2);
    expect(g.acceptedTo(to)[1]!.text).toBe(`Mời Ông/Bà số ${mine.number} đến quầy số 1.`);
    await s.restart(); // nothing is sent again after a restart
    const again = await s.officer(1);
    await must(again, 'ticket:recall', {});
    expect((await messagesStatus(s)).today).toMatchObject({ due: 2, sent: 2, pending: 0 });
    expect([...g.accepted.values()]).toEqual([1, 1]);
  });

  it('down, 500, garbage, hanging: every message arrives once; the manager sees the failure meanwhile', async () => {
    const { s, g } = await start({ kinds: { 'booking-confirmation': true, 'booking-reminder': true, 'booking-cancelled': true, 'near-turn': false, call: true } });
    await g.stop(); // down
    const officer = await s.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const phones = ['0901000001', '0901000002', '0901000003', '0901000004'];
    for (const p of phones) await issueWithPhone(s, 'DATDAI', p);
    await must(officer, 'ticket:call-next', {});
    await expect.poll(async () => (await messagesStatus(s)).lastError?.text.vi, { timeout: 5_000 }).toBe('Không kết nối được Cổng SMS');
    expect((await messagesStatus(s)).today).toMatchObject({ due: 1, pending: 1, failing: 1, sent: 0 });
    const officerStatus = await fetch(`${s.url}/api/messages/status`, { headers: { authorization: `Bearer ${await s.login('canbo1')}` } });
    expect(officerStatus.status).toBe(403);

    g.mode = { kind: 'fail', status: 500, times: 2 };
    await g.start(g.port); // back, but answering 500 twice
    await expect.poll(() => g.acceptedTo('84901000001').length, { timeout: 10_000 }).toBe(1);
    expect(g.requests.slice(0, 2).map((r) => r.answered)).toEqual([500, 500]);

    g.mode = { kind: 'garbage', times: 2 }; // 200 with an HTML page: not the gateway's "OK"
    await next(officer);
    await expect.poll(() => g.acceptedTo('84901000002').length, { timeout: 10_000 }).toBe(1);
    expect(g.requests.filter((r) => r.phone === '84901000002').map((r) => r.answered)).toEqual(['refused', 'refused', 200]);

    g.mode = { kind: 'hang', times: 1 }; // no answer within the timeout (1 s): tried again
    await next(officer);
    await expect.poll(() => g.acceptedTo('84901000003').length, { timeout: 10_000 }).toBe(1);
    expect(g.requests.filter((r) => r.phone === '84901000003').map((r) => r.answered)).toEqual(['hung', 200]);

    await expect.poll(async () => (await messagesStatus(s)).today, { timeout: 5_000 }).toMatchObject({ due: 3, sent: 3, pending: 0, failing: 0 });
    // Each message taken once (the same idempotency key for every attempt of it).
    expect([...g.accepted.values()]).toEqual([1, 1, 1]);
    const st = await messagesStatus(s);
    expect(st.failedAttempts).toBeGreaterThanOrEqual(5);
    expect(st.lastError).toBeNull();
  });
});
