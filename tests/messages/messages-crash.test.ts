// kill -9 between a message being queued and its delivery: the server runs as a real child
// process (node server/main.ts) on a real data folder, the SMS gateway is down when it dies. After
// the restart each message is delivered exactly once — also the one whose outbox line the crash
// did not get to write (journal written, outbox not: the state a kill between the two leaves).
import { afterAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageSettings } from '@core/messages/settings.ts';
import { connect, must } from '../helpers/server.ts';
import { SmsGateway } from '../helpers/message-receivers.ts';
import { smsSettings } from './helpers.ts';
import { killHard, startMain } from '../helpers/main-process.ts';

const children: ChildProcess[] = [];
let dataDir = '';
let gateway: SmsGateway | undefined;

const startChild = () => startMain(dataDir, children, { env: { DEMO_ALWAYS_OPEN: '1' } });

const file = (name: string) => readFile(join(dataDir, 'messages', name), 'utf8').catch(() => '');

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await gateway?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('messages across kill -9', () => {
  it('queued while the gateway is down, killed, restarted: each delivered exactly once', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'luot-msg-crash-'));
    gateway = new SmsGateway('khoa-cong-sms-thu-nghiem');
    await gateway.start();
    const port = gateway.port;
    await gateway.stop(); // down from the start
    const settings = MessageSettings.parse(smsSettings(gateway, { kinds: { 'booking-confirmation': true, 'booking-reminder': true, 'booking-cancelled': true, 'near-turn': false, call: true } }));
    await mkdir(join(dataDir, 'messages'), { recursive: true });
    await writeFile(join(dataDir, 'messages', 'settings.json'), JSON.stringify(settings));

    const first = await startChild();
    const note = await readFile(join(dataDir, 'first-start.txt'), 'utf8');
    const kioskToken = /kiosk\t[^\t]+\t\S+#device=(\S+)/.exec(note)![1]!;
    const [, officerUser, officerPassword] = /^ {2}(canbo01) \/ (\S+) \//m.exec(note)!;
    const config = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')) as { counters: { number: number; services: { serviceCode: string }[] }[] };
    const service = config.counters.find((c) => c.number === 1)!.services[0]!.serviceCode;
    const issue = async (phone: string, i: number) => {
      const res = await fetch(`${first.url}/api/tickets`, {
        method: 'POST', headers: { authorization: `Bearer ${kioskToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ serviceCode: service, requestId: `crash-msg-${i}`, phone }),
      });
      return ((await res.json()) as { data: { ticket: { id: string } } }).data.ticket.id;
    };
    const a = await issue('0961000001', 1);
    const b = await issue('0961000002', 2);
    const login = await fetch(`${first.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: officerUser, password: officerPassword }) });
    const officer = await connect(first.url, { sessionToken: ((await login.json()) as { data: { token: string } }).data.token });
    await must(officer, 'counter:open', { counter: 1 });
    await must(officer, 'ticket:call-next', {});
    await must(officer, 'ticket:no-show', {});
    await must(officer, 'ticket:call-next', {});
    // Both queued durably (journal and outbox), neither delivered: the gateway is down.
    await expect.poll(async () => [(await file('sms-outbox.log')).includes(`call:${a}#0`), (await file('sms-outbox.log')).includes(`call:${b}#0`)], { timeout: 10_000 }).toEqual([true, true]);
    expect(gateway.requests).toEqual([]);
    await killHard(first.child);
    officer.close();

    // The crash came between b's journal line and its outbox line.
    const outbox = (await file('sms-outbox.log')).split('\n').filter((l) => !l.includes(`call:${b}#0`)).join('\n');
    await writeFile(join(dataDir, 'messages', 'sms-outbox.log'), outbox);
    expect(await file('messages.log')).toContain(`call:${b}#0`);

    await gateway.start(port);
    const second = await startChild();
    await expect.poll(() => gateway!.accepted.size, { timeout: 15_000 }).toBe(2);
    // Noted as delivered on disk: nothing is left to send again.
    await expect.poll(async () => ((await file('sms-outbox.log')).match(/"ok":"call:/g) ?? []).length, { timeout: 5_000 }).toBe(2);
    await killHard(second.child);
    const third = await startChild();
    const health = await fetch(`${third.url}/api/health`);
    expect(health.status).toBe(200);
    expect(gateway.requests.map((r) => r.phone).sort()).toEqual(['84961000001', '84961000002']);
    expect([...gateway.accepted.values()]).toEqual([1, 1]);
    await killHard(third.child);
  }, 120_000);
});
