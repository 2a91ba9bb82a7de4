// The province's booking report counted by PostgreSQL (hub/bookings-report.ts `bookingReport`)
// against its definition: the site's own `bookingFigures` run over the bookings themselves
// (`bookingReportFromBookings`). Random bookings over a few sites and services, with the edges
// of the rules: every status, tickets issued exactly at the slot's start, called before the slot,
// waits of whole-and-a-half seconds, honoured bookings with no ticket or never called, groups with
// an even and an odd number of waits, and ranges and filters that match nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingReport, bookingReportFromBookings } from '../../hub/bookings-report.ts';
import type { BookingReportQuery, HubBookingReport } from '../../hub/bookings-report.ts';
import { startPostgres } from '../helpers/postgres.ts';
import type { PgCluster } from '../helpers/postgres.ts';
import { startHub } from '../helpers/hub.ts';
import type { TestHub } from '../helpers/hub.ts';
import { mulberry32 } from '../helpers/random.ts';

let cluster: PgCluster;
let hub: TestHub;

const SITES = ['xa-a', 'xa-b', 'xa-c', 'phuong-1'];
const SERVICES = [['DATDAI', 'Đất đai'], ['HOTICH', 'Hộ tịch'], ['XAYDUNG', 'Xây dựng']] as const;
const STATUSES = ['booked', 'cancelled', 'checked-in', 'no-show'] as const;
const DAY0 = Date.UTC(2026, 10, 2); // 2026-11-02

beforeAll(async () => {
  cluster = await startPostgres();
  hub = await startHub(cluster);
  const random = mulberry32(14);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  await hub.pool.query("INSERT INTO sites (code, name) VALUES ('xa-a', 'UBND xã A'), ('xa-b', 'UBND xã Bình'), ('xa-c', 'UBND xã Ân'), ('phuong-1', 'UBND phường 1')");
  const rows: unknown[][] = [];
  for (let i = 0; i < 1_500; i++) {
    const dayIndex = Math.floor(random() * 20);
    const slotStart = DAY0 + dayIndex * 86_400_000 + (7 * 60 + 30 + 15 * Math.floor(random() * 30)) * 60_000;
    const status = pick(STATUSES);
    // Honoured: a ticket issued up to 10 minutes either side of the slot (1 in 8 exactly at its
    // start), called up to ~40 minutes after it or a little before (1 in 9 never; 1 in 20 no ticket).
    const ticket = status === 'checked-in' && random() > 0.05;
    const issuedAt = ticket ? (random() < 0.125 ? slotStart : slotStart + Math.round((random() - 0.5) * 1_200_000)) : null;
    const calledAt = issuedAt === null || random() < 0.11 ? null
      : slotStart + (random() < 0.2 ? Math.floor(random() * 40) * 1000 + 500 : Math.round((random() - 0.1) * 2_400_000));
    const [service, serviceName] = pick(SERVICES);
    const day = new Date(slotStart).toISOString().slice(0, 10);
    rows.push([pick(SITES), `k${i}`, day, new Date(slotStart).toISOString(), new Date(slotStart + 900_000).toISOString(), service, serviceName, status,
      issuedAt === null ? null : new Date(issuedAt).toISOString(), calledAt === null ? null : new Date(calledAt).toISOString()]);
  }
  for (const r of rows) {
    await hub.pool.query(
      `INSERT INTO bookings (site_code, key, revision, day, slot_start, slot_end, department_code, department_name, service_code, service_name,
         status, source, ticket_issued_at, ticket_called_at, created_at, updated_at, body)
       VALUES ($1, $2, 1, $3, $4, $5, 'SO', 'Sở', $6, $7, $8, 'web', $9, $10, $4, $4, '{}')`, r);
  }
}, 120_000);

afterAll(async () => {
  await hub?.close();
  await cluster?.stop();
});

const query = (over: Partial<BookingReportQuery> = {}): BookingReportQuery => ({ from: '2026-11-01', to: '2026-11-30', sites: [], services: [], ...over });
const withoutTime = (r: HubBookingReport) => ({ ...r, ms: 0 });

describe('the province booking report counted in PostgreSQL', () => {
  it('equals the site’s own figures run over the bookings, for every group and filter', async () => {
    const queries = [
      query(),
      query({ from: '2026-11-05', to: '2026-11-12' }),
      query({ sites: ['xa-b', 'phuong-1'] }),
      query({ services: ['HOTICH'] }),
      query({ from: '2026-11-09', to: '2026-11-09', sites: ['xa-a'], services: ['DATDAI', 'XAYDUNG'] }),
      query({ from: '2025-01-01', to: '2025-01-31' }), // nothing
      query({ sites: ['xa-khong-co'] }), // nothing
    ];
    for (const q of queries) {
      const counted = await bookingReport(hub.pool, q);
      const defined = await bookingReportFromBookings(hub.pool, q);
      expect(withoutTime(counted), JSON.stringify(q)).toEqual(withoutTime(defined));
    }
    // The data reach the rules' edges, so the equality above means something.
    const whole = await bookingReportFromBookings(hub.pool, query());
    expect(whole.totals.made).toBe(1_500);
    expect(whole.bySiteService).toHaveLength(SITES.length * SERVICES.length);
    for (const status of ['honoured', 'noShow', 'cancelled', 'open'] as const) expect(whole.totals[status]).toBeGreaterThan(100);
    expect(whole.totals.onTimeShare).toBeGreaterThan(0);
    expect(whole.totals.onTimeShare).toBeLessThan(1);
    const waits = whole.bySiteService.map((g) => g.waitFromSlot.count);
    expect(waits.some((n) => n % 2 === 0) && waits.some((n) => n % 2 === 1)).toBe(true);
    const halves = await hub.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM bookings WHERE extract(milliseconds FROM ticket_called_at - slot_start)::int % 1000 = 500");
    expect(halves.rows[0]!.n).toBeGreaterThan(10);
  });

  it('an empty range: zero counts and no figure rather than a made-up one', async () => {
    const r = await bookingReport(hub.pool, query({ from: '2025-01-01', to: '2025-01-02' }));
    expect(r.totals).toMatchObject({ made: 0, honoured: 0, onTimeShare: null, showUpShare: null, waitFromSlot: { count: 0, avgSec: null, medianSec: null, p90Sec: null } });
    expect([r.bySite, r.byService, r.bySiteService]).toEqual([[], [], []]);
  });
});
