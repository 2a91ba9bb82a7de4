// Kiosk sockets on the real server: a kiosk without a printer, PUBLIC_URL in the QR address, one
// kiosk token used by a second machine, and bad requests that must issue nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { CenterConfigSchema } from '@core/config.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { must, nextEvent, send, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { closeDeviceClients, deviceClient } from './helpers.ts';

let server: TestServer;
afterEach(async () => {
  closeDeviceClients();
  await server?.close();
});

const ticketsToday = () => Object.keys(server.app.parts.queue.current.tickets).length;

describe('kiosk devices', () => {
  it('a kiosk with no printer configured is told so, and still gets its ticket with a QR address', async () => {
    server = await startServer();
    const { socket, setup, connected } = deviceClient(server, 'kiosk2');
    await connected;
    expect(await setup).toEqual({ deviceName: 'kiosk2', printing: 'none', returnAfterSec: 20, idleResetSec: 90 });
    const issued = await must(socket, 'ticket:issue', { serviceCode: 'HOTICH', requestId: 'plain-00000001' });
    expect(issued.ticket.number).toBe('B-001');
    expect(issued.statusUrl).toBe(`${server.url}/t/${issued.ticket.id}`);
    expect(issued.print).toMatchObject({ state: 'not-configured', error: { code: 'PRINTER_NOT_CONFIGURED', message: 'Kiosk này chưa được cài đặt máy in' } });
  });

  it('the QR address uses PUBLIC_URL when the center has one, and the kiosk timings come from the configuration', async () => {
    const config = CenterConfigSchema.parse({
      ...testCenterConfig(), center: { ...testCenterConfig().center, publicUrl: 'http://192.168.1.10:3000/' }, kiosk: { returnAfterSec: 30, idleResetSec: 120 },
    });
    server = await startServer({ config });
    const { socket, setup, connected } = deviceClient(server, 'kiosk1');
    await connected;
    expect(await setup).toMatchObject({ returnAfterSec: 30, idleResetSec: 120 });
    const issued = await must(socket, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'public-00000001' });
    expect(issued.statusUrl).toBe(`http://192.168.1.10:3000/t/${issued.ticket.id}`);
  });

  it('a kiosk token used from a second machine: the earlier connection is told why and closed', async () => {
    server = await startServer();
    const first = deviceClient(server, 'kiosk1');
    await first.connected;
    const told = nextEvent(first.socket, 'device:replaced');
    const second = deviceClient(server, 'kiosk1');
    await second.connected;
    expect(await told).toMatchObject({ ok: false, code: 'DEVICE_IN_USE', message: 'Mã thiết bị này đang được dùng ở một thiết bị khác' });
    await expect.poll(() => first.socket.connected).toBe(false);
    expect((await send(first.socket, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'first-00000001' }, 500)).ok).toBe(false);
    expect(ticketsToday()).toBe(0);
    const issued = await must(second.socket, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'second-0000001' });
    expect(issued.ticket.number).toBe('A-001');
    // Another kiosk is not affected.
    const other = deviceClient(server, 'kiosk2');
    await other.connected;
    expect((await must(second.socket, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'second-0000002' })).ticket.number).toBe('A-002');
  });

  it('bad requests are refused with clear messages and issue nothing', async () => {
    server = await startServer();
    const { socket, connected } = deviceClient(server, 'kiosk1');
    await connected;
    const cases: [unknown, string, string?][] = [
      [{ serviceCode: 'DATDAI' }, 'VALIDATION_FAILED'],
      [{ serviceCode: 'DATDAI', requestId: 'x' }, 'VALIDATION_FAILED'],
      [{ serviceCode: 'DATDAI', requestId: 'ok-00000001', extra: true }, 'VALIDATION_FAILED'],
      ['DATDAI', 'VALIDATION_FAILED'],
      [{ serviceCode: 'NOPE', requestId: 'ok-00000002' }, 'UNKNOWN_SERVICE', 'Không có lĩnh vực này'],
      [{ serviceCode: 'CHIEU', requestId: 'ok-00000003' }, 'WINDOW_CLOSED', 'Ngoài giờ cấp số của lĩnh vực này (13:00–14:00)'],
      [{ serviceCode: 'DATDAI', priority: 'vip', requestId: 'ok-00000004' }, 'UNKNOWN_PRIORITY'],
    ];
    for (const [payload, code, message] of cases) {
      const res = await send(socket, 'ticket:issue', payload);
      expect(res, JSON.stringify(payload)).toMatchObject({ ok: false, code, ...(message ? { message } : {}) });
    }
    expect(ticketsToday()).toBe(0);
    await must(socket, 'ticket:issue', { serviceCode: 'LLTP', requestId: 'cap-00000001' });
    await must(socket, 'ticket:issue', { serviceCode: 'LLTP', requestId: 'cap-00000002' });
    expect(await send(socket, 'ticket:issue', { serviceCode: 'LLTP', requestId: 'cap-00000003' })).toMatchObject({
      ok: false, code: 'CAP_REACHED', message: 'Đã hết số trong ngày cho lĩnh vực này (tối đa 2 phiếu)',
    });
    expect(ticketsToday()).toBe(2);
    // A kiosk cannot act as a counter, nor reprint what does not exist.
    expect(await send(socket, 'ticket:call-next', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await send(socket, 'ticket:reprint', { ticketId: 'A'.repeat(26), requestId: 'rp-00000001' })).toMatchObject({ ok: false, code: 'TICKET_NOT_FOUND' });
  });
});
