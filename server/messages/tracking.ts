// The idempotency key as providers see it: the same for every attempt of one message (a provider
// that keeps them can drop a repeat), short enough for ZNS's tracking_id, and without the ticket id.
import { createHash } from 'node:crypto';

export function trackingId(key: string): string {
  return 'luot-' + createHash('sha256').update(key).digest('base64url').slice(0, 32);
}
