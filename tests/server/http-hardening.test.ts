// What the attack tests of issue 17 found on the HTTP side, each reproduced against the real
// server: no error page shows a stack or a path, a request the server cannot read is a 400 (not
// INTERNAL), signing out closes that sign-in's open sockets, and a revoked device hears so.
import { gzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, nextEvent, PASSWORD, send, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeEach(async () => { server = await startServer(); });
afterEach(async () => { await server.close(); });

/** A raw request: fetch refuses to send some of these (bad encodings), node:http does not. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<{ status: number; text: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const login = async (username: string) => {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  return ((await res.json()) as { data: { token: string } }).data.token;
};

describe('errors a client causes', () => {
  it('bad percent-encoding in a page or file address: 400, no stack, no path', async () => {
    for (const path of ['/t/%ZZ', '/audio/%ZZ', '/audio/%ZZ.wav']) {
      const res = await raw('GET', path);
      expect(res.status, path).toBe(400);
      expect(res.text, path).not.toMatch(/URIError|\bat \w|\/work\/|node_modules|server\//);
    }
  });

  it('bad percent-encoding in an API path parameter or the session cookie: 400 or 401, never INTERNAL', async () => {
    const status = await raw('GET', '/api/tickets/%ZZ/status');
    expect(status.status).toBe(400);
    expect(JSON.parse(status.text)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const me = await raw('GET', '/api/auth/me', { cookie: 'luot_session=%ZZ' });
    expect(me.status).toBe(401);
    expect(JSON.parse(me.text)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a body claiming gzip that is not gzip, or in an unknown charset: VALIDATION_FAILED; real gzip still works', async () => {
    const json = Buffer.from(JSON.stringify({ username: 'canbo1', password: PASSWORD }));
    const notGzip = await raw('POST', '/api/auth/login', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, json);
    expect(notGzip.status).toBe(400);
    expect(JSON.parse(notGzip.text)).toMatchObject({ code: 'VALIDATION_FAILED' });
    const latin1 = await raw('POST', '/api/auth/login', { 'content-type': 'application/json; charset=latin1' }, json);
    expect(latin1.status).toBe(400);
    const gzip = await raw('POST', '/api/auth/login', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync(json));
    expect(gzip.status).toBe(200);
  });
});

describe('sessions and devices', () => {
  it('signing out closes the open sockets of that sign-in at once, and only those', async () => {
    const first = await login('canbo1');
    const second = await login('canbo1');
    const a = await connect(server.url, { sessionToken: first });
    const b = await connect(server.url, { sessionToken: second });
    const closed = nextEvent(a, 'disconnect' as never, 5_000);
    await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${first}` } });
    await closed;
    expect(a.connected).toBe(false);
    // The other sign-in still works, and the signed-out socket cannot act any more.
    expect((await send(b, 'counter:open', { counter: 1 })).ok).toBe(true);
    expect((await send(a, 'counter:open', { counter: 2 }, 1_000)).ok).toBe(false);
  });

  it('a revoked kiosk token on REST: DEVICE_REVOKED, not "sign in"', async () => {
    const admin = await login('admin');
    const devices = (await (await fetch(`${server.url}/api/devices`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { data: { id: string; name: string }[] };
    const kiosk = devices.data.find((d) => d.name === 'kiosk1')!;
    const token = server.deviceTokens.kiosk1!;
    await fetch(`${server.url}/api/devices/${kiosk.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
    const res = await fetch(`${server.url}/api/tickets`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ serviceCode: 'DATDAI', priority: null, requestId: 'revoked-kiosk-1' }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, code: 'DEVICE_REVOKED' });
    // A token nobody ever had stays plain UNAUTHENTICATED.
    const unknown = await fetch(`${server.url}/api/tickets`, { method: 'POST', headers: { authorization: 'Bearer x'.padEnd(40, 'y') } });
    expect(await unknown.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
