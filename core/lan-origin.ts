// The address printed in QR codes and device links must be one a phone or a kiosk on the center's
// network can open. A browser on the server itself reaches it at http://localhost:3000 or
// 127.0.0.1; a link built from that address is useless anywhere else. When no public address is
// configured, a loopback origin is replaced by the server's LAN address (same scheme and port).

/** localhost, 127.0.0.0/8, ::1, 0.0.0.0: addresses that mean "this machine" to whoever opens them. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::1' || h === '0.0.0.0' || h === '::';
}

/** `origin` (scheme://host[:port]), its host swapped for `lan` when it is a loopback host. */
export function reachableOrigin(origin: string, lan: string | null): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return origin;
  }
  if (!lan || !isLoopbackHost(url.hostname)) return origin.replace(/\/$/, '');
  const host = lan.includes(':') ? `[${lan}]` : lan;
  return `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`;
}

/** Whether links built on this base would point at the machine that opens them. */
export function isLoopbackBase(base: string): boolean {
  try {
    return isLoopbackHost(new URL(base).hostname);
  } catch {
    return false;
  }
}
