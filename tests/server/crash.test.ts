// kill -9 in the middle of work: every acknowledged ticket and transition is on disk after a
// restart, and numbering continues without a duplicate. The server runs as a real child
// process (node server/main.ts) on the real lowdb store.
import { afterAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, dayOnDisk, must, send } from '../helpers/server.ts';
import type { Client } from '../helpers/server.ts';
import { killHard, startMain } from '../helpers/main-process.ts';

const children: ChildProcess[] = [];
let dataDir = '';

const startChild = () => startMain(dataDir, children, { env: { DEMO_ALWAYS_OPEN: '1' }, timeoutMs: 20_000 });

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('crash safety', () => {
  it('keeps every acknowledged ticket and transition across kill -9, and never repeats a number', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'luot-crash-'));
    const first = await startChild();
    const note = await readFile(join(dataDir, 'first-start.txt'), 'utf8');
    const kioskToken = /kiosk\t[^\t]+\t\S+#device=(\S+)/.exec(note)![1]!;
    const [, officerUser, officerPassword] = /^ {2}(canbo01) \/ (\S+) \//m.exec(note)!;
    const config = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8'));
    const counter1 = config.counters.find((c: { number: number }) => c.number === 1);
    const service: string = counter1.services[0].serviceCode;

    const login = async (url: string) => {
      const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: officerUser, password: officerPassword }) });
      return ((await res.json()) as { data: { token: string } }).data.token;
    };

    let kiosk: Client = await connect(first.url, { deviceToken: kioskToken });
    let officer: Client = await connect(first.url, { sessionToken: await login(first.url) });
    const acked = new Map<string, string>(); // id → number
    const issue = async (i: number) => {
      const res = await send(kiosk, 'ticket:issue', { serviceCode: service, requestId: `crash-${i}-req` });
      if (res.ok) acked.set(res.data.ticket.id, res.data.ticket.number);
      return res;
    };
    await Promise.all(Array.from({ length: 30 }, (_, i) => issue(i)));
    expect(acked.size).toBe(30);
    await must(officer, 'counter:open', { counter: 1 });
    const served = await must(officer, 'ticket:call-next', {});
    await must(officer, 'ticket:start', {});
    await must(officer, 'ticket:finish', { note: 'xong' });
    const current = await must(officer, 'ticket:call-next', {});

    // A burst in flight when the process dies: whatever was acknowledged must survive.
    const inFlight = Array.from({ length: 200 }, (_, i) => issue(100 + i));
    await new Promise((r) => setTimeout(r, 40));
    await killHard(first.child);
    await Promise.allSettled(inFlight);
    kiosk.close();
    officer.close();
    const ackedBeforeCrash = new Map(acked);

    const second = await startChild();
    const [dayName] = (await readdir(join(dataDir, 'days'))).sort().slice(-1);
    const day = await dayOnDisk(dataDir, dayName!.slice(0, 10));
    for (const [id, number] of ackedBeforeCrash) {
      expect(day.tickets[id]?.number, `acknowledged ${number} lost`).toBe(number);
    }
    expect(day.tickets[served.id]?.status).toBe('done');
    expect(day.tickets[current.id]?.status).toBe('called');
    expect(day.counters['1']).toMatchObject({ status: 'open', currentTicketId: current.id });

    kiosk = await connect(second.url, { deviceToken: kioskToken });
    officer = await connect(second.url, { sessionToken: await login(second.url) });
    const after = await must(kiosk, 'ticket:issue', { serviceCode: service, requestId: 'after-crash-1' });
    const numbers = Object.values(day.tickets).map((t) => t.number);
    expect(numbers).not.toContain(after.ticket.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    // The officer's session and counter survived too: the current ticket is still theirs.
    const recalled = await must(officer, 'ticket:recall', {});
    expect(recalled.id).toBe(current.id);
    kiosk.close();
    officer.close();
    await killHard(second.child);
  });
});
