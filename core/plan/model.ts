// A center's behaviour learnt from its history (report rows): per service, the service times,
// no-show and transfer rates and where transfers go, the share of priority tickets.
import type { ReportRow } from '../reports.ts';
import type { Arrival, CenterModel, ServiceBehaviour } from './types.ts';

/** Newest service times kept per service: enough for the shape, small enough to send to a worker. */
const MAX_SAMPLES = 400;
const DEFAULT_WALK_SEC = [45, 60, 75, 90, 120];

export function learnModel(chunks: Iterable<readonly ReportRow[]>, services: readonly { code: string; defaultServiceMin: number }[]): CenterModel {
  const acc = new Map<string, { sec: number[]; called: number; noShow: number; issued: number; priority: number; out: Map<string, number> }>();
  const of = (code: string) => {
    let a = acc.get(code);
    if (!a) acc.set(code, (a = { sec: [], called: 0, noShow: 0, issued: 0, priority: 0, out: new Map() }));
    return a;
  };
  for (const rows of chunks) for (const r of rows) {
    const a = of(r.issuedFor);
    a.issued += 1;
    if (r.priority) a.priority += 1;
    if (r.firstWaitSec !== null) a.called += 1;
    if (r.issuedFor !== r.serviceCode) a.out.set(r.serviceCode, (a.out.get(r.serviceCode) ?? 0) + 1);
    if (r.status === 'no-show') of(r.serviceCode).noShow += 1;
    if (r.serviceSec !== null) of(r.serviceCode).sec.push(r.serviceSec);
  }
  const model: CenterModel = { services: {}, callToStartSec: DEFAULT_WALK_SEC, noShowAfterSec: 180 };
  for (const s of services) {
    const a = acc.get(s.code);
    const transfers = a ? [...a.out.values()].reduce((x, y) => x + y, 0) : 0;
    const behaviour: ServiceBehaviour = {
      serviceSec: a && a.sec.length > 0 ? a.sec.slice(-MAX_SAMPLES) : [s.defaultServiceMin * 60],
      noShowRate: a && a.called > 0 ? a.noShow / a.called : 0,
      transferRate: a && a.called > 0 ? transfers / a.called : 0,
      transferTo: a ? [...a.out].sort(([x], [y]) => x.localeCompare(y)).map(([serviceCode, n]) => ({ serviceCode, share: n / transfers })) : [],
      priorityShare: a && a.issued > 0 ? a.priority / a.issued : 0,
    };
    model.services[s.code] = behaviour;
  }
  return model;
}

/** The arrivals of a past day, as they came (issue time, the service asked for, priority or not). */
export function arrivalsOf(rows: readonly ReportRow[], priorityCode: string | null): Arrival[] {
  return rows.map((r) => ({ at: r.issuedAt, serviceCode: r.issuedFor, priority: r.priority ? priorityCode : null }))
    .sort((a, b) => a.at - b.at);
}
