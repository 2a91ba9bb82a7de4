// Where an outbox delivers its records: the dossier system's HTTP push, the province hub, the
// citizen-message providers. A sink sends one record version and says how it went; a sink that can
// (the province hub) may also take several consecutive versions in one call, all or nothing. The
// outbox (server/outbox/outbox.ts) owns ordering, retries, backoff and what is durable.
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

export interface BatchLimits {
  /** Most versions in one call. */
  entries: number;
  /** Most bytes of record bodies in one call (a single larger body still goes, alone). */
  bytes: number;
}

export interface RecordSink {
  readonly name: string;
  deliver(d: SinkDelivery, signal: AbortSignal): Promise<SinkResult>;
  /**
   * Optional: several consecutive versions (cursor order, one per key) in one call. `ok` means the
   * receiver took every one of them; a failure means it took none (the receiver stores a batch in
   * one transaction), and the outbox then retries them (receiver down) or sends them one at a time
   * (a refusal: the bad one is found, kept and retried on its own, the others go).
   */
  sendBatch?(ds: SinkDelivery[], signal: AbortSignal): Promise<SinkResult>;
  /** Limits of sendBatch (default 200 versions, 1 MB). */
  readonly batchLimits?: BatchLimits;
}
