// One delivery to the dossier system: POST the record as JSON, signed, with an idempotency key.
// Only a 2xx answer counts; redirects are not followed (a moved receiver is a configuration issue).
import { createHmac } from 'node:crypto';
import type { SinkResult } from '../outbox/record-sink.ts';

export type PushResult = SinkResult;

export interface SignedDelivery {
  url: string;
  secret: string;
  key: string;
  revision: number;
  body: string;
  /** Seconds since the epoch, signed together with the body (receivers may refuse stale ones). */
  timestamp: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

export const SIGNATURE_HEADER = 'x-luot-signature';
export const TIMESTAMP_HEADER = 'x-luot-timestamp';

/** `sha256=` + hex HMAC-SHA256 of `${timestamp}.${body}` with the shared secret. */
export function signature(secret: string, timestamp: number, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** Same record version, same key: a receiver that already has it can answer 2xx and ignore it. */
export function idempotencyKey(key: string, revision: number): string {
  return `${key}.${revision}`;
}

export async function pushRecord(d: SignedDelivery): Promise<PushResult> {
  const timeout = AbortSignal.timeout(d.timeoutMs);
  const signal = d.signal ? AbortSignal.any([timeout, d.signal]) : timeout;
  try {
    const res = await fetch(d.url, {
      method: 'POST',
      redirect: 'manual',
      signal,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Luot-Export/1',
        'idempotency-key': idempotencyKey(d.key, d.revision),
        'x-luot-record-key': d.key,
        'x-luot-record-revision': String(d.revision),
        [TIMESTAMP_HEADER]: String(d.timestamp),
        [SIGNATURE_HEADER]: signature(d.secret, d.timestamp, d.body),
      },
      body: d.body,
    });
    // The body is not read (a receiver may answer anything with its 2xx), but the socket is freed.
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, kind: 'http', status: res.status, receiverDown: res.status >= 500 || res.status === 429 || res.status === 408 };
  } catch (err) {
    if (timeout.aborted) return { ok: false, kind: 'timeout', status: null, receiverDown: true };
    const code = causeCode(err);
    if (code.startsWith('HPE_') || code === 'UND_ERR_INFO') return { ok: false, kind: 'garbage', status: null, receiverDown: true };
    return { ok: false, kind: 'unreachable', status: null, receiverDown: true };
  }
}

function causeCode(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return '';
}
