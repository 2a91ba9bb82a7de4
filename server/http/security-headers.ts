// The security headers of every answer, configured once (helmet) and mounted first in app.ts: the
// apps' pages (/kiosk, /manager, /display, /counter, /counter/rating) get a content security
// policy that allows only this server's own scripts, may not be framed (clickjacking a counter or
// the admin screens), and nothing is sniffed into another type. The status page (/t/…) replaces
// the policy with its stricter, nonce-based one (server/status-page/router.ts).
import helmet from 'helmet';
import type { RequestHandler } from 'express';

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Svelte sets style attributes; no inline script is ever needed (Vite emits module files).
        styleSrc: ["'self'", "'unsafe-inline'"],
        // The logo and the pairing QR codes are data: URLs; the board's audio is fetched then played.
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // No upgrade-insecure-requests: centers serve plain http on their own network.
      },
    },
    // Plain http on a LAN address: HSTS would lock browsers out of it.
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Boards and pads open audio and images of this same server only; the default (same-origin) holds.
  });
}
