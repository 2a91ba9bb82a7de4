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

/** The configured public address, else the one this request reached us at. */
export function baseUrl(publicUrl: string | null, req?: Request): string {
  if (publicUrl) return publicUrl.replace(/\/$/, '');
  return req ? `${req.protocol}://${req.get('host')}` : 'http://localhost:3000';
}

export function deviceLink(publicUrl: string | null, req: Request | undefined, kind: DeviceKind, token: string): string {
  return `${baseUrl(publicUrl, req)}${PAGE[kind]}#device=${encodeURIComponent(token)}`;
}
