// The admin's side of the messages: off until configured; templates with a wrong placeholder are
// refused in Vietnamese and nothing changes; secrets never come back; a number that opted out
// (by the admin, by an officer, or by replying "TU CHOI") is never messaged, even a message
// already waiting in the outbox.
import { afterEach, describe, expect, it } from 'vitest';
import { settingsView } from '@core/messages/settings.ts';
import type { MessageSettingsView } from '@core/messages/settings.ts';
import { must, send, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { SmsGateway } from '../helpers/message-receivers.ts';
import { FAST, issueWithPhone, messagesStatus, smsSettings } from './helpers.ts';

let server: TestServer | undefined;
let gateway: SmsGateway | undefined;
afterEach(async () => {
  await server?.close();
  await gateway?.stop();
  server = gateway = undefined;
});

async function api(s: TestServer, user: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: { ok: boolean; data?: unknown; message?: string; issues?: { path: string; message: string }[] } }> {
  const res = await fetch(`${s.url}/api/messages${path}`, {
    method, headers: { authorization: `Bearer ${await s.login(user)}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as never };
}

/** The form as the admin screen sends it: the view, secrets left out (kept). */
function bodyOf(view: MessageSettingsView): Record<string, unknown> {
  const { optOuts: _o, inboundKeySet: _i, sms: { authValueSet: _a, ...sms }, zns: { accessTokenSet: _t, ...zns }, ...rest } = view;
  return { ...rest, sms, zns };
}

describe('message settings', () => {
  it('off until configured: a called phone gets nothing', async () => {
    server = await startServer();
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    await issueWithPhone(server, 'DATDAI', '0912345678');
    await must(officer, 'ticket:call-next', {});
    await server.app.parts.messages.idle();
    expect(await messagesStatus(server)).toMatchObject({ enabled: false, provider: null, today: { due: 0 } });
  });

  it('a template with a wrong placeholder is refused in Vietnamese; nothing changes; a good one is live at once', async () => {
    gateway = new SmsGateway('khoa-cong-sms-thu-nghiem');
    await gateway.start();
    server = await startServer();
    const view = (await api(server, 'admin', 'GET', '/settings')).json.data as MessageSettingsView;
    expect(view.enabled).toBe(false);
    const wrong = bodyOf(view);
    wrong.templates = { ...view.templates, call: 'Mời Ông/Bà số {number} đến quầy {quay}' };
    const refused = await api(server, 'admin', 'PUT', '/settings', wrong);
    expect(refused.status).toBe(400);
    expect(refused.json.message).toBe('Chưa lưu cấu hình tin nhắn: Mẫu «Mời vào quầy» dùng biến không có: {quay}. Các biến dùng được: {number}, {counter}, {service}, {center}');
    expect(refused.json.issues!.map((i) => i.message)).toContain('Mẫu «Mời vào quầy» thiếu biến bắt buộc: {counter}');
    const unpaired = await api(server, 'admin', 'PUT', '/settings', { ...bodyOf(view), templates: { ...view.templates, 'near-turn': 'Còn {ahead người nữa, số {number}' } });
    expect(unpaired.json.issues!.map((i) => i.message)).toEqual(['Mẫu «Sắp đến lượt» có dấu { hoặc } không thành cặp']);
    const noProvider = await api(server, 'admin', 'PUT', '/settings', { ...bodyOf(view), enabled: true });
    expect(noProvider.json.message).toBe('Chưa lưu cấu hình tin nhắn: Hãy chọn nhà cung cấp (cổng SMS hoặc Zalo ZNS) trước khi bật gửi tin nhắn');
    expect((await api(server, 'quanly', 'PUT', '/settings', bodyOf(view))).status).toBe(403);
    expect((await api(server, 'admin', 'GET', '/settings')).json.data).toEqual(view); // nothing changed

    const good = bodyOf(settingsView({ ...server.app.parts.messages.settings.current, ...smsSettings(gateway) } as never));
    good.sms = { ...(good.sms as object), authValue: `Bearer ${gateway.apiKey}` };
    good.templates = { ...view.templates, call: 'Moi so {number} den quay {counter}' };
    const saved = await api(server, 'admin', 'PUT', '/settings', good);
    expect(saved.status).toBe(200);
    const after = saved.json.data as MessageSettingsView;
    expect(after).toMatchObject({ enabled: true, provider: 'sms', sms: { authValueSet: true } });
    expect(JSON.stringify(after)).not.toContain(gateway.apiKey);
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const t = await issueWithPhone(server, 'DATDAI', '0912345678');
    await must(officer, 'ticket:call-next', {});
    await expect.poll(() => gateway!.acceptedTo('84912345678').map((r) => r.text), { timeout: 5_000 }).toEqual([`Moi so ${t.number} den quay 1`]);
    // Saved again without the secret: it is kept.
    const again = await api(server, 'admin', 'PUT', '/settings', bodyOf(after));
    expect((again.json.data as MessageSettingsView).sms.authValueSet).toBe(true);
  });
});

describe('opt-out', () => {
  it('never messaged: opted out by an officer before, or by replying "Từ chối" while a message waits', async () => {
    gateway = new SmsGateway('khoa-cong-sms-thu-nghiem');
    await gateway.start();
    const callsOnly = { kinds: { 'booking-confirmation': true, 'booking-reminder': true, 'booking-cancelled': true, 'near-turn': false, call: true }, inboundKey: 'khoa-nhan-tin-tra-loi-0123' };
    server = await startServer({ messages: { settings: smsSettings(gateway, callsOnly), backoff: FAST } });
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const added = await api(server, 'canbo1', 'POST', '/opt-outs', { phone: '0911 111 111' });
    expect(added.status).toBe(200);
    expect((await api(server, 'canbo1', 'POST', '/opt-outs', { phone: '12345' })).json.issues![0]!.message).toBe('Số điện thoại không hợp lệ: 12345 (cần số di động Việt Nam, ví dụ 0912345678)');
    await issueWithPhone(server, 'DATDAI', '0911111111');
    await issueWithPhone(server, 'DATDAI', '0922222222');
    await issueWithPhone(server, 'DATDAI', '0933333333');
    await must(officer, 'ticket:call-next', {}); // opted out: nothing
    await send(officer, 'ticket:no-show', {});
    await must(officer, 'ticket:call-next', {});
    await expect.poll(() => gateway!.acceptedTo('84922222222').length, { timeout: 5_000 }).toBe(1);
    expect(gateway.acceptedTo('84911111111')).toEqual([]);

    await gateway.stop(); // the next call waits in the outbox…
    await send(officer, 'ticket:no-show', {});
    await must(officer, 'ticket:call-next', {});
    await expect.poll(async () => (await messagesStatus(server!)).today.failing, { timeout: 5_000 }).toBe(1);
    // …and the citizen replies "Từ chối" through the gateway's inbound webhook.
    const reply = await fetch(`${server.url}/api/messages/inbound`, {
      method: 'POST', headers: { 'x-api-key': 'khoa-nhan-tin-tra-loi-0123', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ from: '84933333333', text: 'Từ chối' }).toString(),
    });
    expect(await reply.json()).toEqual({ ok: true, data: { optedOut: true } });
    const wrongKey = await fetch(`${server.url}/api/messages/inbound`, { method: 'POST', headers: { 'x-api-key': 'sai', 'content-type': 'application/json' }, body: '{"from":"0944444444","text":"STOP"}' });
    expect(wrongKey.status).toBe(401);
    await gateway.start(gateway.port);
    await api(server, 'quanly', 'POST', '/retry');
    await expect.poll(async () => (await messagesStatus(server!)).today, { timeout: 5_000 }).toMatchObject({ sent: 1, pending: 0, optedOut: 2 });
    expect(gateway.acceptedTo('84933333333')).toEqual([]);
    const view = (await api(server, 'admin', 'GET', '/settings')).json.data as MessageSettingsView;
    expect(view.optOuts.map((o) => [o.phone, o.via])).toEqual([['0911111111', 'admin'], ['0933333333', 'reply']]);
    expect((await api(server, 'canbo1', 'DELETE', '/opt-outs/0911111111')).status).toBe(403);
    expect((await api(server, 'admin', 'DELETE', '/opt-outs/0911111111')).status).toBe(200);
  });
});
