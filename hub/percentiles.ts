// The medians and nearest-rank p90s of a report, computed here from the values the rollups keep
// (4 bytes a value, big-endian, sorted: int4send in hub/rollup.ts), one run per rollup row of the
// range (a month of a cell, or a day at the range's edges). PostgreSQL would sort every value of the
// range once per grouping set. Here the runs of each finest cell (site, department, service,
// officer) are merged into one sorted array, and a group's k-th smallest value is found by bisecting
// the values: how many of the group's values are ≤ v is a binary search in each of its cells.
// Nothing is sorted or copied per grouping set, and the cost grows with the cells, not the values. The definitions are PostgreSQL's, so the figures equal
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

/** Packed big-endian int32s → values (a fresh buffer: aligned, and the swap leaves `b` alone). */
export function values(b: Buffer): Int32Array {
  const copy = Buffer.allocUnsafeSlow(b.length - (b.length % 4));
  b.copy(copy, 0, 0, copy.length);
  copy.swap32(); // big-endian on the wire, little-endian on the machines Node runs on here
  return new Int32Array(copy.buffer, copy.byteOffset, copy.length >>> 2);
}

/** Packed values → sorted (tests; the rollups keep their runs sorted already). */
export const sortedValues = (b: Buffer): Int32Array => values(b).sort();

function merge2(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Sorted runs → one sorted array, merged pairwise (n log k for k runs). */
export function mergeRuns(runs: Int32Array[]): Int32Array {
  let level = runs.filter((r) => r.length > 0);
  if (level.length === 0) return new Int32Array(0);
  while (level.length > 1) {
    const next: Int32Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? merge2(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!;
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

/** Every group of every grouping set with values: its percentiles, by `groupKey`. `runs`: sorted runs, any number per cell. */
export function percentilesOf(runs: Cell[]): Map<string, CellPercentiles> {
  const byCell = new Map<string, { cell: Cell; waits: Int32Array[]; services: Int32Array[] }>();
  for (const r of runs) {
    const key = JSON.stringify([r.site, r.department, r.service, r.officer]);
    let c = byCell.get(key);
    if (!c) byCell.set(key, c = { cell: r, waits: [], services: [] });
    c.waits.push(values(r.waits));
    c.services.push(values(r.services));
  }
  const sorted = [...byCell.values()].map((c) => ({ cell: c.cell, waits: mergeRuns(c.waits), services: mergeRuns(c.services) }));
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
