// The manager's REST calls, with the session cookie. Every answer is an Ack: data, or a refusal
// whose text is shown as it is (Vietnamese and English from the server's one dictionary).
import type { Ack, AckError } from '@core/protocol.ts';
import { ui } from '@core/text/index.ts';

function unreachable(): AckError {
  const { vi, en } = ui.staffLogin.unreachable;
  return { ok: false, code: 'INTERNAL', message: vi, messageEn: en };
}

async function call<T>(method: string, path: string, body?: unknown): Promise<Ack<T>> {
  try {
    const res = await fetch(path, {
      method, credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Ack<T>;
    return typeof json === 'object' && json !== null && typeof json.ok === 'boolean' ? json : unreachable();
  } catch {
    return unreachable();
  }
}

export const getJson = <T>(path: string) => call<T>('GET', path);
export const putJson = <T>(path: string, body: unknown) => call<T>('PUT', path, body);
export const postJson = <T>(path: string, body: unknown = {}) => call<T>('POST', path, body);
export const patchJson = <T>(path: string, body: unknown) => call<T>('PATCH', path, body);
export const deleteJson = <T>(path: string) => call<T>('DELETE', path);

/** Fetch a file and hand it to the browser; a refusal (no data, bad range) comes back as an Ack. */
export async function download(path: string, fallbackName: string): Promise<Ack<null>> {
  try {
    const res = await fetch(path, { credentials: 'same-origin' });
    if (!res.ok) {
      const json = (await res.json().catch(() => null)) as AckError | null;
      return json && json.ok === false ? json : unreachable();
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return { ok: true, data: null };
  } catch {
    return unreachable();
  }
}
