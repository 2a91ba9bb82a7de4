// Real local HTTP receivers speaking the two message contracts (docs/messages.md), for the
// messages tests: a generic SMS gateway (JSON { to, text, ref } with a bearer key; answers
// {"status":"OK"}) and Zalo ZNS (POST with an `access_token` header and { phone: "84…",
// template_id, template_data, tracking_id }; answers { error: 0, message, data: { msg_id } } or a
// non-zero error). Each can be told to fail with a status, hang, answer garbage, or go away; each
// counts what it accepted per idempotency key, so a duplicate shows.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceiverMode =
  | { kind: 'ok' }
  | { kind: 'fail'; status: number; times: number }
  | { kind: 'hang'; times: number }
  | { kind: 'garbage'; times: number }
  /** ZNS: an HTTP 200 carrying a non-zero error. */
  | { kind: 'refuse'; error: number; message: string; times: number };

export interface Received {
  phone: string;
  text: string;
  key: string;
  /** ZNS only. */
  templateId?: string;
  data?: Record<string, string>;
  answered: number | 'hung' | 'refused';
}

abstract class Receiver {
  port = 0;
  mode: ReceiverMode = { kind: 'ok' };
  /** Every request, as it came. */
  readonly requests: Received[] = [];
  /** Accepted messages per idempotency key. */
  readonly accepted = new Map<string, number>();
  private server: Server | null = null;
  private readonly hung: ServerResponse[] = [];

  abstract get url(): string;

  async start(port = 0): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    for (const res of this.hung.splice(0)) res.destroy();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Accepted messages to a phone (in the receiver's own form). */
  acceptedTo(phone: string): Received[] {
    return this.requests.filter((r) => r.phone === phone && r.answered === 200);
  }

  /** Whatever happens to the request is decided by the mode; true when it was accepted. */
  protected answer(res: ServerResponse, got: Received, ok: () => void): void {
    this.requests.push(got);
    const mode = this.mode;
    const once = (m: { times: number }) => { m.times -= 1; if (m.times <= 0) this.mode = { kind: 'ok' }; };
    if (mode.kind === 'hang') { once(mode); this.hung.push(res); return; }
    if (mode.kind === 'fail') {
      once(mode);
      got.answered = mode.status;
      res.writeHead(mode.status, { 'content-type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    if (mode.kind === 'garbage') {
      once(mode);
      got.answered = 'refused';
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    if (mode.kind === 'refuse') {
      once(mode);
      got.answered = 'refused';
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ error: mode.error, message: mode.message }));
      return;
    }
    got.answered = 200;
    this.accepted.set(got.key, (this.accepted.get(got.key) ?? 0) + 1);
    ok();
  }

  protected async read(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export class SmsGateway extends Receiver {
  constructor(readonly apiKey: string) { super(); }

  get url(): string {
    return `http://127.0.0.1:${this.port}/sms/send`;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.read(req);
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"status":"ERR","reason":"bad key"}');
      return;
    }
    let json: { to?: unknown; text?: unknown; ref?: unknown } = {};
    try { json = JSON.parse(body) as typeof json; } catch { /* checked below */ }
    if (typeof json.to !== 'string' || typeof json.text !== 'string') {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"status":"ERR","reason":"to and text required"}');
      return;
    }
    const got: Received = { phone: json.to, text: json.text, key: String(json.ref ?? req.headers['idempotency-key'] ?? ''), answered: 'hung' };
    this.answer(res, got, () => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"status":"OK","id":"${this.requests.length}"}`));
  }
}

export class ZnsReceiver extends Receiver {
  constructor(readonly accessToken: string) { super(); }

  get url(): string {
    return `http://127.0.0.1:${this.port}/message/template`;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.read(req);
    const reply = (json: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    // Zalo answers its refusals with HTTP 200 and a negative error.
    if (req.method !== 'POST' || req.url !== '/message/template') return void res.writeHead(404).end();
    if (req.headers.access_token !== this.accessToken) return void reply({ error: -124, message: 'Access token is invalid' });
    let json: { phone?: unknown; template_id?: unknown; template_data?: unknown; tracking_id?: unknown } = {};
    try { json = JSON.parse(body) as typeof json; } catch { return void reply({ error: -100, message: 'Body is not JSON' }); }
    if (typeof json.phone !== 'string' || !/^84\d{9}$/.test(json.phone)) return void reply({ error: -108, message: 'Phone number is invalid' });
    if (typeof json.template_id !== 'string' || json.template_id === '') return void reply({ error: -1123, message: 'Template id is invalid' });
    if (!json.template_data || typeof json.template_data !== 'object') return void reply({ error: -1124, message: 'Template data is invalid' });
    if (typeof json.tracking_id !== 'string' || json.tracking_id.length > 48) return void reply({ error: -1125, message: 'tracking_id is invalid' });
    const data = json.template_data as Record<string, string>;
    const got: Received = { phone: json.phone, text: Object.values(data).join(' | '), key: json.tracking_id, templateId: json.template_id, data, answered: 'hung' };
    this.answer(res, got, () => reply({ error: 0, message: 'Success', data: { msg_id: `msg-${this.requests.length}`, sent_time: String(Date.now()), quota: { dailyQuota: '500', remainingQuota: '499' } } }));
  }
}
