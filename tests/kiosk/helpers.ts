// Shared by the kiosk tests: a center whose kiosks have printers, kiosk clients that hear
// `kiosk:setup` (sent as they connect), and reading the QR code of a printed ticket.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { io as connectClient } from 'socket.io-client';
import { CenterConfigSchema } from '@core/config.ts';
import type { CenterConfig, PrinterTarget } from '@core/config.ts';
import type { KioskSetup } from '@core/protocol.ts';
import { testCenterConfig } from '../helpers/center.ts';
import type { Client, TestServer } from '../helpers/server.ts';

/** `printers` as written in the configuration file (defaults filled by the schema). */
export function configWithPrinters(printers: Record<string, Partial<PrinterTarget>>): CenterConfig {
  return CenterConfigSchema.parse({ ...testCenterConfig(), printers });
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const opened: Client[] = [];

/** A device client whose `kiosk:setup` is caught even though it arrives right with the connection. */
export function deviceClient(server: TestServer, name: string): { socket: Client; connected: Promise<void>; setup: Promise<KioskSetup> } {
  const socket: Client = connectClient(server.url, { auth: { deviceToken: server.deviceTokens[name]! }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
  opened.push(socket);
  const setup = new Promise<KioskSetup>((resolve) => socket.once('kiosk:setup', resolve));
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  socket.connect();
  return { socket, connected, setup };
}

export function closeDeviceClients(): void {
  for (const s of opened.splice(0)) s.close();
}

/** The URL in a printed ticket's QR code. */
export function qrOf(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}
