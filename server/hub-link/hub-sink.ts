// The province hub as a sink of the durable outbox: versions of service records are POSTed with the
// site's credential (the hub takes the site's identity from it, never from the body), wrapped with
// the service's target wait so the hub can count "within target" as the site does. Consecutive
// versions go together to /api/hub/records/batch (one request, one transaction at the hub, all or
// nothing); one alone, or to a hub that has no batch path yet (404), to /api/hub/records. The hub
// keeps the highest revision per key, so a replay after a crash is harmless.
import type { RecordEnvelope } from '@core/hub-protocol.ts';
import type { BatchLimits, RecordSink, SinkDelivery, SinkResult } from '../outbox/record-sink.ts';
import { callHub } from './hub-client.ts';
import type { HubTarget } from './hub-client.ts';
import type { LinkState } from './link-state.ts';

export interface HubSinkOptions {
  /** The link as configured now (null: not enrolled): read at each delivery, so enrolment is live. */
  target: () => HubTarget | null;
  /** The target wait of a service at this site, in seconds (null: unknown service). */
  targetWaitSec: (serviceCode: string) => number | null;
  timeoutMs?: number;
  state?: LinkState;
  batchLimits?: BatchLimits;
  /** The clock of "the hub has no batch path": asked again after an hour (performance.now by default). */
  now?: () => number;
}

/** A hub older than batches answers 404: one record per request until this long has passed. */
const NO_BATCH_RETRY_MS = 3_600_000;

export class HubSink implements RecordSink {
  readonly name = 'province-hub';
  readonly batchLimits: BatchLimits;
  private noBatchSince: { url: string; at: number } | null = null;

  constructor(private readonly options: HubSinkOptions) {
    // ~1 MB of bodies stays well under the hub's 4 MB body limit for this path.
    this.batchLimits = options.batchLimits ?? { entries: 200, bytes: 1_000_000 };
  }

  private envelope(d: SinkDelivery): RecordEnvelope | null {
    let record: RecordEnvelope['record'];
    try {
      record = JSON.parse(d.body) as RecordEnvelope['record'];
    } catch {
      return null;
    }
    return {
      key: d.key, revision: d.revision, day: d.day,
      targetWaitSec: typeof record.serviceCode === 'string' ? this.options.targetWaitSec(record.serviceCode) : null,
      record,
    };
  }

  async deliver(d: SinkDelivery, signal: AbortSignal): Promise<SinkResult> {
    const target = this.options.target();
    if (!target) return { ok: false, kind: 'unreachable', status: null, receiverDown: true };
    const envelope = this.envelope(d);
    // Our own outbox gave us something that is not JSON: no receiver will take it, ever.
    if (!envelope) return { ok: false, kind: 'garbage', status: null, receiverDown: false };
    const r = await callHub(target, '/api/hub/records', {
      body: JSON.stringify(envelope), timeoutMs: this.options.timeoutMs ?? 10_000, signal, state: this.options.state,
    });
    return r.ok ? { ok: true, status: r.status } : r;
  }

  async sendBatch(ds: SinkDelivery[], signal: AbortSignal): Promise<SinkResult> {
    const target = this.options.target();
    if (!target) return { ok: false, kind: 'unreachable', status: null, receiverDown: true };
    const now = this.options.now ?? (() => performance.now());
    const old = this.noBatchSince;
    // A refusal without a request: the outbox sends these one at a time, as an older hub takes them.
    if (old && old.url === target.url && now() - old.at < NO_BATCH_RETRY_MS) return { ok: false, kind: 'http', status: 404, receiverDown: false };
    const records: RecordEnvelope[] = [];
    for (const d of ds) {
      const e = this.envelope(d);
      if (!e) return { ok: false, kind: 'garbage', status: null, receiverDown: false };
      records.push(e);
    }
    // A batch takes longer than one record at the hub and on a thin link: more time, within reason.
    const timeoutMs = (this.options.timeoutMs ?? 10_000) * (ds.length > 1 ? 3 : 1);
    const r = await callHub(target, '/api/hub/records/batch', { body: JSON.stringify({ records }), timeoutMs, signal, state: this.options.state });
    if (!r.ok && r.status === 404) this.noBatchSince = { url: target.url, at: now() };
    return r.ok ? { ok: true, status: r.status } : r;
  }
}
