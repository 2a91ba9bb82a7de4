// The hub link's own outbox (server/hub-link/hub-records.ts): a site with no dossier bridge at all,
// a real hub on a real PostgreSQL behind a counting proxy. The hub stops; the site serves citizens,
// takes a late rating and is itself restarted while the hub is away; the hub starts again. Then
// every record is at the hub once per key with its latest revision, and each version crossed the
// link exactly once (nothing lost, nothing sent twice once the hub had said yes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { isFinal } from '@core/ticket.ts';
import type { LinkStatus } from '../../server/hub-link/link-state.ts';
import { startPostgres } from '../helpers/postgres.ts';
import type { PgCluster } from '../helpers/postgres.ts';
import { startHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let cluster: PgCluster;
let hub: TestHub;
let site: TestServer;
let proxy: Server;
let proxyUrl = '';
/** Record versions the hub accepted (2xx), as `key@revision`, in the order they crossed. */
const accepted: string[] = [];
/** Batches the hub accepted. */
let batches = 0;

beforeAll(async () => {
  cluster = await startPostgres();
  hub = await startHub(cluster);
  // In front of the hub: counts what the hub accepted; the hub stopped reads as unreachable (502).
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const up = request(`${hub.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        const ok = (answer.statusCode ?? 500) < 300;
        if (ok && req.url === '/api/hub/records') {
          const e = JSON.parse(body.toString('utf8')) as { key: string; revision: number };
          accepted.push(`${e.key}@${e.revision}`);
        }
        if (ok && req.url === '/api/hub/records/batch') {
          batches += 1;
          for (const e of (JSON.parse(body.toString('utf8')) as { records: { key: string; revision: number }[] }).records) accepted.push(`${e.key}@${e.revision}`);
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      up.on('error', () => { if (!res.headersSent) res.writeHead(502).end(); });
      up.end(body);
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  site = await startServer();
});
afterAll(async () => {
  await site?.close();
  proxy?.closeAllConnections();
  await new Promise((r) => proxy?.close(r));
  await hub?.close();
  await cluster?.stop();
});

async function siteApi<T>(path: string, body?: unknown, user = 'admin'): Promise<{ ok: boolean; data: T }> {
  const res = await fetch(`${site.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await site.login(user)}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; data: T };
}
const linkState = async () => (await siteApi<LinkStatus>('/api/hub-link/status', undefined, 'quanly')).data;
const hubRows = async () => {
  const r = await hub.pool.query<{ key: string; revision: number }>("SELECT key, revision FROM records WHERE site_code = 'xa-bien'");
  return new Map(r.rows.map((x) => [x.key, x.revision]));
};
const outboxOf = (s: TestServer) => new Map(s.app.parts.hubLink.records.entries().map((e) => [e.key, e.rev]));

describe('the hub link’s own outbox', { timeout: 120_000 }, () => {
  it('loses nothing across a long outage and a site restart, and sends each version once', async () => {
    expect((await siteApi<LinkStatus>('/api/hub-link/enrol', { url: proxyUrl, token: await hub.createSite('xa-bien', 'UBND xã ven biển') })).data.state).toBe('up');
    // The dossier bridge is off (no EXPORT_* settings): the records go through the link's own outbox.
    expect(site.app.parts.desk.bridge.settings.apiKey).toBeNull();
    expect(existsSync(join(site.dataDir, 'export', 'outbox.log'))).toBe(false);

    const kiosk = await site.device('kiosk1');
    const officer = await site.officer(1);
    const pad = await site.device('pad1');
    await must(officer, 'counter:open', { counter: 1 });
    const serve = async (n: number, rate: boolean) => {
      const { ticket } = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: `bien-${n}-tap` });
      await must(officer, 'ticket:call', { ticketId: ticket.id });
      site.clock.advance(90_000);
      await must(officer, 'ticket:finish', { dossierCodes: [] });
      if (rate) await must(pad, 'rating:submit', { ticketId: ticket.id, score: 5 });
      return ticket.id;
    };
    const before = [await serve(0, false), await serve(1, true)];
    await expect.poll(async () => (await hubRows()).size, { timeout: 10_000 }).toBe(2);
    await expect.poll(async () => (await linkState()).pendingRecords, { timeout: 10_000 }).toBe(0);
    const atOutage = accepted.length;

    await hub.stop(); // the province's link goes down (for days, as far as the site can tell)
    const during: string[] = [];
    for (let i = 2; i < 14; i++) during.push(await serve(i, i % 3 === 0));
    // A late rating of a record the hub already has: a second revision of that key.
    await must(pad, 'rating:submit', { ticketId: before[0]!, score: 2 });
    await expect.poll(async () => (await linkState()).state, { timeout: 20_000 }).toBe('down');
    await expect.poll(async () => (await linkState()).pendingRecords, { timeout: 10_000 }).toBe(during.length + 1);

    // The site itself restarts while the hub is away: the backlog is on disk, not in memory.
    await site.restart();
    const files = (await readdir(join(site.dataDir, 'hub-outbox'))).filter((f) => !f.endsWith('.bookings.log')); // bookings: their own log
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^xa-bien-[0-9a-f]{12}\.log$/);
    expect((await linkState()).pendingRecords).toBe(during.length + 1);

    await hub.start(); // back on the same address
    const ended = Object.values(site.app.parts.queue.current.tickets).filter((t) => isFinal(t.status)).map((t) => t.id).sort();
    expect([...outboxOf(site).keys()].sort()).toEqual(ended);
    await expect.poll(async () => [...(await hubRows())].sort(), { timeout: 40_000, interval: 200 }).toEqual([...outboxOf(site)].sort());
    expect((await hubRows()).get(before[0]!)).toBe(2);
    await expect.poll(async () => (await linkState()).pendingRecords, { timeout: 10_000 }).toBe(0);

    // Each version crossed exactly once; after the outage, one per record: the 12 new ones and the late rating.
    const counts = new Map<string, number>();
    for (const a of accepted) counts.set(a, (counts.get(a) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(accepted.length - atOutage).toBe(during.length + 1);
    // The backlog went in batches, not one request per version.
    expect(batches).toBeGreaterThan(0);
    // In order per site: the backlog went in cursor order (a record's place is its latest version's),
    // across the restart too.
    const bySeq = site.app.parts.hubLink.records.entries().sort((a, b) => a.seq - b.seq).map((e) => `${e.key}@${e.rev}`);
    expect(accepted.slice(atOutage)).toEqual(bySeq.slice(-accepted.slice(atOutage).length));
  });

  it('an unlinked site records nothing for the hub and keeps serving', async () => {
    const r = await fetch(`${site.url}/api/hub-link`, { method: 'DELETE', headers: { authorization: `Bearer ${await site.login('admin')}` } });
    expect(((await r.json()) as { data: LinkStatus }).data.state).toBe('not-enrolled');
    expect(site.app.parts.hubLink.records.state()).toBeNull();
    const kiosk = await site.device('kiosk1');
    const { ticket } = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'bien-unlinked-tap' });
    await must(await site.device('kiosk1'), 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'bien-unlinked-2-tap' });
    expect(ticket.id).toBeTruthy();
    expect(site.app.parts.hubLink.records.entries()).toEqual([]);
  });
});
