// Sending a print job to a printer bridge: a device of kind "printer" connected over Socket.IO
// (see printer/bridge.ts). The bridge acknowledges each job; no answer in time is a timeout.
import { BridgeAckSchema } from '@core/protocol.ts';
import type { PrintJob } from '@core/protocol.ts';
import { PrintError } from '../../printer/escpos.ts';
import type { AccountService } from '../auth/accounts.ts';
import { rooms } from '../realtime/rooms.ts';
import type { LuotServer, LuotSocket } from '../realtime/socket-types.ts';

export interface BridgeLookup {
  io: LuotServer;
  accounts: Pick<AccountService, 'devices'>;
}

/** The connected socket of the named bridge, if it is connected (one per device: see handlers). */
export function bridgeSocket({ io, accounts }: BridgeLookup, name: string): LuotSocket | null {
  const device = accounts.devices().find((d) => d.kind === 'printer' && d.name === name && d.revokedAt === null);
  if (!device) return null;
  for (const id of io.sockets.adapter.rooms.get(rooms.printerBridge(device.id)) ?? []) {
    const socket = io.sockets.sockets.get(id);
    if (socket?.connected) return socket;
  }
  return null;
}

export async function sendToBridge(socket: LuotSocket | null, job: PrintJob, timeoutMs: number): Promise<{ bytes: number }> {
  if (!socket) throw new PrintError('PRINTER_OFFLINE', 'printer bridge not connected');
  let raw: unknown;
  try {
    raw = await socket.timeout(timeoutMs).emitWithAck('print:job', job);
  } catch {
    throw new PrintError('PRINTER_TIMEOUT', `printer bridge did not acknowledge within ${timeoutMs} ms`);
  }
  const ack = BridgeAckSchema.safeParse(raw);
  if (!ack.success) throw new PrintError('PRINT_FAILED', 'malformed acknowledgement from the printer bridge');
  if (!ack.data.ok) throw new PrintError(ack.data.code, ack.data.detail ?? 'reported by the printer bridge');
  return { bytes: ack.data.data.bytes };
}
