// Three real sites (createApp on port 0, lowdb in temp folders) and a real hub on a real PostgreSQL:
// enrolled through the sites' admin API, serving citizens while the hub goes down and comes back on
// the same port. Afterwards every record of every site is at the hub exactly once per key with its
// latest revision, the hub's report equals each site's own report, the hub's live view follows the
// floor, and a revoked site is refused and says so to its manager.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Figures, Report } from '@core/reports.ts';
import { isFinal } from '@core/ticket.ts';
import type { LinkStatus } from '../../server/hub-link/link-state.ts';
import type { HubReport } from '../../hub/reports.ts';
import { startPostgres } from '../helpers/postgres.ts';
import type { PgCluster } from '../helpers/postgres.ts';
import { startHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { connect, must, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';

const TODAY = '2026-11-23';
let cluster: PgCluster;
let hub: TestHub;
const sites: { code: string; server: TestServer; kiosk: Client; officers: Client[]; pad: Client; manager: Client }[] = [];
let tap = 0;

beforeAll(async () => {
  cluster = await startPostgres();
  hub = await startHub(cluster);
});
afterAll(async () => {
  for (const s of sites) await s.server.close();
  await hub?.close();
  await cluster?.stop();
});

async function api<T>(s: TestServer, path: string, init: { method?: string; body?: unknown; user?: string } = {}): Promise<{ status: number; body: { ok: boolean; data: T; code?: string; message?: string } }> {
  const res = await fetch(`${s.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await s.login(init.user ?? 'admin')}` },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: await res.json() };
}
const link = async (s: TestServer) => (await api<LinkStatus>(s, '/api/hub-link/status', { user: 'quanly' })).body.data;

/** A citizen through counter n of a site: issued, called, served (some rated, some with dossier codes), or a no-show. */
async function citizen(site: (typeof sites)[number], i: number): Promise<void> {
  const service = i % 3 === 0 ? 'HOTICH' : 'DATDAI';
  const officer = service === 'HOTICH' ? site.officers[1]! : site.officers[i % 2]!;
  const { ticket } = await must(site.kiosk, 'ticket:issue', { serviceCode: service, requestId: `hub-${++tap}-tap` });
  site.server.clock.advance((i % 7) * 60_000);
  await must(officer, 'ticket:call', { ticketId: ticket.id });
  if (i % 5 === 4) {
    await must(officer, 'ticket:no-show', {});
    return;
  }
  site.server.clock.advance(2 * 60_000);
  await must(officer, 'ticket:finish', { dossierCodes: i % 2 === 0 ? [`000.00.12.H36-261123-${String(i).padStart(4, '0')}`] : [] });
  if (i % 4 === 0 && officer === site.officers[0]) await must(site.pad, 'rating:submit', { ticketId: ticket.id, score: 1 + (i % 5) });
}

/** What the site's hub outbox holds: every record key with its latest revision. */
function siteRecords(s: TestServer): Map<string, number> {
  return new Map(s.app.parts.hubLink.records.entries().map((e) => [e.key, e.rev]));
}
async function hubRecords(code: string): Promise<Map<string, number>> {
  const r = await hub.pool.query<{ key: string; revision: number }>('SELECT key, revision FROM records WHERE site_code = $1', [code]);
  return new Map(r.rows.map((x) => [x.key, x.revision]));
}

describe('three sites and a province hub', { timeout: 120_000 }, () => {
  it('enrols the sites through their admin API; wrong tokens and non-admins are refused', async () => {
    for (const code of ['xa-mot', 'xa-hai', 'phuong-ba']) {
      // No dossier bridge at all: the hub link keeps its own outbox.
      const server = await startServer();
      const token = await hub.createSite(code, `Trung tâm ${code}`);
      expect((await api(server, '/api/hub-link/enrol', { body: { url: hub.url, token }, user: 'quanly' })).status).toBe(403);
      const wrong = await api(server, '/api/hub-link/enrol', { body: { url: hub.url, token: 'x'.repeat(32) } });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('HUB_ENROL_FAILED');
      expect(wrong.body.message).toMatch(/Mã đăng ký không đúng/);
      expect((await api(server, '/api/hub-link/enrol', { body: { url: 'ftp://x', token } })).status).toBe(400);
      const ok = await api<LinkStatus>(server, '/api/hub-link/enrol', { body: { url: hub.url + '/', token } });
      expect(ok.body.data).toMatchObject({ state: 'up', site: code, url: hub.url });
      const [kiosk, o1, o2, pad, manager] = await Promise.all([
        server.device('kiosk1'), server.officer(1), server.officer(2), server.device('pad1'),
        connect(server.url, { sessionToken: await server.login('quanly') }),
      ]);
      await must(o1, 'counter:open', { counter: 1 });
      await must(o2, 'counter:open', { counter: 2 });
      sites.push({ code, server, kiosk, officers: [o1, o2], pad, manager });
    }
    const listed = await hub.api<{ code: string; enrolled: boolean }[]>('/api/hub/sites', { token: hub.managerToken });
    expect(listed.body.data.filter((s) => s.enrolled).map((s) => s.code).sort()).toEqual(['phuong-ba', 'xa-hai', 'xa-mot']);
  });

  it('delivers every record once per key with its latest revision across a hub outage and restart', async () => {
    for (const [n, site] of sites.entries()) for (let i = 0; i < 6 + n; i++) await citizen(site, i);
    await expect.poll(async () => (await hubRecords('xa-mot')).size, { timeout: 20_000 }).toBe((siteRecords(sites[0]!.server)).size);

    await hub.stop(); // the province's link goes down
    for (const [n, site] of sites.entries()) for (let i = 10; i < 16 + n; i++) await citizen(site, i);
    // A late rating of a record the hub already has: revision 2, to be delivered when the hub returns.
    const atHub = await hubRecords('xa-hai');
    const early = Object.values(sites[1]!.server.app.parts.queue.current.tickets)
      .find((t) => atHub.has(t.id) && t.status === 'done' && t.counter === 1 && t.rating === null)!;
    await must(sites[1]!.pad, 'rating:submit', { ticketId: early.id, score: 2 });
    for (const site of sites) await expect.poll(async () => (await link(site.server)).state, { timeout: 20_000 }).toBe('down');
    expect((await link(sites[0]!.server)).text.vi).toMatch(/Mất kết nối với máy chủ tỉnh/);

    await hub.start(); // back on the same address
    for (const site of sites) {
      // Every ended ticket of the site is in its hub outbox (nothing depends on the dossier bridge).
      const ended = Object.values(site.server.app.parts.queue.current.tickets).filter((t) => isFinal(t.status));
      await expect.poll(() => siteRecords(site.server).size, { timeout: 10_000 }).toBe(ended.length);
      const expected = siteRecords(site.server);
      await expect.poll(async () => [...(await hubRecords(site.code))].sort(), { timeout: 30_000 }).toEqual([...expected].sort());
      await expect.poll(async () => (await link(site.server)).state, { timeout: 20_000 }).toBe('up');
    }
    expect((await hubRecords('xa-hai')).get(early.id)).toBe(2);
    const dupes = await hub.pool.query('SELECT site_code, key, count(*) FROM records GROUP BY 1, 2 HAVING count(*) > 1');
    expect(dupes.rows).toEqual([]);
  });

  it('the province report equals each site’s own report for the same day', async () => {
    for (const site of sites) {
      const res = await api<{ report: Report }>(site.server, `/api/manager/reports?from=${TODAY}&to=${TODAY}`, { user: 'quanly' });
      const own = res.body.data.report;
      const province = (await hub.api<HubReport>(`/api/hub/report?from=${TODAY}&to=${TODAY}&sites=${site.code}`, { token: hub.managerToken })).body.data;
      const { dossierRated: _d, dossierSatisfiedShare: _s, ...figures } = province.totals;
      expect(figures).toEqual(own.totals);
      // The figures alone (names and the hub's extra dossier counts aside), keyed.
      const strip = (g: Figures & { key: string }) => ({
        key: g.key, issued: g.issued, served: g.served, noShow: g.noShow, cancelled: g.cancelled, expired: g.expired,
        transferred: g.transferred, wait: g.wait, service: g.service, withinTarget: g.withinTarget, rating: g.rating,
      });
      expect(province.byOfficer.filter((g) => g.site === site.code).map(strip)).toEqual(own.byOfficer.map(strip).sort((a, b) => a.key.localeCompare(b.key)));
      expect(province.bySiteDepartment.filter((g) => g.site === site.code).map(strip)).toEqual(own.byDepartment.map(strip).sort((a, b) => a.key.localeCompare(b.key)));
    }
    const all = (await hub.api<HubReport>(`/api/hub/report?from=${TODAY}&to=${TODAY}`, { token: hub.managerToken })).body.data;
    expect(all.bySite.map((s) => s.key)).toEqual(['phuong-ba', 'xa-hai', 'xa-mot']);
    expect(all.totals.issued).toBe(all.bySite.reduce((n, s) => n + s.issued, 0));
    expect(all.totals.dossierRated).toBeGreaterThan(0);
  });

  it('shows a site’s floor at the hub within seconds of a ticket', async () => {
    const site = sites[2]!;
    await must(site.kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: `hub-${++tap}-tap` });
    const waitingAtSite = site.server.app.parts.desk.live().totals.waiting;
    expect(waitingAtSite).toBeGreaterThan(0);
    await expect.poll(async () => {
      const view = await hub.api<{ sites: { code: string; link: string; floor: { totals: { waiting: number } } | null }[] }>('/api/hub/overview', { token: hub.managerToken });
      return view.body.data.sites.find((s) => s.code === site.code)?.floor?.totals.waiting;
    }, { timeout: 5_000, interval: 100 }).toBe(waitingAtSite);
  });

  it('a revoked site is refused and its manager sees it; re-enrolled, it catches up', async () => {
    const site = sites[0]!;
    expect((await hub.api(`/api/hub/sites/${site.code}/revoke`, { body: {} })).body.ok).toBe(true);
    await citizen(site, 30);
    await expect.poll(async () => (await link(site.server)).state, { timeout: 20_000 }).toBe('revoked');
    expect((await link(site.server)).text.vi).toMatch(/thu hồi/);
    const before = await hubRecords(site.code);
    expect(before.size).toBeLessThan((siteRecords(site.server)).size);
    const { body } = await hub.api<{ enrolmentToken: string }>(`/api/hub/sites/${site.code}/enrolment`, { body: {} });
    expect((await api(site.server, '/api/hub-link/enrol', { body: { url: hub.url, token: body.data.enrolmentToken } })).body.ok).toBe(true);
    const expected = siteRecords(site.server);
    await expect.poll(async () => [...(await hubRecords(site.code))].sort(), { timeout: 20_000 }).toEqual([...expected].sort());
  });
});
