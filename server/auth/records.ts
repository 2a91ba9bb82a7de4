// Stored records of people, devices and sessions. Secrets are stored only as hashes.
import type { DeviceKind, UserRole } from '@core/protocol.ts';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  /** scrypt$N$r$p$salt$hash */
  passwordHash: string;
  disabled: boolean;
  /** Counters this officer may open; empty = any. */
  counters: number[];
  createdAt: number;
}

export interface DeviceRecord {
  id: string;
  kind: DeviceKind;
  name: string;
  /** Display boards: the zone they show; null = every zone. */
  zone: string | null;
  /** Rating pads: the counter they face. */
  counter: number | null;
  /** sha256 of the device token. */
  tokenHash: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface SessionRecord {
  /** sha256 of the session token. */
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

export interface Accounts {
  users: UserRecord[];
  devices: DeviceRecord[];
  sessions: SessionRecord[];
}
