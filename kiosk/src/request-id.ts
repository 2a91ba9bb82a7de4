// Request ids the kiosk sends with each tap or scan (the server answers a repeated id with the same ticket).

/** Random request id; crypto.getRandomValues works on plain-http kiosks, randomUUID does not. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
