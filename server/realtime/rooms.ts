// The only place Socket.IO room names are made. Nothing is broadcast to everyone but the day's
// start: a call goes to the boards of its zone (and the all-zones boards), the counter's console
// and pad, the officers of that service and the managers.
import type { ConfigIndex } from '@core/config.ts';

export const rooms = {
  kiosks: 'kiosks',
  /** Every board, whatever its zone (settings, figures). */
  displays: 'displays',
  /** Boards that show every zone. */
  allZones: 'displays:all',
  staff: 'staff',
  managers: 'managers',
  printers: 'printers',
  zone: (zone: string) => `zone:${zone}`,
  service: (code: string) => `service:${code}`,
  counter: (n: number) => `counter:${n}`,
  pad: (n: number) => `pad:${n}`,
  device: (id: string) => `device:${id}`,
  user: (id: string) => `user:${id}`,
  /** The sockets opened with one sign-in (closed together at sign-out); keyed by the session's hash. */
  session: (key: string) => `session:${key}`,
  printerBridge: (deviceId: string) => `printer:${deviceId}`,
} as const;

/** Where the queue figures go. */
export const FIGURES_ROOMS = [rooms.kiosks, rooms.displays, rooms.staff];

export function isServiceRoom(room: string): boolean {
  return room.startsWith('service:');
}

/** The room a board joins: its zone's, or the all-zones room. */
export function boardRoom(zone: string | null): string {
  return zone === null ? rooms.allZones : rooms.zone(zone);
}

/** The boards that show a call at this counter: the all-zones boards and those of its zone. */
export function callBoardRooms(index: ConfigIndex, counter: number): string[] {
  const zone = index.counter.get(counter)?.zone;
  return zone ? [rooms.allZones, rooms.zone(zone)] : [rooms.allZones];
}

/** Rooms an officer's sockets join while a counter is open: its own, and its services' queues. */
export function counterRooms(index: ConfigIndex, counter: number): string[] {
  const cfg = index.counter.get(counter);
  return [rooms.counter(counter), ...(cfg?.services ?? []).map((s) => rooms.service(s.serviceCode))];
}
