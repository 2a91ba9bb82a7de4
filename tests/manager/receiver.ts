// A dossier system for the bridge tests: a real node:http server on 127.0.0.1 that checks each
// delivery's signature, upserts records by key, and can be told to fail, hang, or go away.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceRecord } from '@core/service-record.ts';
import { signature } from '../../server/export/push.ts';

export interface Delivery {
  idempotencyKey: string;
  key: string;
  revision: number;
  signatureValid: boolean;
  answered: number | 'hung';
  record: ServiceRecord;
}

export type Mode = { kind: 'ok' } | { kind: 'fail'; status: number; times: number } | { kind: 'hang'; times: number } | { kind: 'ok-garbage-body' }
  /** Refuses every version of one record (a record it finds invalid), takes the others. */
  | { kind: 'refuse'; key: string; status: number };

export class Receiver {
  port = 0;
  mode: Mode = { kind: 'ok' };
  readonly deliveries: Delivery[] = [];
  /** What a real dossier system would keep: the highest revision of each record. */
  readonly records = new Map<string, ServiceRecord>();
  /** 2xx answers per idempotency key: more than one would mean the same version was taken twice. */
  readonly accepted = new Map<string, number>();
  private server: Server | null = null;
  private readonly hung: ServerResponse[] = [];

  constructor(private readonly secret: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hoso/tiep-nhan`;
  }

  async start(port = 0): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Gone: connections refused until start(port) again. */
  async stop(): Promise<void> {
    for (const res of this.hung.splice(0)) res.destroy();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const header = (name: string) => String(req.headers[name] ?? '');
    const record = JSON.parse(body) as ServiceRecord;
    const valid = header('x-luot-signature') === signature(this.secret, Number(header('x-luot-timestamp')), body);
    const delivery: Delivery = {
      idempotencyKey: header('idempotency-key'), key: header('x-luot-record-key'), revision: Number(header('x-luot-record-revision')),
      signatureValid: valid, answered: 'hung', record,
    };
    this.deliveries.push(delivery);
    const mode = this.mode;
    if (mode.kind === 'hang' && mode.times > 0) {
      mode.times -= 1;
      this.hung.push(res); // never answered: the sender must give up and try again
      return;
    }
    if (mode.kind === 'fail' && mode.times > 0) {
      mode.times -= 1;
      delivery.answered = mode.status;
      res.writeHead(mode.status, { 'content-type': 'text/plain' }).end('Lỗi hệ thống một cửa');
      return;
    }
    if (mode.kind === 'refuse' && mode.key === delivery.key) {
      delivery.answered = mode.status;
      res.writeHead(mode.status, { 'content-type': 'text/plain' }).end('Hồ sơ không hợp lệ');
      return;
    }
    if (!valid) {
      delivery.answered = 401;
      res.writeHead(401).end();
      return;
    }
    // Upsert by key, keeping the highest revision; a repeated version is acknowledged, not added.
    const known = this.records.get(delivery.key);
    if (!known || known.revision < delivery.revision) this.records.set(delivery.key, record);
    this.accepted.set(delivery.idempotencyKey, (this.accepted.get(delivery.idempotencyKey) ?? 0) + 1);
    delivery.answered = 200;
    if (mode.kind === 'ok-garbage-body') res.writeHead(200, { 'content-type': 'application/json' }).end('{{{ không phải JSON');
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  }
}
