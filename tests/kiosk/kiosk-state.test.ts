// The kiosk page's state (kiosk/src/kiosk.svelte.ts) against the real server and a real printer
// (the emulator): the catalog from the snapshot, one ticket per tap, the same request id after
// "no answer", the ticket screen and the idle reset timed by an injected clock, "Hủy phiếu này"
// (IssuedTicket, reached through KioskState as the screens reach it), a machine that takes over the
// kiosk's token. No browser: the class is what the screens show.
import { once } from '../helpers/socket-events.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Server } from 'socket.io';
import { io as connectClient } from 'socket.io-client';
import type { CatalogService } from '@core/views.ts';
import { KIOSK_UNDO_SEC } from '@core/protocol.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '@core/protocol.ts';
import { lang } from '@ui/lang.svelte.ts';
import { IDLE_WARNING_SEC, KioskState } from '../../kiosk/src/kiosk.svelte.ts';
import type { KioskOptions } from '../../kiosk/src/kiosk.svelte.ts';
import { UNDO_SHOW_SEC } from '../../kiosk/src/issued-ticket.svelte.ts';
import { startPrinterEmulator } from '../../printer/emulator.ts';
import type { PrinterEmulator } from '../../printer/emulator.ts';
import { ManualClock } from '../helpers/manual-clock.ts';
import { must } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { startServer } from '../helpers/server.ts';
import { configWithPrinters } from './helpers.ts';

let emulator: PrinterEmulator;
let server: TestServer;
beforeAll(async () => {
  emulator = await startPrinterEmulator({ port: 0, outDir: null });
  // kiosk1 prints on the emulator; kiosk2 has no printer.
  server = await startServer({ config: configWithPrinters({ kiosk1: { kind: 'network', url: emulator.url } }) });
});
afterAll(async () => {
  await server?.close();
  await emulator?.close();
});

/** Tickets the emulator has printed so far in this file (kiosk1's). */
let printedSoFar = 0;
const apps: KioskState[] = [];
afterEach(() => { for (const a of apps.splice(0)) a.destroy(); });

function socketFor(url: string, deviceToken: string): Client {
  return connectClient(url, { auth: { deviceToken }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
}

/** A kiosk page's state on a real socket, once the server has sent its snapshot and setup. */
async function openKiosk(name: string, options: KioskOptions = {}) {
  const socket = socketFor(server.url, server.deviceTokens[name]!);
  const clock = new ManualClock(1_000_000);
  const app = new KioskState(socket, { clock, ...options });
  apps.push(app);
  const ready = Promise.all([once(socket, 'snapshot'), once(socket, 'kiosk:setup')]);
  socket.connect();
  await ready;
  return { app, socket, clock };
}

const service = (app: KioskState, code: string): CatalogService => {
  const s = app.service(code);
  if (!s) throw new Error(`no service ${code} in the kiosk's catalog`);
  return s;
};

async function ticketShown(app: KioskState) {
  await vi.waitFor(() => expect(app.screen.name).toBe('ticket'), { timeout: 10_000 });
  if (app.screen.name !== 'ticket') throw new Error('unreachable');
  return app.screen.issued;
}

describe('the kiosk page state', () => {
  it('without a pairing link it is unpaired and issues nothing', () => {
    const app = new KioskState(null, { clock: new ManualClock() });
    expect([app.link, app.online, app.refusal]).toEqual(['unpaired', false, null]);
    app.take({ code: 'DATDAI', availability: { open: true } } as CatalogService);
    expect(app.busy).toBe(false);
  });

  it('shows the catalog and the setup of the snapshot, and a tap (even a double tap) issues one ticket', async () => {
    const { app, socket } = await openKiosk('kiosk2');
    expect([app.link, app.online]).toEqual(['online', true]);
    expect(app.catalog?.services.map((s) => s.code)).toEqual(['DATDAI', 'HOTICH', 'LLTP', 'CHIEU']);
    expect(app.setup).toMatchObject({ deviceName: 'kiosk2', printing: 'none', returnAfterSec: 20, idleResetSec: 90 });
    app.go({ name: 'department', code: service(app, 'HOTICH').departmentCode });
    app.take(service(app, 'HOTICH'));
    expect(app.busy).toBe(true);
    app.take(service(app, 'HOTICH')); // the second tap of a double tap: ignored while the first is out
    const issued = await ticketShown(app);
    expect(app.busy).toBe(false);
    expect(issued.ticket.serviceCode).toBe('HOTICH');
    expect(issued.print.state).toBe('not-configured');
    // Nothing else was issued for the double tap: the next ticket of the service follows directly.
    const next = await must(socket, 'ticket:issue', { serviceCode: 'HOTICH', priority: null, requestId: 'kiosk-state-next-0001' });
    expect(Number(next.ticket.number.split('-')[1])).toBe(Number(issued.ticket.number.split('-')[1]) + 1);
  });

  it("a refusal is shown as the server worded it, and the next tap is a new request", async () => {
    const { app } = await openKiosk('kiosk2');
    app.priority = 'khong-co';
    app.take(service(app, 'DATDAI'));
    await vi.waitFor(() => expect(app.busy).toBe(false), { timeout: 10_000 });
    expect(app.error).toMatchObject({ ok: false, code: 'UNKNOWN_PRIORITY' });
    expect(app.screen.name).toBe('home');
    app.priority = null;
    app.take(service(app, 'DATDAI'));
    expect(app.error).toBeNull();
    expect((await ticketShown(app)).ticket.priority).toBeNull();
  });

  it('the ticket screen returns to the start after returnAfterSec once printed, twice that when nothing was printed', async () => {
    const printed = await openKiosk('kiosk1');
    const status = once(printed.socket, 'print:status');
    printed.app.take(service(printed.app, 'DATDAI'));
    await ticketShown(printed.app);
    await status;
    await emulator.waitForTicket(++printedSoFar);
    if (printed.app.screen.name !== 'ticket') throw new Error('left the ticket screen');
    expect(printed.app.screen.issued.print.state).toBe('printed');
    printed.clock.advance(19_000);
    expect([printed.app.screen.name, printed.app.countdown]).toEqual(['ticket', 1]);
    printed.clock.advance(1_000);
    expect([printed.app.screen.name, printed.app.countdown]).toEqual(['home', null]);

    const unprinted = await openKiosk('kiosk2');
    unprinted.app.take(service(unprinted.app, 'DATDAI'));
    await ticketShown(unprinted.app);
    unprinted.clock.advance(39_000);
    expect([unprinted.app.screen.name, unprinted.app.countdown]).toEqual(['ticket', 1]);
    unprinted.clock.advance(1_000);
    expect(unprinted.app.screen.name).toBe('home');
  });

  it('a touch on the ticket screen gives it its full time again', async () => {
    const { app, clock } = await openKiosk('kiosk2');
    app.take(service(app, 'DATDAI'));
    await ticketShown(app);
    clock.advance(30_000);
    app.touch();
    clock.advance(39_000);
    expect([app.screen.name, app.countdown]).toEqual(['ticket', 1]);
    clock.advance(1_000);
    expect(app.screen.name).toBe('home');
  });

  it('reprints the ticket on screen: a new print job, reported on the same screen', async () => {
    const { app, socket } = await openKiosk('kiosk1');
    const first = once(socket, 'print:status');
    app.take(service(app, 'LLTP'));
    const issued = await ticketShown(app);
    await first;
    await emulator.waitForTicket(++printedSoFar);
    app.issuedTicket.reprint();
    expect(app.issuedTicket.reprinting).toBe(true);
    await vi.waitFor(() => expect(app.issuedTicket.reprinting).toBe(false), { timeout: 10_000 });
    if (app.screen.name !== 'ticket') throw new Error('left the ticket screen');
    expect(app.screen.issued.ticket.id).toBe(issued.ticket.id);
    expect(app.screen.issued.print.jobId).not.toBe(issued.print.jobId);
    await emulator.waitForTicket(++printedSoFar);
  });

  it('a reprint or an undo with no answer says so, and the next reprint tap resends the same request', async () => {
    // A real ticket screen, then a kiosk on a server that leaves the first reprint unanswered.
    const real = await openKiosk('kiosk2');
    real.app.take(service(real.app, 'LLTP'));
    const issued = await ticketShown(real.app);
    const http = createServer();
    const io = new Server<ClientToServerEvents, ServerToClientEvents>(http);
    const requests: string[] = [];
    io.on('connection', (socket) => {
      socket.on('ticket:reprint', (payload, ack) => {
        requests.push(payload.requestId);
        if (requests.length > 1) ack({ ok: true, data: { jobId: 'j2', ticketId: payload.ticketId, state: 'printing', error: null, at: 1 } });
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const socket = socketFor(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, 'x'.repeat(20));
      const app = new KioskState(socket, { clock: new ManualClock(), reprintTimeoutMs: 300, issueTimeoutMs: 300 });
      apps.push(app);
      const connected = once(socket, 'connect');
      socket.connect();
      await connected;
      app.issuedTicket.show(issued);
      app.issuedTicket.reprint();
      await vi.waitFor(() => expect(app.issuedTicket.reprintError).toBe('no-answer'), { timeout: 10_000 });
      expect(app.issuedTicket.reprinting).toBe(false);
      app.issuedTicket.reprint();
      expect(app.issuedTicket.reprintError).toBeNull(); // trying again: the message goes while it waits
      await vi.waitFor(() => expect(app.screen.name === 'ticket' && app.screen.issued.print.jobId).toBe('j2'), { timeout: 10_000 });
      expect(app.issuedTicket.reprintError).toBeNull();
      expect(requests).toHaveLength(2);
      expect(requests[1]).toBe(requests[0]); // printed once even if the first did reach the printer

      // "Hủy phiếu này" with no answer (this server never answers it): said on the ticket screen, still offered.
      app.issuedTicket.show(issued);
      app.issuedTicket.undo();
      expect(app.issuedTicket.undoing).toBe(true);
      await vi.waitFor(() => expect(app.issuedTicket.undoError).toBe('no-answer'), { timeout: 10_000 });
      expect(app.issuedTicket.undoing).toBe(false);
      expect(app.issuedTicket.undoLeft).not.toBeNull();
      expect(app.screen.name).toBe('ticket');

      // The citizen walks away while a reprint waits: the next ticket's button is not held by it.
      app.issuedTicket.reprint();
      expect(app.issuedTicket.reprinting).toBe(true);
      app.reset();
      app.issuedTicket.show({ ...issued, ticket: { ...issued.ticket, id: 'next-ticket' } });
      expect(app.issuedTicket.reprinting).toBe(false);
      expect(app.issuedTicket.undoing).toBe(false);
    } finally {
      await new Promise<void>((resolve) => { void io.close(() => resolve()); });
    }
  });

  it('an idle screen warns IDLE_WARNING_SEC before the reset; a touch keeps it; the reset clears the citizen and the language', async () => {
    const { app, clock } = await openKiosk('kiosk2');
    app.go({ name: 'search' });
    app.query = 'ho tich';
    lang.current = 'en';
    clock.advance((90 - IDLE_WARNING_SEC - 1) * 1000);
    expect(app.countdown).toBeNull();
    clock.advance(1000);
    expect(app.countdown).toBe(IDLE_WARNING_SEC);
    app.touch();
    expect(app.countdown).toBeNull();
    clock.advance(89_000);
    expect(app.screen.name).toBe('search');
    clock.advance(1000);
    expect([app.screen.name, app.query, app.priority, lang.current]).toEqual(['home', '', null, 'vi']);
  });

  it('another machine with the same token replaces this one; taking over brings it back', async () => {
    const { app, socket } = await openKiosk('kiosk2');
    const replaced = once(socket, 'disconnect');
    const other = socketFor(server.url, server.deviceTokens.kiosk2!);
    other.connect();
    await replaced;
    expect([app.link, app.refusal?.code, app.online]).toEqual(['replaced', 'DEVICE_IN_USE', false]);
    app.take(service(app, 'DATDAI'));
    expect(app.busy).toBe(false);
    const back = once(socket, 'connect');
    app.takeOver();
    expect(app.link).toBe('connecting');
    await back;
    expect([app.link, app.refusal]).toEqual(['online', null]);
    other.close();
  });
});

describe('"Hủy phiếu này" on the ticket screen', () => {
  it('is offered for UNDO_SHOW_SEC, counting down; taken, the ticket is cancelled and the start screen names it for a moment', async () => {
    const { app, clock } = await openKiosk('kiosk2');
    app.take(service(app, 'HOTICH'));
    const issued = await ticketShown(app);
    expect(app.issuedTicket.undoLeft).toBe(UNDO_SHOW_SEC);
    clock.advance(3000);
    expect(app.issuedTicket.undoLeft).toBe(UNDO_SHOW_SEC - 3);
    app.issuedTicket.undo();
    expect(app.issuedTicket.undoing).toBe(true);
    await vi.waitFor(() => expect(app.screen.name).toBe('home'), { timeout: 10_000 });
    const { undoing, undoLeft, cancelledNumber } = app.issuedTicket;
    expect([undoing, undoLeft, cancelledNumber]).toEqual([false, null, issued.ticket.number]);
    expect(server.app.parts.queue.ticket(issued.ticket.id)?.status).toBe('cancelled');
    clock.advance(8000);
    expect(app.issuedTicket.cancelledNumber).toBe(issued.ticket.number);
    clock.advance(1000);
    expect(app.issuedTicket.cancelledNumber).toBeNull();
  });

  it('runs out by itself (a tap then does nothing); a refusal is shown on the ticket screen and the offer withdrawn', async () => {
    const { app, clock } = await openKiosk('kiosk2');
    app.take(service(app, 'DATDAI'));
    const first = await ticketShown(app);
    clock.advance(UNDO_SHOW_SEC * 1000);
    expect(app.issuedTicket.undoLeft).toBeNull();
    app.issuedTicket.undo();
    expect(app.issuedTicket.undoing).toBe(false);
    expect(server.app.parts.queue.ticket(first.ticket.id)?.status).toBe('waiting');
    app.reset();

    // Still offered here, but the server's own window (KIOSK_UNDO_SEC, on its clock) has closed.
    app.take(service(app, 'DATDAI'));
    const second = await ticketShown(app);
    server.clock.advance((KIOSK_UNDO_SEC + 1) * 1000);
    app.issuedTicket.undo();
    await vi.waitFor(() => expect(app.issuedTicket.undoing).toBe(false), { timeout: 10_000 });
    expect(app.issuedTicket.undoError).toMatchObject({ ok: false, code: 'UNDO_TOO_LATE' });
    expect([app.screen.name, app.issuedTicket.undoLeft]).toEqual(['ticket', null]);
    expect(server.app.parts.queue.ticket(second.ticket.id)?.status).toBe('waiting');
    app.reset();
    expect(app.issuedTicket.undoError).toBeNull();
  });
});

describe('a tap that gets no answer', () => {
  it('resends the same request id on the next tap, and a new one once the server has answered', async () => {
    const { app: real } = await openKiosk('kiosk2');
    const catalog = real.catalog!;
    // A server that keeps the first request unanswered, then refuses (an answer either way).
    const http = createServer();
    const io = new Server<ClientToServerEvents, ServerToClientEvents>(http);
    const requests: string[] = [];
    io.on('connection', (socket) => {
      socket.on('ticket:issue', (payload, ack) => {
        requests.push((payload as { requestId: string }).requestId);
        if (requests.length > 1) ack({ ok: false, code: 'CAP_REACHED', message: 'Đã hết số', messageEn: 'Used up' });
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const socket = socketFor(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, 'x'.repeat(20));
      const app = new KioskState(socket, { clock: new ManualClock(), issueTimeoutMs: 300 });
      apps.push(app);
      const connected = once(socket, 'connect');
      socket.connect();
      await connected;
      const datdai = catalog.services.find((s) => s.code === 'DATDAI')!;
      app.take(datdai);
      await vi.waitFor(() => expect(app.error).toBe('no-answer'), { timeout: 10_000 });
      expect(app.busy).toBe(false);
      app.take(datdai);
      await vi.waitFor(() => expect(app.error).toMatchObject({ code: 'CAP_REACHED' }), { timeout: 10_000 });
      app.take(datdai);
      await vi.waitFor(() => expect(requests).toHaveLength(3), { timeout: 10_000 });
      expect(requests[1]).toBe(requests[0]);
      expect(requests[2]).not.toBe(requests[0]);
      expect(requests[0]).toMatch(/^[0-9a-f]{24}$/);
    } finally {
      await new Promise<void>((resolve) => { void io.close(() => resolve()); });
    }
  });
});
