// The medians and nearest-rank p90s of a report, computed here from the values the rollup keeps
// (4 bytes a value, big-endian: int4send in hub/rollup.ts), fetched once per finest cell (site,
// department, service, officer) of the range. PostgreSQL would sort every value of the range once
// per grouping set; here each set's groups are filled from the cells and a selection (not a sort)
// finds the ranks: linear in the values. The definitions are PostgreSQL's, so the figures equal
// `provinceReportFromRecords` (tests/hub/hub-rollup.test.ts): the median is percentile_cont(0.5)
// (the mean of the two middle values), the p90 percentile_disc(0.9) — core/statistics.ts's too.
import quickselect from 'quickselect';

export interface Cell { site: string; department: string; service: string; officer: string; waits: Buffer; services: Buffer }
export interface CellPercentiles { wait_median: number | null; wait_p90: number | null; svc_median: number | null }

type Dims = [string | null, string | null, string | null, string | null];
/** The report's grouping sets (hub/reports.ts GROUPING_SETS), as what a cell contributes to each. */
const SETS: ((c: Cell) => Dims)[] = [
  () => [null, null, null, null],
  (c) => [c.site, null, null, null],
  (c) => [null, c.department, null, null],
  (c) => [null, null, c.service, null],
  (c) => [c.site, null, null, c.officer],
  (c) => [c.site, c.department, null, null],
];

/** The key a row of the sums query has: GROUPING() flags, then the grouped columns (null when not grouped). */
export const groupKey = (d: Dims): string => JSON.stringify([d[0] === null ? 1 : 0, d[1] === null ? 1 : 0, d[2] === null ? 1 : 0, d[3] === null ? 1 : 0, ...d]);

function decode(b: Buffer): Int32Array {
  const out = new Int32Array(b.length >>> 2);
  for (let i = 0; i < out.length; i++) out[i] = b.readInt32BE(i << 2);
  return out;
}

// quickselect works on any indexable numbers; its types name plain arrays only.
const select = (a: Int32Array, k: number, left: number, right: number) => quickselect(a as unknown as number[], k, left, right);

/** percentile_cont(0.5) and percentile_disc(0.9) of the values; `a` is reordered. */
export function medianAndP90(a: Int32Array): { median: number | null; p90: number | null } {
  const n = a.length;
  if (n === 0) return { median: null, p90: null };
  const k = n >>> 1;
  select(a, k, 0, n - 1);
  let median = a[k]!;
  if (n % 2 === 0) {
    // The lower middle value: the largest of what the selection left before k.
    let lo = a[0]!;
    for (let i = 1; i < k; i++) if (a[i]! > lo) lo = a[i]!;
    median = lo + (median - lo) * 0.5;
  }
  const r = Math.max(Math.ceil(0.9 * n), 1) - 1;
  if (r > k) select(a, r, k, n - 1);
  else if (r < k) select(a, r, 0, k);
  return { median, p90: a[r]! };
}

function concat(parts: Int32Array[]): Int32Array {
  if (parts.length === 1) return parts[0]!.slice();
  const out = new Int32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** Every group of every grouping set with values: its percentiles, by `groupKey`. */
export function percentilesOf(cells: Cell[]): Map<string, CellPercentiles> {
  const decoded = cells.map((c) => ({ cell: c, waits: decode(c.waits), services: decode(c.services) }));
  const out = new Map<string, CellPercentiles>();
  for (const dims of SETS) {
    const groups = new Map<string, { waits: Int32Array[]; services: Int32Array[] }>();
    for (const d of decoded) {
      const key = groupKey(dims(d.cell));
      let g = groups.get(key);
      if (!g) groups.set(key, g = { waits: [], services: [] });
      if (d.waits.length) g.waits.push(d.waits);
      if (d.services.length) g.services.push(d.services);
    }
    for (const [key, g] of groups) {
      const w = g.waits.length ? medianAndP90(concat(g.waits)) : { median: null, p90: null };
      const s = g.services.length ? medianAndP90(concat(g.services)) : { median: null, p90: null };
      out.set(key, { wait_median: w.median, wait_p90: w.p90, svc_median: s.median });
    }
  }
  return out;
}
