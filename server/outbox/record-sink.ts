export interface SinkDelivery { key: string; revision: number; day: string; body: string /* the record JSON */ }
export type SinkResult = { ok: true; status: number } | { ok: false; kind: 'http'|'timeout'|'unreachable'|'garbage'; status: number | null; receiverDown: boolean };
export interface RecordSink { readonly name: string; deliver(d: SinkDelivery, signal: AbortSignal): Promise<SinkResult>; }
