// The hub's API from the dashboard: the hub session token (kept for the tab's life), JSON answers
// `{ ok, data } | { ok: false, code, message, messageEn }`.
const KEY = 'luot-hub-session';

export type Answer<T> = { ok: true; data: T } | { ok: false; code: string; message: string; messageEn: string };

export const session = {
  get token(): string | null { return sessionStorage.getItem(KEY); },
  set token(v: string | null) { if (v === null) sessionStorage.removeItem(KEY); else sessionStorage.setItem(KEY, v); },
};

export async function hubApi<T>(path: string, body?: unknown, method?: 'PUT' | 'POST'): Promise<Answer<T>> {
  const token = session.token;
  try {
    const res = await fetch(path, {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as Answer<T>;
  } catch {
    return { ok: false, code: 'OFFLINE', message: 'Không kết nối được máy chủ tỉnh', messageEn: 'The province hub cannot be reached' };
  }
}

/** A file download with the session's token (a link cannot carry the header). */
export async function download(path: string, name: string): Promise<boolean> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${session.token ?? ''}` } });
  if (!res.ok) return false;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/** A file sent as it is (a workbook) with the session's token; answered as hubApi is. */
export async function hubUpload<T>(path: string, file: Blob): Promise<Answer<T>> {
  try {
    const res = await fetch(path, {
      method: 'PUT',
      headers: { 'content-type': file.type || 'application/octet-stream', authorization: `Bearer ${session.token ?? ''}` },
      body: file,
    });
    return (await res.json()) as Answer<T>;
  } catch {
    return { ok: false, code: 'OFFLINE', message: 'Không kết nối được máy chủ tỉnh', messageEn: 'The province hub cannot be reached' };
  }
}
