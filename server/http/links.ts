// Links that configure a device's browser in one step: the page stores the token and drops it
// from the address bar.
import type { Request } from 'express';
import type { DeviceKind } from '@core/protocol.ts';
import type { AppContext } from '../context.ts';

const PAGE: Record<DeviceKind, string> = {
  kiosk: '/kiosk',
  display: '/display',
  rating: '/counter/rating',
  printer: '/printer',
};

export function baseUrl(ctx: AppContext, req?: Request): string {
  if (ctx.publicUrl) return ctx.publicUrl.replace(/\/$/, '');
  return req ? `${req.protocol}://${req.get('host')}` : 'http://localhost:3000';
}

export function deviceLink(ctx: AppContext, req: Request | undefined, kind: DeviceKind, token: string): string {
  return `${baseUrl(ctx, req)}${PAGE[kind]}#device=${encodeURIComponent(token)}`;
}
