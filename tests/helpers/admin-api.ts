// The admin REST API as the tests call it: bearer token, JSON in, the answer decoded (text kept
// as sent, a leading BOM included, for the CSV downloads).
export interface AdminAnswer<T> {
  status: number;
  text: string;
  body: { ok: boolean; code?: string; message?: string; messageEn?: string; issues?: { path: string; message: string }[]; data: T };
}

/** `api(method, path, json?, token?)` against `${base()}/api/admin`, as `token()` unless told otherwise. */
export function adminApi<D = unknown>(base: () => string, token: () => string) {
  return async <T = D>(method: string, path: string, json?: unknown, as = token()): Promise<AdminAnswer<T>> => {
    const headers: Record<string, string> = { authorization: `Bearer ${as}` };
    if (json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base()}/api/admin${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
    // Decoded by hand: Response.text() would drop a leading BOM, which the CSV must have.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    return { status: res.status, text, body: (text.startsWith('{') ? JSON.parse(text) : null) as AdminAnswer<T>['body'] };
  };
}
