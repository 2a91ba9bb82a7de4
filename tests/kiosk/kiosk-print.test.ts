// Kiosk tickets printed on a network printer driven by the server: the real server, real
// sockets, a real TCP printer (the emulator). A ticket prints once per request, whatever is
// repeated; a printer that cannot print leaves the ticket valid and a fault for managers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import type { KioskIssuedTicket } from '@core/protocol.ts';
import { renderTicket } from '../../printer/render.ts';
import { startPrinterEmulator } from '../../printer/emulator.ts';
import type { PrinterEmulator } from '../../printer/emulator.ts';
import { ticketPrintOf } from '../../server/printing/ticket-print.ts';
import { connect, must, nextEvent, send, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { closeDeviceClients, closedPort, configWithPrinters, deviceClient, qrOf } from './helpers.ts';

let emulator: PrinterEmulator;
let server: TestServer;
let kiosk1: Client;
let kiosk2: Client;
let seq = 0;
const tap = () => `tap-${String(++seq).padStart(8, '0')}`;

beforeAll(async () => {
  emulator = await startPrinterEmulator({ port: 0, outDir: null });
  server = await startServer({
    config: configWithPrinters({
      kiosk1: { kind: 'network', url: emulator.url },
      kiosk2: { kind: 'network', url: `tcp://127.0.0.1:${await closedPort()}`, timeoutMs: 500 },
    }),
  });
  kiosk1 = await server.device('kiosk1');
  kiosk2 = await server.device('kiosk2');
});
afterAll(async () => {
  closeDeviceClients();
  await server?.close();
  await emulator?.close();
});

/** Issue a ticket and wait until its printing has an outcome. */
async function issueAndPrint(kiosk: Client, serviceCode = 'DATDAI'): Promise<KioskIssuedTicket> {
  const outcome = nextEvent(kiosk, 'print:status', 10_000);
  const issued = await must(kiosk, 'ticket:issue', { serviceCode, requestId: tap() });
  expect(issued.print.state).toBe('printing');
  expect((await outcome).ticketId).toBe(issued.ticket.id);
  return issued;
}

/** Tickets the printer has been checked for, in order. */
let printedSoFar = 0;

/** The printer's next ticket is this one: nothing else was printed in between. */
async function nextPrintedIs(issued: KioskIssuedTicket): Promise<void> {
  const next = await emulator.waitForTicket(++printedSoFar);
  expect(qrOf(next.png)).toBe(issued.statusUrl);
}

describe('a kiosk with a network printer', () => {
  it('tells the kiosk its printer, prints the ticket exactly as rendered and reports it printed', async () => {
    // A second connection with kiosk1's token replaces the first one: carry on with it.
    const { socket, setup, connected } = deviceClient(server, 'kiosk1');
    await connected;
    expect(await setup).toEqual({ deviceName: 'kiosk1', printing: 'network', returnAfterSec: 20, idleResetSec: 90 });
    kiosk1 = socket;

    const outcome = nextEvent(kiosk1, 'print:status', 10_000);
    const issued = await must(kiosk1, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    expect(issued.statusUrl).toBe(`${server.url}/t/${issued.ticket.id}`);
    expect(issued.print).toMatchObject({ state: 'printing', ticketId: issued.ticket.id, error: null });
    expect(await outcome).toMatchObject({ state: 'printed', jobId: issued.print.jobId, error: null });

    const printed = await emulator.waitForTicket(++printedSoFar);
    expect(printed.cut).toBe(true);
    expect(printed.unknown).toEqual([]);
    // Same pixels as the renderer makes from what the kiosk was told: number, service, figures, QR.
    const expected = await renderTicket(ticketPrintOf(server.app.parts.config.index, issued, issued.statusUrl), 576);
    expect(Buffer.compare(PNG.sync.read(printed.png).data, PNG.sync.read(expected.png).data)).toBe(0);
    expect(qrOf(printed.png)).toBe(issued.statusUrl);
  });

  it('a double tap (the same request twice at once) gives one ticket and one print', async () => {
    const requestId = tap();
    const outcome = nextEvent(kiosk1, 'print:status', 10_000);
    const [a, b] = await Promise.all([
      must(kiosk1, 'ticket:issue', { serviceCode: 'HOTICH', requestId }),
      must(kiosk1, 'ticket:issue', { serviceCode: 'HOTICH', requestId }),
    ]);
    expect(a.ticket.id).toBe(b.ticket.id);
    expect(a.print.jobId).toBe(b.print.jobId);
    await outcome;
    await nextPrintedIs(a);
    const again = await must(kiosk1, 'ticket:issue', { serviceCode: 'HOTICH', requestId });
    expect(again.print).toMatchObject({ jobId: a.print.jobId, state: 'printed' });
    const sentinel = await issueAndPrint(kiosk1);
    await nextPrintedIs(sentinel); // the repeat printed nothing: the next ticket out is the sentinel
  });

  it('reprints a waiting ticket once per reprint request, and only the kiosk\'s own waiting tickets', async () => {
    const issued = await issueAndPrint(kiosk1, 'HOTICH');
    await nextPrintedIs(issued);
    const requestId = tap();
    const [r1, r2] = await Promise.all([
      must(kiosk1, 'ticket:reprint', { ticketId: issued.ticket.id, requestId }),
      must(kiosk1, 'ticket:reprint', { ticketId: issued.ticket.id, requestId }),
    ]);
    expect(r1).toMatchObject({ state: 'printed', ticketId: issued.ticket.id });
    expect(r2.jobId).toBe(r1.jobId);
    expect(r1.jobId).not.toBe(issued.print.jobId);
    await nextPrintedIs(issued);
    await nextPrintedIs(await issueAndPrint(kiosk1));

    const other = await send(kiosk2, 'ticket:reprint', { ticketId: issued.ticket.id, requestId: tap() });
    expect(other).toMatchObject({ ok: false, code: 'TICKET_NOT_FOUND' });
    expect(await send(kiosk1, 'ticket:reprint', { ticketId: 'x'.repeat(26), requestId: tap() })).toMatchObject({ ok: false, code: 'TICKET_NOT_FOUND' });
    expect(await send(kiosk1, 'ticket:reprint', { ticketId: issued.ticket.id })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });

    const officer = await server.officer(3);
    await must(officer, 'counter:open', { counter: 3 });
    const called = await must(officer, 'ticket:call-next', {});
    expect(called.serviceCode).toBe('HOTICH');
    const late = await send(kiosk1, 'ticket:reprint', { ticketId: called.id, requestId: tap() });
    expect(late).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    await must(officer, 'counter:close', {}).catch(() => undefined);
  });

  it('a repeated request after a server restart returns the same ticket without printing it again', async () => {
    const requestId = tap();
    const first = await must(kiosk1, 'ticket:issue', { serviceCode: 'DATDAI', requestId });
    await nextPrintedIs(first);
    await server.restart();
    const kiosk = await server.device('kiosk1');
    const again = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId });
    expect(again.ticket.id).toBe(first.ticket.id);
    // The server cannot know whether the first print came out: the kiosk is offered a reprint.
    expect(again.print.state).toBe('failed');
    await nextPrintedIs(await issueAndPrint(kiosk));
    kiosk1 = kiosk;
    kiosk2 = await server.device('kiosk2');
  });
});

describe('a printer that cannot print', () => {
  it('keeps the ticket valid, tells the kiosk why, and keeps the fault for managers', async () => {
    const manager = await connect(server.url, { sessionToken: await server.login('quanly') });
    const heard = nextEvent(manager, 'print:fault', 10_000);
    const outcome = nextEvent(kiosk2, 'print:status', 10_000);
    const issued = await must(kiosk2, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    const status = await outcome;
    expect(status.state).toBe('failed');
    expect(status.error).toMatchObject({ code: 'PRINTER_OFFLINE', message: 'Máy in không hoạt động hoặc chưa kết nối' });
    const fault = await heard;
    expect(fault).toMatchObject({ kioskName: 'kiosk2', ticketId: issued.ticket.id, ticketNumber: issued.ticket.number, code: 'PRINTER_OFFLINE' });
    expect(fault.printer).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);

    const live = await (await fetch(`${server.url}/api/tickets/${issued.ticket.id}/status`)).json() as { data: { status: string; number: string } };
    expect(live.data).toMatchObject({ status: 'waiting', number: issued.ticket.number });

    const token = await server.login('quanly');
    const faults = await fetch(`${server.url}/api/print/faults`, { headers: { authorization: `Bearer ${token}` } });
    expect(faults.status).toBe(200);
    const list = (await faults.json()) as { data: { ticketId: string }[] };
    expect(list.data[0]!.ticketId).toBe(issued.ticket.id);

    const reprint = await fetch(`${server.url}/api/print/reprint`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ticketId: issued.ticket.id, requestId: tap() }),
    });
    expect(((await reprint.json()) as { data: { state: string } }).data.state).toBe('failed');
  });

  it('the printing API is for managers only', async () => {
    expect((await fetch(`${server.url}/api/print/faults`)).status).toBe(401);
    const officer = await server.login('canbo1');
    const res = await fetch(`${server.url}/api/print/faults`, { headers: { authorization: `Bearer ${officer}` } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, code: 'FORBIDDEN', message: 'Tài khoản không có quyền thực hiện thao tác này' });
  });
});
