// The report's medians and p90s computed at the hub (hub/percentiles.ts: sorted cells, the k-th
// value found by bisecting the values) against the definitions of a site's report
// (core/statistics.ts over all the values sorted), on random values with many ties, split into
// random runs (some empty), every small size and a few large ones.
import { describe, expect, it } from 'vitest';
import { median, percentile } from '@core/statistics.ts';
import { medianAndP90, mergeRuns, percentilesOf, sortedValues } from '../../hub/percentiles.ts';
import type { Cell } from '../../hub/percentiles.ts';
import { mulberry32 } from '../helpers/random.ts';

const random = mulberry32(15);
const pack = (xs: number[]) => { const b = Buffer.alloc(xs.length * 4); xs.forEach((x, i) => b.writeInt32BE(x, i * 4)); return b; };

describe('percentiles at the hub', () => {
  it('equal the sorted definitions: median (mean of the two middle values) and nearest-rank p90', () => {
    for (const n of [...Array.from({ length: 40 }, (_, i) => i + 1), 99, 100, 101, 1000, 4097]) {
      for (let round = 0; round < 5; round++) {
        const spread = [3, 50, 100_000][round % 3]!;
        const xs = Array.from({ length: n }, () => Math.floor(random() * spread) * (round === 4 ? 30 : 1));
        const sorted = [...xs].sort((a, b) => a - b);
        // The values in runs of random lengths, some empty, each packed as the rollup keeps them.
        const runs: Int32Array[] = [];
        for (let at = 0; at < n || runs.length === 0;) {
          const len = Math.floor(random() * Math.min(n - at + 1, 12));
          runs.push(sortedValues(pack(xs.slice(at, at + len))));
          at += len;
        }
        expect(medianAndP90(runs)).toEqual({ median: median(sorted), p90: percentile(sorted, 90) });
      }
    }
    expect(medianAndP90([])).toEqual({ median: null, p90: null });
    expect(medianAndP90([new Int32Array(0)])).toEqual({ median: null, p90: null });
    expect([...sortedValues(pack([70_000, 3, 0, 86_400]))]).toEqual([0, 3, 70_000, 86_400]);
  });

  it('merges sorted runs', () => {
    const runs = [[1, 5, 9], [], [2, 2, 10, 11], [0], [3, 4]].map((xs) => Int32Array.from(xs));
    expect([...mergeRuns(runs)]).toEqual([0, 1, 2, 2, 3, 4, 5, 9, 10, 11]);
    expect([...mergeRuns([])]).toEqual([]);
  });

  it('per grouping set, from the sorted runs of a range', () => {
    const cells: Cell[] = [
      { site: 'a', department: 'TP', service: 'TP-1', officer: 'u1', waits: pack([10, 30]), services: pack([100]) },
      { site: 'a', department: 'TP', service: 'TP-2', officer: '', waits: pack([]), services: pack([]) },
      // One cell in two sorted runs (two months, or a month and a day at the range's edge).
      { site: 'b', department: 'TP', service: 'TP-1', officer: 'u1', waits: pack([20, 60]), services: pack([500]) },
      { site: 'b', department: 'TP', service: 'TP-1', officer: 'u1', waits: pack([40]), services: pack([300]) },
    ];
    const p = percentilesOf(cells);
    const key = (d: (string | null)[]) => JSON.stringify([...d.map((x) => (x === null ? 1 : 0)), ...d]);
    expect(p.get(key([null, null, null, null]))).toEqual({ wait_median: 30, wait_p90: 60, svc_median: 300 });
    expect(p.get(key(['a', null, null, null]))).toEqual({ wait_median: 20, wait_p90: 30, svc_median: 100 });
    expect(p.get(key([null, null, 'TP-1', null]))).toEqual({ wait_median: 30, wait_p90: 60, svc_median: 300 });
    expect(p.get(key(['b', null, null, 'u1']))).toEqual({ wait_median: 40, wait_p90: 60, svc_median: 400 });
    expect(p.get(key(['a', null, null, '']))).toEqual({ wait_median: null, wait_p90: null, svc_median: null });
  });
});
