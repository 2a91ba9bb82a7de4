// bookings.showNameToOfficers: the name a citizen gave when booking reaches the officer serving
// them (GET /api/counter/booked-name), only when the admin turned it on, only for the officer at
// the counter where the ticket is called or served. Boards (events and snapshots), the status
// page and its JSON never carry it, on or off.
import { afterEach, describe, expect, it } from 'vitest';
import { CenterConfigSchema } from '@core/config.ts';
import type { BookingCheckedIn } from '@core/protocol.ts';
import { Refusal } from '@core/refusal.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { must, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { at, cccd, phone } from './helpers.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const NAME = 'Nguyễn Thị Bích Ngọc';

function record(socket: Client): string[] {
  const got: string[] = [];
  socket.onAny((event: string, ...args: unknown[]) => got.push(`${event} ${JSON.stringify(args)}`));
  return got;
}

async function scenario(show: boolean) {
  const base = testCenterConfig();
  server = await startServer({ config: CenterConfigSchema.parse({ ...base, bookings: { ...base.bookings, showNameToOfficers: show } }) });
  server.clock.t = at('07:00');
  const made = await server.app.parts.bookings.create({
    serviceCode: 'DATDAI', procedureCode: null, slotStart: at('09:00'), phone: phone(1), cccd: cccd(1), name: NAME,
    source: { kind: 'web', integration: null, reference: null },
  });
  if (made instanceof Refusal) throw new Error(made.code);
  server.clock.t = at('08:55');
  const board = await server.device('display-all');
  const heard = record(board);
  const kiosk = await server.device('kiosk1');
  const checked = await must(kiosk, 'booking:check-in', { requestId: `name-${show ? 'on' : 'off'}-0001`, code: made.booking.code }) as BookingCheckedIn;
  const id = checked.ticket.id;
  const ask = async (user: string) => {
    const res = await fetch(`${server!.url}/api/counter/booked-name?ticket=${id}`, { headers: { authorization: `Bearer ${await server!.login(user)}` } });
    return ((await res.json()) as { data: { name: string | null } }).data.name;
  };
  const before = await ask('canbo1'); // waiting: not at anyone's counter yet
  const officer = await server.officer(1);
  await must(officer, 'counter:open', { counter: 1 });
  const other = await server.officer(2);
  await must(other, 'counter:open', { counter: 2 });
  await must(officer, 'ticket:call', { ticketId: id });
  const atCounter = await ask('canbo1');
  const elsewhere = await ask('canbo2');
  await must(officer, 'ticket:start', {});
  const serving = await ask('canbo1');
  const snapshot = await must(await server.device('display-all'), 'snapshot:get', {});
  const statusPage = await (await fetch(`${server.url}/t/${id}`)).text();
  const statusJson = await (await fetch(`${server.url}/api/tickets/${id}/status`)).text();
  const kioskAnswer = JSON.stringify(checked);
  const officerSnapshot = JSON.stringify(await must(officer, 'snapshot:get', {}));
  return { before, atCounter, elsewhere, serving, seen: [...heard, JSON.stringify(snapshot), statusPage, statusJson, kioskAnswer, officerSnapshot], heard };
}

describe('the booked name on the officer’s console', () => {
  it('on: the officer serving the ticket gets the name; nobody else, never before the call; no board or status page carries it', async () => {
    const r = await scenario(true);
    expect(r.before).toBeNull();
    expect(r.atCounter).toBe(NAME);
    expect(r.serving).toBe(NAME);
    expect(r.elsewhere).toBeNull();
    expect(r.heard.some((m) => m.startsWith('board:called'))).toBe(true);
    for (const text of r.seen) expect(text).not.toContain(NAME);
  });

  it('off (the default): nobody gets the name, not even the serving officer', async () => {
    expect(testCenterConfig().bookings.showNameToOfficers).toBe(false);
    const r = await scenario(false);
    expect([r.before, r.atCounter, r.serving, r.elsewhere]).toEqual([null, null, null, null]);
    for (const text of r.seen) expect(text).not.toContain(NAME);
  });

  it('a board or a kiosk cannot ask for it', async () => {
    server = await startServer();
    const res = await fetch(`${server.url}/api/counter/booked-name?ticket=x`, { headers: { authorization: `Bearer ${server.deviceTokens['display-all']}` } });
    expect(res.status).toBe(403);
  });
});
