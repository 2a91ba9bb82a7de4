// The dossier system's sink: each record version POSTed as signed JSON (push.ts).
import type { Clock } from '../deps.ts';
import type { RecordSink } from '../outbox/record-sink.ts';
import { pushRecord } from './push.ts';

export interface HttpSinkSettings {
  url: string;
  secret: string;
  timeoutMs: number;
}

export function httpPushSink(settings: HttpSinkSettings, clock: Clock): RecordSink {
  return {
    name: 'dossier-http',
    deliver: (d, signal) => pushRecord({
      url: settings.url, secret: settings.secret, key: d.key, revision: d.revision, body: d.body,
      timestamp: Math.floor(clock.now() / 1000), timeoutMs: settings.timeoutMs, signal,
    }),
  };
}
