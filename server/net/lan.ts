// The server's addresses on the center's network (IPv4, not loopback), for the start banner and
// for QR codes and links when no public address is configured (core/lan-origin.ts).
import { networkInterfaces } from 'node:os';

export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  return out;
}
