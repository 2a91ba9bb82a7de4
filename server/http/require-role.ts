// REST authorisation from the same role groups as the socket commands (core/protocol.ts
// ROLE_GROUPS): a bearer token or the session cookie names the principal; no principal is
// UNAUTHENTICATED (401), one of another role FORBIDDEN (403). The route then reads who it is.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { PrincipalRole } from '@core/protocol.ts';
import type { Principal, PrincipalLookup } from '../auth/principal.ts';
import { principalOfToken, roleOf } from '../auth/principal.ts';
import type { UserRecord } from '../auth/records.ts';
import { sessionTokenFromCookie } from './cookies.ts';
import { fail } from './respond.ts';

export function bearerOrCookieToken(req: Request): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : sessionTokenFromCookie(req.headers.cookie);
}

export function principalOfRequest(accounts: PrincipalLookup, req: Request): Principal | null {
  return principalOfToken(accounts, bearerOrCookieToken(req));
}

export function requireRole(accounts: PrincipalLookup, allowed: readonly PrincipalRole[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = bearerOrCookieToken(req);
    const principal = principalOfToken(accounts, token);
    if (!principal) return fail(res, token && accounts.isRevokedDeviceToken(token) ? 'DEVICE_REVOKED' : 'UNAUTHENTICATED');
    if (!allowed.includes(roleOf(principal))) return fail(res, 'FORBIDDEN');
    res.locals.principal = principal;
    next();
  };
}

/** The principal requireRole let through. */
export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

/** The signed-in user requireRole let through (routes whose roles are all user roles). */
export function userOf(res: Response): UserRecord {
  const p = principalOf(res);
  if (p.kind !== 'user') throw new Error('route expects a user');
  return p.user;
}
