// One call to the province hub with the site's credential: JSON in, the hub's `{ ok, data }` out,
// failures sorted the way the outbox sorts them (http / timeout / unreachable / garbage) and reported
// to the link state. Redirects are not followed: a moved hub is a configuration matter.
import type { SinkResult } from '../outbox/record-sink.ts';
import type { LinkState } from './link-state.ts';

export type HubCall<T> = { ok: true; status: number; data: T } | Extract<SinkResult, { ok: false }>;

export interface HubTarget { url: string; credential: string }

export async function callHub<T>(target: HubTarget, path: string, options: {
  method?: 'GET' | 'POST'; body?: string; timeoutMs: number; signal?: AbortSignal; state?: LinkState;
}): Promise<HubCall<T>> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const result = await (async (): Promise<HubCall<T>> => {
    try {
      const res = await fetch(`${target.url}${path}`, {
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        redirect: 'manual', signal,
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Luot-Site/1', authorization: `Bearer ${target.credential}` },
        body: options.body,
      });
      const text = await res.text();
      if (res.status < 200 || res.status >= 300) {
        // A revoked credential or a hub in trouble stops every delivery, not just this one.
        return { ok: false, kind: 'http', status: res.status, receiverDown: res.status >= 500 || res.status === 429 || res.status === 408 || res.status === 401 };
      }
      let json: unknown;
      try { json = JSON.parse(text); } catch { return { ok: false, kind: 'garbage', status: res.status, receiverDown: true }; }
      if (!json || typeof json !== 'object' || (json as { ok?: unknown }).ok !== true) return { ok: false, kind: 'garbage', status: res.status, receiverDown: true };
      return { ok: true, status: res.status, data: (json as { data: T }).data };
    } catch {
      if (timeout.aborted) return { ok: false, kind: 'timeout', status: null, receiverDown: true };
      return { ok: false, kind: 'unreachable', status: null, receiverDown: true };
    }
  })();
  // An abort of our own (the site is stopping) says nothing about the hub.
  if (!options.signal?.aborted) options.state?.heard(result);
  return result;
}
