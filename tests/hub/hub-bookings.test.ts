// A site's bookings at the province hub (server/hub-link/hub-bookings.ts → POST /api/hub/bookings →
// the hub's `bookings` table): a real site, a real hub on a real PostgreSQL behind a counting proxy.
// Bookings made before enrolment (today's and later ones go, a past one does not); a check-in, a
// first call and a cancellation arrive as new revisions and win; the hub stopped while bookings are
// made, moved and cancelled and the site restarted → every version crosses once, the latest wins;
// the hub's booking figures equal the site's own booking report; a forged identity is refused; the
// citizen's phone and ID never reach the hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { BookingFigures } from '@core/booking/report.ts';
import type { BookingCheckedIn } from '@core/protocol.ts';
import type { LinkStatus } from '../../server/hub-link/link-state.ts';
import type { HubBookingReport } from '../../hub/bookings-report.ts';
import { startPostgres } from '../helpers/postgres.ts';
import type { PgCluster } from '../helpers/postgres.ts';
import { startHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { at, book, phone } from '../booking/helpers.ts';

let cluster: PgCluster;
let hub: TestHub;
let site: TestServer;
let proxy: Server;
let proxyUrl = '';
/** Booking versions the hub accepted (2xx), as `key@revision`, in the order they crossed. */
const accepted: string[] = [];
/** While set, the proxy answers POST /api/hub/bookings 404 as a hub from before bookings does. */
let olderHub = false;
let refusedAsOlder = 0;

beforeAll(async () => {
  cluster = await startPostgres();
  hub = await startHub(cluster);
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (olderHub && req.url === '/api/hub/bookings') {
        refusedAsOlder += 1;
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, code: 'NOT_FOUND', message: 'Không tìm thấy' }));
        return;
      }
      const up = request(`${hub.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        if ((answer.statusCode ?? 500) < 300 && req.url === '/api/hub/bookings') {
          const e = JSON.parse(body.toString('utf8')) as { key: string; revision: number };
          accepted.push(`${e.key}@${e.revision}`);
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
interface HubRow { key: string; revision: number; status: string; ticket_called_at: string | null; body: Record<string, unknown> }
const hubRows = async () => {
  const r = await hub.pool.query<HubRow>("SELECT key, revision, status, ticket_called_at, body FROM bookings WHERE site_code = 'xa-hen'");
  return new Map(r.rows.map((x) => [x.key, x]));
};
const hubRevisions = async () => new Map([...(await hubRows())].map(([k, r]) => [k, r.revision]));
const siteOutbox = () => new Map(site.app.parts.hubLink.bookings.entries().map((e) => [e.key, e.rev]));
const siteStatus = (code: string) => site.app.parts.bookings.get(code)!.status;

describe('bookings at the province hub', { timeout: 120_000 }, () => {
  it('sends today’s and later bookings at enrolment, not the past; changes arrive as new revisions and win', async () => {
    // A booking of last Friday, missed before the site was linked: the province is not sent the past.
    site.clock.t = at('08:00', '2026-11-20');
    const past = await book(site, { slot: '10:00', day: '2026-11-20', n: 9 });
    site.clock.t = at('09:00');
    expect(await site.app.parts.bookings.sweep()).toBeGreaterThanOrEqual(1);
    const today = await book(site, { slot: '10:00', n: 1 });
    const tomorrow = await book(site, { slot: '10:00', day: '2026-11-24', n: 2 });

    const token = await hub.createSite('xa-hen', 'UBND xã Hẹn');
    expect((await siteApi<LinkStatus>('/api/hub-link/enrol', { url: proxyUrl, token })).data.state).toBe('up');
    await expect.poll(async () => [...(await hubRevisions())].sort(), { timeout: 10_000 }).toEqual([[today.code, 1], [tomorrow.code, 1]].sort());
    expect((await hubRows()).has(past.code)).toBe(false);

    // The hub keeps what the province counts, never the citizen's phone, name or ID.
    const row = (await hubRows()).get(today.code)!;
    expect(row.body).toMatchObject({ code: today.code, serviceCode: 'DATDAI', status: 'booked', day: '2026-11-23', ticket: null });
    const text = JSON.stringify(row.body);
    expect(text).not.toContain(today.phone);
    expect(text).not.toContain(today.phone.slice(-6));
    expect(text).not.toContain(today.idHash);
    expect(Object.keys(row.body)).not.toContain('phone');

    // Checked in at the kiosk, then called: two new revisions; tomorrow's cancelled: one.
    site.clock.t = at('09:50');
    const checked = await must(await site.device('kiosk1'), 'booking:check-in', { requestId: 'hub-hen-0001', code: today.code }) as BookingCheckedIn;
    const officer = await site.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    site.clock.t = at('10:07');
    await must(officer, 'ticket:call', { ticketId: checked.ticket.id });
    await site.app.parts.bookings.cancel(tomorrow.code, null);
    await expect.poll(async () => {
      const rows = await hubRows();
      return [rows.get(today.code)?.status, rows.get(today.code)?.ticket_called_at !== null, rows.get(tomorrow.code)?.status, rows.get(tomorrow.code)?.revision];
    }, { timeout: 10_000 }).toEqual(['checked-in', true, 'cancelled', 2]);
    expect((await hubRevisions()).get(today.code)).toBe(3);
    expect((await hubRows()).get(today.code)!.body).toMatchObject({ ticket: { number: checked.ticket.number, calledAt: at('10:07') } });
  });

  it('hub down for a while, the site restarted: every booking version is delivered once, the latest wins', async () => {
    await expect.poll(async () => (await linkState()).pendingRecords, { timeout: 10_000 }).toBe(0);
    const atOutage = accepted.length;
    await hub.stop();
    site.clock.t = at('10:30');
    const made = [];
    for (let n = 3; n < 9; n++) made.push(await book(site, { slot: n % 2 === 0 ? '14:00' : '15:00', day: '2026-11-24', n }));
    await site.app.parts.bookings.cancel(made[0]!.code, null);
    const moved = await site.app.parts.bookings.move(made[1]!.code, phone(4), at('16:00', '2026-11-24'));
    expect(moved).toMatchObject({ slotStart: at('16:00', '2026-11-24') });
    await expect.poll(async () => (await linkState()).state, { timeout: 20_000 }).toBe('down');
    // Records and booking versions waiting for the hub are shown together.
    await expect.poll(() => site.app.parts.hubLink.bookings.state()?.pending, { timeout: 10_000 }).toBe(made.length);
    expect((await linkState()).pendingRecords).toBeGreaterThanOrEqual(made.length);

    await site.restart(); // the backlog is on disk, not in memory
    expect(site.app.parts.hubLink.bookings.state()?.pending).toBe(made.length);
    await hub.start();
    await expect.poll(async () => [...(await hubRevisions())].sort(), { timeout: 40_000, interval: 200 }).toEqual([...siteOutbox()].sort());
    const rows = await hubRows();
    for (const b of made) expect(rows.get(b.code)?.status).toBe(siteStatus(b.code));
    expect(rows.get(made[0]!.code)?.status).toBe('cancelled');
    expect(rows.get(made[1]!.code)?.body).toMatchObject({ slotStart: at('16:00', '2026-11-24') });

    // Each version crossed exactly once; after the outage only the latest of each booking made meanwhile.
    const counts = new Map<string, number>();
    for (const a of accepted) counts.set(a, (counts.get(a) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(accepted.slice(atOutage).sort()).toEqual(made.map((b) => `${b.code}@${siteOutbox().get(b.code)}`).sort());
    await expect.poll(async () => (await linkState()).pendingRecords, { timeout: 10_000 }).toBe(0);
  });

  it('the hub’s booking figures equal the site’s own booking report, per site, per service and in the XLSX', async () => {
    const range = 'from=2026-11-23&to=2026-11-24';
    const own = (await siteApi<{ total: BookingFigures }>(`/api/manager/bookings?${range}`, undefined, 'quanly')).data.total;
    expect(own).toMatchObject({ made: 8, honoured: 1, cancelled: 2, onTimeShare: 1, waitFromSlot: { count: 1, avgSec: 420 } });
    const r = await hub.api<HubBookingReport>(`/api/hub/bookings-report?${range}&sites=xa-hen`, { token: hub.managerToken });
    expect(r.status).toBe(200);
    const { showUpShare, ...figures } = r.body.data.totals;
    expect(figures).toEqual(own);
    expect(showUpShare).toBe(own.honoured / (own.honoured + own.noShow));
    expect(r.body.data.bySite).toHaveLength(1);
    expect(r.body.data.bySite[0]).toMatchObject({ site: 'xa-hen', name: 'UBND xã Hẹn', made: own.made, honoured: own.honoured });
    expect(r.body.data.byService.map((g) => [g.key, g.made])).toEqual([['DATDAI', own.made]]);
    // A service with no bookings narrows to nothing; a range before the bookings is empty.
    const none = await hub.api<HubBookingReport>(`/api/hub/bookings-report?${range}&services=KHONGCO`, { token: hub.managerToken });
    expect(none.body.data.totals.made).toBe(0);
    const reversed = await hub.api(`/api/hub/bookings-report?from=2026-11-24&to=2026-11-23`, { token: hub.managerToken });
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.body)).toContain('Ngày bắt đầu sau ngày kết thúc');
    expect(JSON.stringify((await hub.api(`/api/hub/bookings-report?from=23/11/2026&to=2026-11-23`, { token: hub.managerToken })).body)).toContain('ngày dạng YYYY-MM-DD');
    expect((await hub.api(`/api/hub/bookings-report?${range}`, { token: null })).status).toBe(401);

    const res = await fetch(`${hub.url}/api/hub/report.xlsx?${range}`, { headers: { authorization: `Bearer ${hub.managerToken}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('Đặt lịch hẹn');
    expect(sheet).toBeDefined();
    const rows = (sheet!.getSheetValues().filter(Array.isArray) as unknown[][]).map((x) => x.slice(1));
    expect(rows[0]!.slice(0, 8)).toEqual(['Điểm', 'Lĩnh vực', 'Đã đặt', 'Đã đến lấy số', 'Vắng mặt', 'Đã hủy', 'Chưa đến giờ', 'Tỷ lệ đến (%)']);
    expect(rows[1]!.slice(2, 6)).toEqual([own.made, own.honoured, own.noShow, own.cancelled]);
    expect(rows[2]![0]).toBe('UBND xã Hẹn');
    // A range without bookings: no such sheet, as at a site.
    const empty = await fetch(`${hub.url}/api/hub/report.xlsx?from=2026-11-10&to=2026-11-11`, { headers: { authorization: `Bearer ${hub.managerToken}` } });
    const emptyBook = new ExcelJS.Workbook();
    await emptyBook.xlsx.load(await empty.arrayBuffer());
    expect(emptyBook.worksheets.map((w) => w.name)).not.toContain('Đặt lịch hẹn');
  });

  it('a hub not yet upgraded to take bookings (404): the link stays up, the bookings wait and go once it takes them', async () => {
    await expect.poll(async () => (await linkState()).pendingRecords, { timeout: 10_000 }).toBe(0);
    olderHub = true;
    const seen: string[] = [];
    const stop = site.app.parts.hubLink.state.onChange(() => seen.push(site.app.parts.hubLink.state.status().state));
    site.clock.t = at('11:00');
    const late = await book(site, { slot: '15:30', day: '2026-11-24', n: 20 });
    // Refused twice (the first try and a retry): the bookings outbox waits, the link is not down.
    await expect.poll(() => refusedAsOlder, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    expect((await linkState()).state).toBe('up');
    expect(seen).toEqual([]); // never down in between: the manager is not told of a fault that is none
    stop();
    expect(site.app.parts.hubLink.bookings.state()?.pending).toBe(1);
    expect((await hubRows()).has(late.code)).toBe(false);
    olderHub = false; // the hub is upgraded
    await expect.poll(async () => (await hubRows()).get(late.code)?.revision, { timeout: 60_000, interval: 200 }).toBe(siteOutbox().get(late.code));
    await expect.poll(async () => (await linkState()).pendingRecords, { timeout: 10_000 }).toBe(0);
  });

  it('refuses a forged identity and a bad version; a replay or an older revision changes nothing', async () => {
    const credential = (JSON.parse(await readFile(join(site.dataDir, 'hub-link.json'), 'utf8')) as { hub: { credential: string } }).hub.credential;
    const other = await hub.enrol(await hub.createSite('xa-khac', 'UBND xã Khác'));
    const code = [...siteOutbox().keys()][0]!;
    const current = (await hubRows()).get(code)!;
    const envelope = { key: code, revision: current.revision + 5, booking: { ...current.body, status: 'cancelled' } };
    // Another site's code with this site's secret: refused, nothing written anywhere.
    const forged = `xa-khac.${credential.slice(credential.indexOf('.') + 1)}`;
    const r1 = await hub.api('/api/hub/bookings', { body: envelope, token: forged });
    expect([r1.status, r1.body.code]).toEqual([401, 'BAD_CREDENTIAL']);
    // Another site's own credential: its version lands under its own code, never under xa-hen's.
    const r2 = await hub.api('/api/hub/bookings', { body: { ...envelope, site: 'xa-hen' }, token: other });
    expect(r2.status).toBe(200);
    expect((await hubRows()).get(code)).toMatchObject({ revision: current.revision, status: current.status });
    const theirs = await hub.pool.query("SELECT site_code FROM bookings WHERE key = $1 ORDER BY site_code", [code]);
    expect(theirs.rows.map((x: { site_code: string }) => x.site_code)).toEqual(['xa-hen', 'xa-khac']);
    // A bad version: a Vietnamese refusal, nothing written. A phone slipped into the body is not kept.
    const bad = await hub.api('/api/hub/bookings', { body: { ...envelope, booking: { ...envelope.booking, status: 'gone' } }, token: credential });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('trạng thái lịch hẹn');
    const ok = await hub.api<{ outcome: string }>('/api/hub/bookings', { body: { ...envelope, booking: { ...envelope.booking, phone: '0912345678' } }, token: credential });
    expect(ok.body.data.outcome).toBe('updated');
    expect(Object.keys((await hubRows()).get(code)!.body)).not.toContain('phone');
    // The same revision again, and an older one: answered 2xx, kept as is.
    expect((await hub.api<{ outcome: string }>('/api/hub/bookings', { body: envelope, token: credential })).body.data.outcome).toBe('kept');
    const older = await hub.api<{ outcome: string }>('/api/hub/bookings', { body: { ...envelope, revision: 1, booking: current.body }, token: credential });
    expect([older.status, older.body.data.outcome]).toEqual([200, 'kept']);
    expect((await hubRows()).get(code)).toMatchObject({ revision: current.revision + 5, status: 'cancelled' });
  });
});
