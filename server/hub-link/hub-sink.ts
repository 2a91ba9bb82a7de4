// The province hub as a sink of the durable outbox: each version of a service record is POSTed to
// the hub's /api/hub/records with the site's credential (the hub takes the site's identity from it,
// never from the body), wrapped with the service's target wait so the hub can count "within target"
// as the site does. The hub keeps the highest revision per key, so a replay after a crash is harmless.
import type { RecordEnvelope } from '@core/hub-protocol.ts';
import type { RecordSink, SinkDelivery, SinkResult } from '../outbox/record-sink.ts';
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
}

export class HubSink implements RecordSink {
  readonly name = 'province-hub';

  constructor(private readonly options: HubSinkOptions) {}

  async deliver(d: SinkDelivery, signal: AbortSignal): Promise<SinkResult> {
    const target = this.options.target();
    if (!target) return { ok: false, kind: 'unreachable', status: null, receiverDown: true };
    let record: RecordEnvelope['record'];
    try {
      record = JSON.parse(d.body) as RecordEnvelope['record'];
    } catch {
      // Our own outbox gave us something that is not JSON: no receiver will take it, ever.
      return { ok: false, kind: 'garbage', status: null, receiverDown: false };
    }
    const envelope: RecordEnvelope = {
      key: d.key, revision: d.revision, day: d.day,
      targetWaitSec: typeof record.serviceCode === 'string' ? this.options.targetWaitSec(record.serviceCode) : null,
      record,
    };
    const r = await callHub(target, '/api/hub/records', {
      body: JSON.stringify(envelope), timeoutMs: this.options.timeoutMs ?? 10_000, signal, state: this.options.state,
    });
    return r.ok ? { ok: true, status: r.status } : r;
  }
}
