// Who is asking: a signed-in user or a paired device, found from a token (a session token from
// the cookie or a bearer header, or a device token). Sockets and REST use the same lookup.
import type { PrincipalRole } from '@core/protocol.ts';
import type { AccountService } from './accounts.ts';
import type { DeviceRecord, UserRecord } from './records.ts';

export type Principal = { kind: 'user'; user: UserRecord } | { kind: 'device'; device: DeviceRecord };

export function roleOf(p: Principal): PrincipalRole {
  return p.kind === 'user' ? p.user.role : p.device.kind;
}

export type PrincipalLookup = Pick<AccountService, 'userBySession' | 'deviceByToken' | 'isRevokedDeviceToken'>;

/** A session first (staff), then a device token; null when the token is neither. */
export function principalOfToken(accounts: PrincipalLookup, token: string | null): Principal | null {
  if (!token) return null;
  const user = accounts.userBySession(token);
  if (user) return { kind: 'user', user };
  const device = accounts.deviceByToken(token);
  return device ? { kind: 'device', device } : null;
}
