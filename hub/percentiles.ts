// The medians and nearest-rank p90s of a report, computed here from the values the rollup keeps
// (4 bytes a value, big-endian: int4send in hub/rollup.ts), fetched once per finest cell (site,
// department, service, officer) of the range. PostgreSQL would sort every value of the range once
// per grouping set. Here each cell is sorted once (a few hundred values), and a group's k-th
// smallest value is found by bisecting the values: how many of the group's values are ≤ v is a
// binary search in each of its cells. Nothing is copied per grouping set, and the cost grows with
// the number of cells, not of values. The definitions are PostgreSQL's, so the figures equal
// `provinceReportFromRecords` (tests/hub/hub-rollup.test.ts): the median is percentile_cont(0.5)
// (the mean of the two middle values), the p90 percentile_disc(0.9) — core/statistics.ts's too.

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

/** Packed big-endian int32s → sorted values (a fresh buffer: aligned, and the swap leaves `b` alone). */
export function sortedValues(b: Buffer): Int32Array {
  const copy = Buffer.allocUnsafeSlow(b.length - (b.length % 4));
  b.copy(copy, 0, 0, copy.length);
  copy.swap32(); // big-endian on the wire, little-endian on the machines Node runs on here
  return new Int32Array(copy.buffer, copy.byteOffset, copy.length >>> 2).sort();
}

/** How many values of a sorted run are ≤ v. */
function atMost(a: Int32Array, v: number): number {
  const n = a.length;
  if (n === 0 || a[0]! > v) return 0;
  if (a[n - 1]! <= v) return n;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The k-th smallest (0-based) of the values of sorted runs: the smallest v with more than k values ≤ v. */
function kth(runs: Int32Array[], k: number, min: number, max: number): number {
  let lo = min;
  let hi = max;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    let count = 0;
    for (const r of runs) count += atMost(r, mid);
    if (count > k) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** percentile_cont(0.5) and percentile_disc(0.9) of the values of sorted runs (empty runs allowed). */
export function medianAndP90(runs: Int32Array[], withP90 = true): { median: number | null; p90: number | null } {
  const full = runs.filter((r) => r.length > 0);
  const n = full.reduce((s, r) => s + r.length, 0);
  if (n === 0) return { median: null, p90: null };
  let min = full[0]![0]!;
  let max = full[0]![full[0]!.length - 1]!;
  for (const r of full) { if (r[0]! < min) min = r[0]!; if (r[r.length - 1]! > max) max = r[r.length - 1]!; }
  const at = (k: number) => kth(full, k, min, max);
  const hiMid = at(n >>> 1);
  // percentile_cont interpolates: lo + (hi − lo) × 0.5, exact for integers.
  const median = n % 2 === 1 ? hiMid : ((lo) => lo + (hiMid - lo) * 0.5)(at((n >>> 1) - 1));
  return { median, p90: withP90 ? at(Math.max(Math.ceil(0.9 * n), 1) - 1) : null };
}

/** Every group of every grouping set with values: its percentiles, by `groupKey`. */
export function percentilesOf(cells: Cell[]): Map<string, CellPercentiles> {
  const sorted = cells.map((c) => ({ cell: c, waits: sortedValues(c.waits), services: sortedValues(c.services) }));
  const out = new Map<string, CellPercentiles>();
  for (const dims of SETS) {
    const groups = new Map<string, { waits: Int32Array[]; services: Int32Array[] }>();
    for (const d of sorted) {
      const key = groupKey(dims(d.cell));
      let g = groups.get(key);
      if (!g) groups.set(key, g = { waits: [], services: [] });
      g.waits.push(d.waits);
      g.services.push(d.services);
    }
    for (const [key, g] of groups) {
      const w = medianAndP90(g.waits);
      out.set(key, { wait_median: w.median, wait_p90: w.p90, svc_median: medianAndP90(g.services, false).median });
    }
  }
  return out;
}
