// Where an outbox delivers its records: the dossier system's HTTP push today, the province hub
// and the citizen-message providers next. A sink sends one record version and says how it went;
// the outbox (server/outbox/outbox.ts) owns ordering, retries, backoff and what is durable.
export interface SinkDelivery {
  key: string;
  revision: number;
  day: string;
  /** The record JSON. */
  body: string;
}

export type SinkResult =
  | { ok: true; status: number }
  | {
      ok: false;
      kind: 'http' | 'timeout' | 'unreachable' | 'garbage';
      status: number | null;
      /** The receiver as a whole looks unwell (down, slow, 5xx): pause every delivery, not just this one. */
      receiverDown: boolean;
    };

export interface RecordSink {
  readonly name: string;
  deliver(d: SinkDelivery, signal: AbortSignal): Promise<SinkResult>;
}
