// The rest of issue 17's attack findings on the REST side, each against the real server: the
// security headers of every page, no caching of a sign-in, Retry-After on 429, admin bodies over
// 16 KB answered 413, unknown fields refused at any depth, inherited names are no printer, a
// request body the server cannot read explained with `issues`, and no INTERNAL for a client's
// malformed path parameter or restore bundle.
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CenterConfig } from '@core/config.ts';
import type { AuditEntry } from '@core/protocol.ts';
import { adminApi } from '../helpers/admin-api.ts';
import { PASSWORD, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
let admin: string;
const open = async () => {
  server = await startServer();
  admin = await server.login('admin');
};
const close = async () => { await server.close(); };
/** A server of its own for each test that changes something (configuration, a throttled sign-in). */
function freshServerEach(): void {
  beforeEach(open);
  afterEach(close);
}
const api = adminApi(() => server.url, () => admin);

function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; text: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    // A connection per request: the server may close one after refusing a request it could not read.
    const req = request({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('headers', () => {
  freshServerEach();
  it('every app page: a CSP with frame-ancestors, X-Frame-Options and nosniff', async () => {
    for (const path of ['/kiosk', '/manager', '/display', '/counter', '/counter/rating', '/']) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
    // The status page keeps its own, stricter policy (a script nonce), not the apps'.
    const status = await fetch(`${server.url}/t/nothing-here`);
    expect(status.headers.get('content-security-policy')).toMatch(/script-src 'nonce-/);
  });

  it('the API answers nosniff too, and a sign-in is never cached', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'canbo1', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${admin}` } });
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('a throttled sign-in says when to retry (Retry-After, in seconds)', async () => {
    const login = (password: string) => fetch(`${server.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'canbo2', password }),
    });
    for (let i = 0; i < 5; i++) expect((await login('sai')).status).toBe(401);
    const locked = await login(PASSWORD);
    expect(locked.status).toBe(429);
    const seconds = Number(locked.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(((await locked.json()) as { message: string }).message).toContain(`${seconds} giây`);
  });
});

describe('admin bodies', () => {
  freshServerEach();
  it('over 16 KB: 413 PAYLOAD_TOO_LARGE, as documented; the whole configuration may be larger', async () => {
    const rating = (await api<CenterConfig>('GET', '/config')).body.data.rating;
    const big = await api('PUT', '/rating', { ...rating, padding: 'x'.repeat(17 * 1024) });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    const config = (await api<CenterConfig>('GET', '/config')).body.data;
    const procedures = Array.from({ length: 200 }, (_, i) => procedureLike(config, i));
    expect(JSON.stringify({ ...config, procedures }).length).toBeGreaterThan(16 * 1024);
    const wholeConfig = await api('PUT', '/config', { ...config, procedures });
    expect(wholeConfig.status).toBe(200);
  });

  it('unknown fields are refused at any depth, naming where', async () => {
    const config = (await api<CenterConfig>('GET', '/config')).body.data;
    const nested = await api('PUT', '/config', { ...config, services: [{ ...config.services[0]!, colour: 'đỏ' }, ...config.services.slice(1)] });
    expect(nested.status).toBe(400);
    expect(nested.body.code).toBe('VALIDATION_FAILED');
    expect(nested.body.issues!.map((i) => i.path)).toContain('services.0.colour');
    const top = await api('PUT', '/config', { ...config, extra: 1 });
    expect(top.status).toBe(400);
    const priority = { priorityCategories: config.priorityCategories, routing: config.routing };
    expect((await api('PUT', '/priority', priority)).status).toBe(200);
    const inRouting = await api('PUT', '/priority', { ...priority, routing: { ...priority.routing, fast: true } });
    expect(inRouting.status).toBe(400);
    expect(inRouting.body.issues!.map((i) => i.path)).toContain('routing.fast');
    const inCategory = await api('PUT', '/priority', { ...priority, priorityCategories: [{ code: 'elderly', nameVi: 'Người cao tuổi', nameEn: 'Elderly', icon: 'x' }] });
    expect(inCategory.status).toBe(400);
    // Nothing was changed by the refusals.
    expect((await api<CenterConfig>('GET', '/config')).body.data).toEqual(config);
  });

  it('a body that is not a JSON object: VALIDATION_FAILED with issues', async () => {
    for (const body of ['"chuỗi"', '42', 'null', '[1,2]']) {
      const res = await raw('PUT', '/api/admin/rating', { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body);
      expect(res.status, body).toBe(400);
      const answer = JSON.parse(res.text) as { code: string; issues?: { path: string; message: string }[] };
      expect(answer.code, body).toBe('VALIDATION_FAILED');
      expect(answer.issues?.length, body).toBeGreaterThan(0);
      expect(answer.issues![0]!.message, body).toMatch(/[ạảãáàâăđêôơư]/);
    }
  });

  it('inherited names (toString, constructor, __proto__) are no kiosk printer: 404 and no audit line', async () => {
    const before = (await api<AuditEntry[]>('GET', '/audit')).body.data.length;
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const res = await api('DELETE', `/printers/${name}`);
      expect(res.status, name).toBe(404);
      expect(res.body.code, name).toBe('NOT_FOUND');
    }
    expect((await api<AuditEntry[]>('GET', '/audit')).body.data.length).toBe(before);
  });

  it('a restore bundle whose version is an object: 400 BACKUP_INVALID, not INTERNAL', async () => {
    const res = await api('POST', '/restore', { format: 'luot-backup', version: { toString: 1 }, createdAt: 0, files: {} });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('BACKUP_INVALID');
  });
});

describe('bad percent-encoding in any /api path parameter: 400, never INTERNAL', () => {
  // Every request here is refused before it reaches a handler, so one server serves them all.
  beforeAll(open);
  afterAll(close);
  it.each([
    ['GET', '/api/tickets/%ZZ/status'],
    ['DELETE', '/api/devices/%ZZ'],
    ['PUT', '/api/admin/services/%ZZ'],
    ['DELETE', '/api/admin/services/%ZZ'],
    ['POST', '/api/admin/services/%ZZ/move-waiting'],
    ['PUT', '/api/admin/departments/%ZZ'],
    ['DELETE', '/api/admin/departments/%ZZ'],
    ['PUT', '/api/admin/counters/%ZZ'],
    ['DELETE', '/api/admin/counters/%ZZ'],
    ['PATCH', '/api/admin/users/%ZZ'],
    ['POST', '/api/admin/users/%ZZ/password'],
    ['POST', '/api/admin/devices/%ZZ/token'],
    ['DELETE', '/api/admin/devices/%ZZ'],
    ['PUT', '/api/admin/printers/%ZZ'],
    ['DELETE', '/api/admin/printers/%ZZ'],
    ['POST', '/api/admin/printers/%ZZ/test'],
    ['GET', '/api/manager/reports/export.%ZZ'],
  ])('%s %s', async (method, path) => {
    const res = await raw(method, path, { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, '{}');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });
});

/** A procedure of the test center's first service, to make the whole configuration large. */
function procedureLike(config: CenterConfig, i: number): unknown {
  const service = config.services[0]!;
  return {
    code: `1.00${String(i).padStart(4, '0')}`, name: `Thủ tục thử số ${i} về đất đai và hộ tịch`,
    serviceCode: service.code, departmentCode: service.departmentCode,
  };
}
