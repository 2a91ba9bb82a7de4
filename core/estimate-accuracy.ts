// How good the waits promised to citizens were: each ticket's estimate at issue against the wait it
// really had until its first call. Tickets never called (cancelled, expired) have no true wait and
// are left out; so are tickets issued with no estimate (no counter open).
import { median } from './statistics.ts';

export interface EstimateSample {
  serviceCode: string;
  /** Local hour of issue, 0–23. */
  hour: number;
  estimateMin: number;
  actualMin: number;
}

export interface EstimateErrorFigures {
  count: number;
  /** Median of |estimate − actual|, minutes. */
  medianAbsErrorMin: number | null;
  /** Median of estimate − actual: below 0 the estimates promise too little. */
  medianBiasMin: number | null;
  /** Share of estimates within ±5 minutes of the real wait. */
  within5Min: number | null;
  /** Share of estimates within ±25 % of the real wait (a real wait of 0 needs an estimate of 0). */
  within25Pct: number | null;
}

export interface EstimateAccuracy {
  totals: EstimateErrorFigures;
  byService: { serviceCode: string; figures: EstimateErrorFigures; byHour: { hour: number; figures: EstimateErrorFigures }[] }[];
}

export class EstimateErrors {
  private readonly errors: number[] = [];
  private within5 = 0;
  private within25 = 0;

  add(estimateMin: number, actualMin: number): void {
    const error = estimateMin - actualMin;
    this.errors.push(error);
    if (Math.abs(error) <= 5) this.within5 += 1;
    if (Math.abs(error) <= 0.25 * actualMin + 1e-9) this.within25 += 1;
  }

  figures(): EstimateErrorFigures {
    const n = this.errors.length;
    if (n === 0) return { count: 0, medianAbsErrorMin: null, medianBiasMin: null, within5Min: null, within25Pct: null };
    const abs = Float64Array.from(this.errors, Math.abs).sort();
    const signed = Float64Array.from(this.errors).sort();
    return {
      count: n, medianAbsErrorMin: median(abs), medianBiasMin: median(signed),
      within5Min: this.within5 / n, within25Pct: this.within25 / n,
    };
  }
}

/** Totals, per service and per service × hour of issue; services in the order given. */
export function estimateAccuracy(samples: Iterable<EstimateSample>, serviceOrder: readonly string[] = []): EstimateAccuracy {
  const totals = new EstimateErrors();
  const services = new Map<string, { all: EstimateErrors; hours: Map<number, EstimateErrors> }>();
  for (const s of samples) {
    totals.add(s.estimateMin, s.actualMin);
    let svc = services.get(s.serviceCode);
    if (!svc) services.set(s.serviceCode, (svc = { all: new EstimateErrors(), hours: new Map() }));
    svc.all.add(s.estimateMin, s.actualMin);
    let hour = svc.hours.get(s.hour);
    if (!hour) svc.hours.set(s.hour, (hour = new EstimateErrors()));
    hour.add(s.estimateMin, s.actualMin);
  }
  const rank = new Map(serviceOrder.map((c, i) => [c, i]));
  return {
    totals: totals.figures(),
    byService: [...services]
      .sort(([a], [b]) => (rank.get(a) ?? 1e9) - (rank.get(b) ?? 1e9) || a.localeCompare(b))
      .map(([serviceCode, v]) => ({
        serviceCode,
        figures: v.all.figures(),
        byHour: [...v.hours].sort(([a], [b]) => a - b).map(([hour, e]) => ({ hour, figures: e.figures() })),
      })),
  };
}
