// Zalo ZNS refusals no retry can cure (core/messages/zns-errors.ts): a number without a Zalo
// account (-118), a user who blocked the OA (-141), a template not approved (-117) are failed for
// good at the first answer, never retried, with the reason on the manager's card; a transient one
// (-100 unknown error) keeps its backoff and goes through. The outcome survives a restart.
import { afterEach, describe, expect, it } from 'vitest';
import { znsError } from '@core/messages/zns-errors.ts';
import { must, send, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { ZnsReceiver } from '../helpers/message-receivers.ts';
import { FAST, issueWithPhone, messagesStatus, znsSettings } from './helpers.ts';

let server: TestServer | undefined;
let zalo: ZnsReceiver | undefined;
afterEach(async () => {
  await server?.close();
  await zalo?.stop();
  server = zalo = undefined;
});

const TOKEN = 'oa-access-token-thu-nghiem-0123456789';
const callsOnly = { kinds: { 'booking-confirmation': true, 'booking-reminder': true, 'booking-cancelled': true, 'near-turn': false, call: true } };

describe('ZNS error codes', () => {
  it('the table: user-side and template refusals are permanent; unknown, quota and token ones are not', () => {
    for (const code of [-108, -109, -117, -118, -119, -139, -141]) expect(znsError(code)?.permanent, String(code)).toBe(true);
    for (const code of [-100, -115, -124, -133, -1]) expect(znsError(code)?.permanent ?? false, String(code)).toBe(false);
  });

  it('-118 (no Zalo account): one attempt, failed for good with the reason; -100 is retried and delivered', async () => {
    zalo = new ZnsReceiver(TOKEN);
    await zalo.start();
    server = await startServer({ messages: { settings: znsSettings(zalo, callsOnly), backoff: FAST } });
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    await issueWithPhone(server, 'DATDAI', '0912000111');
    await issueWithPhone(server, 'DATDAI', '0912000222');

    zalo.mode = { kind: 'refuse', error: -118, message: 'Zalo account not existed', times: 1 };
    await must(officer, 'ticket:call-next', {});
    await expect.poll(async () => (await messagesStatus(server!)).today.failed, { timeout: 10_000 }).toBe(1);
    const st = await messagesStatus(server);
    expect(st.today).toMatchObject({ due: 1, failed: 1, failing: 0, pending: 0, sent: 0 });
    expect(st.failures).toEqual([expect.objectContaining({ kind: 'call', to: '091*****11', reason: { vi: expect.stringContaining('Số điện thoại chưa có tài khoản Zalo (mã -118)'), en: expect.stringContaining('code -118') } })]);
    expect(st.lastError?.text.vi).toContain('không gửi lại');

    // "Retry now" does not bring it back; the next message (a transient -100 first) goes through.
    await fetch(`${server.url}/api/messages/retry`, { method: 'POST', headers: { authorization: `Bearer ${await server.login('quanly')}` } });
    zalo.mode = { kind: 'refuse', error: -100, message: 'Unknown error', times: 1 };
    await send(officer, 'ticket:no-show', {});
    await must(officer, 'ticket:call-next', {});
    await expect.poll(() => zalo!.acceptedTo('84912000222').length, { timeout: 10_000 }).toBe(1);
    expect(zalo.requests.filter((r) => r.phone === '84912000222').map((r) => r.answered)).toEqual(['refused', 200]);
    expect(zalo.requests.filter((r) => r.phone === '84912000111')).toHaveLength(1);
    expect((await messagesStatus(server)).today).toMatchObject({ due: 2, failed: 1, sent: 1 });
  });

  it('the failure and its reason are durable: read again after a restart, still not retried', async () => {
    zalo = new ZnsReceiver(TOKEN);
    await zalo.start();
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'luot-zns-permanent-'));
    server = await startServer({ messages: { settings: znsSettings(zalo, callsOnly), backoff: FAST, dir } });
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    await issueWithPhone(server, 'DATDAI', '0912000333');
    zalo.mode = { kind: 'refuse', error: -141, message: 'User blocked ZNS', times: 1 };
    await must(officer, 'ticket:call-next', {});
    await expect.poll(async () => (await messagesStatus(server!)).today.failed, { timeout: 10_000 }).toBe(1);
    const clockAt = server.clock.t;
    await server.close();
    server = await startServer({ messages: { settings: znsSettings(zalo, callsOnly), backoff: FAST, dir } });
    server.clock.t = clockAt;
    const st = await messagesStatus(server);
    expect(st.today).toMatchObject({ failed: 1, pending: 0 });
    expect(st.failures?.[0]?.reason.vi).toContain('Người dùng đã chặn tin ZNS của OA (mã -141)');
    await server.app.parts.messages.idle();
    expect(zalo.requests).toHaveLength(1);
  });
});
