// Links that configure a device's browser in one step: the page stores the token and drops it
// from the address bar.
import type { Request } from 'express';
import type { DeviceKind } from '@core/protocol.ts';

const PAGE: Record<DeviceKind, string> = {
  kiosk: '/kiosk',
  display: '/display',
  rating: '/counter/rating',
  printer: '/printer',
};

/** Where links point: the configured public address, else the request's origin made reachable (LiveConfig.linkBase). */
export interface LinkBase {
  linkBase(origin: string): string;
}

/** The origin this request reached us at. */
export function requestOrigin(req?: Request): string {
  return req ? `${req.protocol}://${req.get('host') ?? 'localhost'}` : 'http://localhost:3000';
}

export function deviceLink(config: LinkBase, req: Request | undefined, kind: DeviceKind, token: string): string {
  return `${config.linkBase(requestOrigin(req))}${PAGE[kind]}#device=${encodeURIComponent(token)}`;
}
