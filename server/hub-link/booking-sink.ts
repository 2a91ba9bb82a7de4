// The province hub as the sink of the bookings outbox: each version of a booking is POSTed to the
// hub's /api/hub/bookings with the site's credential (the hub takes the site's identity from it,
// never from the body). The hub keeps the highest revision per booking, so a replay is harmless.
import type { BookingEnvelope, HubBooking } from '@core/hub-bookings.ts';
import type { RecordSink, SinkDelivery, SinkResult } from '../outbox/record-sink.ts';
import { callHub } from './hub-client.ts';
import type { HubTarget } from './hub-client.ts';
import type { LinkState } from './link-state.ts';

export interface BookingSinkOptions {
  /** The link as configured now (null: not enrolled): read at each delivery, so enrolment is live. */
  target: () => HubTarget | null;
  timeoutMs?: number;
  state?: LinkState;
}

export class HubBookingSink implements RecordSink {
  readonly name = 'province-hub-bookings';

  constructor(private readonly options: BookingSinkOptions) {}

  async deliver(d: SinkDelivery, signal: AbortSignal): Promise<SinkResult> {
    const target = this.options.target();
    if (!target) return { ok: false, kind: 'unreachable', status: null, receiverDown: true };
    let booking: HubBooking;
    try {
      booking = JSON.parse(d.body) as HubBooking;
    } catch {
      return { ok: false, kind: 'garbage', status: null, receiverDown: false };
    }
    const envelope: BookingEnvelope = { key: d.key, revision: d.revision, booking };
    const r = await callHub(target, '/api/hub/bookings', { body: JSON.stringify(envelope), timeoutMs: this.options.timeoutMs ?? 10_000, signal });
    if (signal.aborted) return r.ok ? { ok: true, status: r.status } : r; // stopping: says nothing about the hub
    if (r.ok) {
      this.options.state?.heard(r);
      return { ok: true, status: r.status };
    }
    if (r.kind === 'http' && r.status === 404) {
      // A hub not yet upgraded to take bookings answers, so the link is up: the records and the floor
      // go on, and the bookings wait in their outbox (paused, retried) until the hub takes them.
      this.options.state?.contact();
      return { ...r, receiverDown: true };
    }
    this.options.state?.heard(r);
    return r;
  }
}
