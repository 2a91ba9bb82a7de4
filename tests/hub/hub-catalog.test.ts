// One catalog for the province (core/hub-catalog.ts, hub/catalog.ts, server/hub-link/catalog-sync.ts):
// a real hub on a real PostgreSQL and two real sites. The hub's admin publishes versions (validated,
// idempotent, audited); the sites pull them, apply them through their validated live-configuration
// path keeping their local parts, and report back; a version a site refuses changes nothing there
// and reaches the hub with its reason; a version published while a site's link is down arrives when
// the link returns, and the site keeps working with its last copy meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvinceCatalogInput } from '@core/hub-catalog.ts';
import type { Service } from '@core/config.ts';
import { Catalog } from '../../hub/catalog.ts';
import type { SiteCatalogState } from '../../hub/catalog.ts';
import type { LinkStatus } from '../../server/hub-link/link-state.ts';
import { startPostgres } from '../helpers/postgres.ts';
import type { PgCluster } from '../helpers/postgres.ts';
import { startHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let cluster: PgCluster;
let hub: TestHub;
let a: TestServer;
let b: TestServer;
const ADMIN = { id: 'admin', username: 'admin' };

beforeAll(async () => {
  cluster = await startPostgres();
  hub = await startHub(cluster);
  a = await startServer();
  b = await startServer();
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await hub?.close();
  await cluster?.stop();
});

async function siteApi<T>(s: TestServer, path: string, body?: unknown, user = 'admin'): Promise<{ ok: boolean; data: T }> {
  const res = await fetch(`${s.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await s.login(user)}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; data: T };
}
const status = async (s: TestServer) => (await siteApi<LinkStatus>(s, '/api/hub-link/status', undefined, 'quanly')).data;
const service = (s: TestServer, code: string) => s.app.parts.configs.current.services.find((x) => x.code === code);
const publish = (catalog: ProvinceCatalogInput, token = hub.adminToken) =>
  hub.api<{ version: number; created: boolean }>('/api/hub/catalog', { method: 'PUT', body: catalog, token });
const hubSites = async () => (await hub.api<{ sites: SiteCatalogState[] }>('/api/hub/catalog', { token: hub.managerToken })).body.data.sites;

function catalog(version: 1 | 2 | 3): ProvinceCatalogInput {
  const services: Omit<Service, 'windows' | 'dailyCap' | 'resultReturn'>[] = [
    { code: 'DATDAI', departmentCode: 'STNMT', nameVi: 'Đất đai (tỉnh)', nameEn: 'Land', prefix: 'A', targetWaitMin: 25, defaultServiceMin: 8, order: 0, active: true },
    { code: 'HOTICH', departmentCode: 'STP', nameVi: 'Hộ tịch', nameEn: 'Civil status', prefix: 'B', targetWaitMin: 20, defaultServiceMin: 8, order: 1, active: true },
    { code: 'LLTP', departmentCode: 'STP', nameVi: 'Lý lịch tư pháp', nameEn: 'Judicial records', prefix: 'C', targetWaitMin: 20, defaultServiceMin: 8, order: 2, active: true },
    { code: 'CHIEU', departmentCode: 'STP', nameVi: 'Chứng thực', nameEn: 'Attestation', prefix: 'W', targetWaitMin: 20, defaultServiceMin: 8, order: 3, active: true },
    { code: 'XAYDUNG', departmentCode: 'SXD', nameVi: 'Xây dựng', nameEn: 'Construction', prefix: 'X', targetWaitMin: 20, defaultServiceMin: 10, order: 4, active: true },
  ];
  if (version >= 2) services.push({ code: 'NONGNGHIEP', departmentCode: 'SXD', nameVi: 'Nông nghiệp', nameEn: 'Agriculture', prefix: 'Y', targetWaitMin: 20, defaultServiceMin: 8, order: 5, active: true });
  return {
    departments: [
      { code: 'STNMT', nameVi: 'Sở Nông nghiệp và Môi trường', nameEn: 'Agriculture and Environment', kind: 'department', order: 0 },
      { code: 'STP', nameVi: 'Sở Tư pháp', nameEn: 'Justice', kind: 'department', order: 1 },
      { code: 'SXD', nameVi: 'Sở Xây dựng', nameEn: 'Construction', kind: 'department', order: 2 },
    ],
    services,
    procedures: [
      { code: '1.000656', name: 'Đăng ký khai sinh', serviceCode: 'HOTICH', departmentCode: 'STP' },
      { code: '1.001193', name: 'Cấp giấy phép xây dựng', serviceCode: 'XAYDUNG', departmentCode: 'SXD' },
      ...(version === 3 ? [{ code: '1.004227', name: 'Đăng ký kết hôn', serviceCode: 'HOTICH', departmentCode: 'STP' }] : []),
    ],
    synonyms: [{ terms: ['sổ đỏ'], expansion: 'giấy chứng nhận quyền sử dụng đất', targets: ['DATDAI'] }],
    ratingReasons: [
      { code: 'attitude', nameVi: 'Thái độ cán bộ', nameEn: 'Officer attitude' },
      { code: 'online', nameVi: 'Chưa hướng dẫn nộp trực tuyến', nameEn: 'No help to apply online' },
    ],
  };
}

describe('one catalog for the province', { timeout: 120_000 }, () => {
  it('publishes versions only as an admin, validated and idempotent', async () => {
    expect((await publish(catalog(1), hub.managerToken)).status).toBe(403);
    const bad = await publish({ ...catalog(1), departments: catalog(1).departments.filter((d) => d.code !== 'SXD') });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/không có sở, ngành SXD/);
    const first = await publish(catalog(1));
    expect(first.body.data).toEqual({ version: 1, created: true });
    expect((await publish(catalog(1))).body.data).toEqual({ version: 1, created: false });
    expect((await hub.api('/api/hub/catalog', { token: null })).status).toBe(401);
  });

  it('sites pull it when enrolled and apply it through their own validated path, keeping their local parts', async () => {
    // A local part before any catalog: site A's own issuing window on DATDAI and cap on HOTICH.
    const datdai = service(a, 'DATDAI')!;
    expect((await a.app.parts.configs.change(ADMIN, { type: 'service:put', service: { ...datdai, windows: [{ start: '07:30', end: '10:00' }] } })).ok).toBe(true);
    expect((await a.app.parts.configs.change(ADMIN, { type: 'service:put', service: { ...service(a, 'HOTICH')!, dailyCap: 40 } })).ok).toBe(true);
    const countersBefore = a.app.parts.configs.current.counters;
    for (const [s, code] of [[a, 'xa-a'], [b, 'xa-b']] as const) {
      const token = await hub.createSite(code, `Trung tâm ${code}`);
      expect((await siteApi<LinkStatus>(s, '/api/hub-link/enrol', { url: hub.url, token })).ok).toBe(true);
      await expect.poll(async () => (await status(s)).catalogVersion, { timeout: 15_000 }).toBe(1);
    }
    const cfg = a.app.parts.configs.current;
    expect(service(a, 'DATDAI')).toMatchObject({ nameVi: 'Đất đai (tỉnh)', targetWaitMin: 25, windows: [{ start: '07:30', end: '10:00' }] });
    expect(service(a, 'HOTICH')!.dailyCap).toBe(40);
    expect(service(a, 'CHIEU')).toMatchObject({ nameVi: 'Chứng thực', windows: [{ start: '13:00', end: '14:00' }] });
    expect(service(a, 'XAYDUNG')).toMatchObject({ prefix: 'X', departmentCode: 'SXD', windows: null, dailyCap: null });
    expect(cfg.departments.find((d) => d.code === 'STNMT')!.nameVi).toBe('Sở Nông nghiệp và Môi trường');
    expect(cfg.procedures.map((p) => p.code)).toEqual(['1.000656', '1.001193']);
    expect(cfg.synonyms).toEqual(catalog(1).synonyms);
    // The hub's reasons (the hub's wording wins for 'attitude'), then the site's own.
    expect(cfg.rating.reasons.slice(0, 2).map((r) => r.nameVi)).toEqual(['Thái độ cán bộ', 'Chưa hướng dẫn nộp trực tuyến']);
    expect(cfg.rating.reasons.map((r) => r.code)).toContain('waiting-time');
    expect(cfg.counters).toEqual(countersBefore);
    // Live: a kiosk can take a ticket for the province's new service at once.
    const kiosk = await a.device('kiosk1');
    const { ticket } = await must(kiosk, 'ticket:issue', { serviceCode: 'XAYDUNG', requestId: 'catalog-1-tap' });
    expect(ticket.number).toMatch(/^X-/);
    // Audited on the site (who: the province hub, which version) and at the hub.
    const siteAudit = await a.app.parts.configs.audit.recent(20);
    expect(siteAudit.find((e) => e.action === 'catalog:put')).toMatchObject({ target: 'catalog v1', actor: { username: 'may-chu-tinh' } });
    await expect.poll(async () => (await hubSites()).map((x) => [x.site, x.version, x.status]), { timeout: 10_000 })
      .toEqual([['xa-a', 1, 'applied'], ['xa-b', 1, 'applied']]);
    const audit = (await hub.api<{ actor: string; action: string; target: string }[]>('/api/hub/audit')).body.data;
    expect(audit.map((e) => `${e.actor} ${e.action} ${e.target}`)).toEqual(expect.arrayContaining([
      'admin catalog:publish v1', 'site:xa-a catalog:applied v1', 'site:xa-b catalog:applied v1',
    ]));
  });

  it('a version a site refuses changes nothing there and reaches the hub with the reason; a local edit of a shared item gives way', async () => {
    // Site B's own service uses the letter the province gives its new service in version 2.
    expect((await b.app.parts.configs.change(ADMIN, { type: 'service:put', service: {
      code: 'DIAPHUONG', departmentCode: 'STP', nameVi: 'Việc riêng của xã', nameEn: 'Local matters', prefix: 'Y',
      dailyCap: null, windows: null, targetWaitMin: 20, defaultServiceMin: 8, order: 9, active: true, resultReturn: false,
    } })).ok).toBe(true);
    // Site A renames a shared service locally.
    expect((await a.app.parts.configs.change(ADMIN, { type: 'service:put', service: { ...service(a, 'HOTICH')!, nameVi: 'Hộ tịch (đặt ở xã)' } })).ok).toBe(true);
    const bBefore = structuredClone(b.app.parts.configs.current);

    expect((await publish(catalog(2))).body.data).toEqual({ version: 2, created: true });
    a.app.parts.hubLink.catalog.check();
    b.app.parts.hubLink.catalog.check();
    await expect.poll(async () => (await status(a)).catalogVersion, { timeout: 15_000 }).toBe(2);
    await expect.poll(async () => (await status(b)).catalogProblem?.vi ?? null, { timeout: 15_000 }).toMatch(/Chưa áp dụng danh mục dùng chung phiên bản 2/);
    expect((await status(b)).catalogVersion).toBe(1);
    // Not half-applied: site B is exactly as it was.
    expect(b.app.parts.configs.current).toEqual(bBefore);
    expect(service(a, 'HOTICH')!.nameVi).toBe('Hộ tịch');
    expect(service(a, 'NONGNGHIEP')).toBeDefined();
    await expect.poll(async () => (await hubSites()).find((x) => x.site === 'xa-b'), { timeout: 10_000 })
      .toMatchObject({ version: 2, status: 'refused', reason: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/tiền tố/) } });
    // Refused once is reported once, however often the site looks again.
    b.app.parts.hubLink.catalog.check();
    await b.app.parts.hubLink.catalog.settled();
    const refusals = await hub.pool.query("SELECT count(*)::int AS n FROM hub_audit WHERE actor = 'site:xa-b' AND action = 'catalog:refused'");
    expect(refusals.rows[0].n).toBe(1);
  });

  it('a version published while the link is down arrives when it returns; meanwhile the site works with its last copy', async () => {
    await hub.stop();
    const kiosk = await a.device('kiosk1');
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'catalog-down-tap' });
    await expect.poll(async () => (await status(a)).state, { timeout: 20_000 }).toBe('down');
    // Published at the hub while site A cannot reach it (the hub's database is there, its door is not).
    expect(await new Catalog(hub.pool).publish(catalog(3) as Parameters<Catalog['publish']>[0], 'admin')).toEqual({ version: 3, created: true });
    const { ticket } = await must(kiosk, 'ticket:issue', { serviceCode: 'NONGNGHIEP', requestId: 'catalog-down-2-tap' });
    expect(ticket.number).toMatch(/^Y-/);
    expect((await status(a)).catalogVersion).toBe(2);

    await hub.start();
    await expect.poll(async () => (await status(a)).catalogVersion, { timeout: 40_000, interval: 200 }).toBe(3);
    expect(a.app.parts.configs.current.procedures.map((p) => p.code)).toContain('1.004227');
    // Restarted, the site knows what it applied and does not apply it again.
    const applied = async () => (await a.app.parts.configs.audit.recent(100)).filter((e) => e.action === 'catalog:put').length;
    const before = await applied();
    await a.restart();
    await a.app.parts.hubLink.catalog.settled();
    expect((await status(a)).catalogVersion).toBe(3);
    expect(await applied()).toBe(before);
  });
});
