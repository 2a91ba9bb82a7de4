// A report's range and filters as the form holds them, and as the API's query string.
export interface Filters {
  from: string;
  to: string;
  department: string;
  service: string;
  counter: string;
  officer: string;
}

export function queryString(f: Filters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ from: f.from, to: f.to });
  for (const key of ['department', 'service', 'counter', 'officer'] as const) if (f[key]) q.set(key, f[key]);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}
