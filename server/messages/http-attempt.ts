// One HTTP request to a message provider, and what came of it in the outbox's terms. Shared by the
// SMS gateway and Zalo ZNS sinks: timeouts, refused connections and answers that are not HTTP
// are told apart the same way for both; what a 2xx body means is each provider's own judgement.
import type { Text } from '@core/i18n.ts';
import type { SinkResult } from '../outbox/record-sink.ts';

export interface Attempt {
  result: SinkResult;
  /** The provider's own words about a failure (phone numbers masked by the caller), else null. */
  detail: string | null;
  /** A refusal no retry can cure (core/messages/zns-errors.ts): the message fails for good with this reason. */
  permanent?: Text | null;
}

export interface ProviderRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body: string | null;
}

/** Read at most this much of an answer: a gateway's reply is a few hundred bytes. */
const MAX_ANSWER = 64 * 1024;

export async function attempt(
  req: ProviderRequest, timeoutMs: number, signal: AbortSignal,
  judge: (status: number, body: string) => Attempt,
): Promise<Attempt> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const both = AbortSignal.any([timeout, signal]);
  try {
    const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, redirect: 'manual', signal: both });
    const body = await readSome(res);
    if (res.status < 200 || res.status >= 300) {
      return {
        result: { ok: false, kind: 'http', status: res.status, receiverDown: res.status >= 500 || res.status === 429 || res.status === 408 },
        detail: body.slice(0, 200) || null,
      };
    }
    return judge(res.status, body);
  } catch (err) {
    if (timeout.aborted) return { result: { ok: false, kind: 'timeout', status: null, receiverDown: true }, detail: null };
    const code = causeCode(err);
    if (code.startsWith('HPE_') || code === 'UND_ERR_INFO') return { result: { ok: false, kind: 'garbage', status: null, receiverDown: true }, detail: null };
    return { result: { ok: false, kind: 'unreachable', status: null, receiverDown: true }, detail: code || null };
  }
}

async function readSome(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size >= MAX_ANSWER) { await reader.cancel().catch(() => {}); break; }
  }
  return Buffer.concat(chunks).toString('utf8');
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
