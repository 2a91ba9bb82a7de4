// Printer bridges connect as devices and wait for print jobs (the printing issue adds the jobs).
import type { AppContext, LuotSocket } from '../../context.ts';
import type { DeviceRecord } from '../../auth/records.ts';

export function registerPrinterBridge(_ctx: AppContext, socket: LuotSocket, device: DeviceRecord): void {
  void socket.join(['printers', `printer:${device.id}`]);
}
