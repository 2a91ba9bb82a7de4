// Bookings (issue 14), on the real server (createApp on port 0, lowdb folder in a temp dir):
//   1. a year's slot table: the booking log pre-filled with 365 days of bookings (≈ 40 000), then
//      the time to open it (replay) at start;
//   2. bookings per second through POST /api/book (16 at a time, all different people, spread over
//      the next 60 working days' slots), each acknowledged after its fsync;
//   3. the /book page: bytes on the wire (raw and gzip) and first contentful paint in Chromium on a
//      390×844 phone viewport.
// Prints a table and a final `BENCH_JSON {…}` line. Run alone: npx tsx tests/bench/booking-bench.ts
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { BookingSettingsSchema } from '@core/booking/settings.ts';
import type { Booking } from '@core/booking/types.ts';
import { addDays, weekdayOf } from '@core/booking/slots.ts';
import { localInstant } from '@core/time.ts';
import { lineOf, readBookings } from '../../server/booking/booking-log.ts';
import { startServer } from '../helpers/server.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { round, summarize, table } from './stats.ts';

const log = (line: string) => process.stderr.write(`booking-bench: ${line}\n`);
const watchdog = setTimeout(() => { log('watchdog fired after 110 s'); process.exit(2); }, 110_000);

const TODAY = '2026-11-23';
const SERVICES = ['DATDAI', 'HOTICH', 'LLTP'];
const TIMES = ['07:00', '07:15', '07:30', '07:45', '08:00', '08:15', '08:30', '08:45', '09:00', '09:15', '09:30', '09:45', '10:00', '10:15', '10:30', '10:45', '11:00', '11:15', '13:00', '13:15', '13:30', '13:45', '14:00', '14:15', '14:30', '14:45', '15:00', '15:15', '15:30', '15:45', '16:00', '16:15'];

/** n in base 31 over the code alphabet: a unique 7-letter code. */
const ALPHA = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
function codeOf(i: number): string {
  let s = '';
  let x = i;
  for (let k = 0; k < 7; k += 1) { s += ALPHA[x % 31]; x = Math.floor(x / 31); }
  return s;
}

/** A year of bookings: 275 days back and 90 ahead, working days, ~150 a day. */
function yearOfBookings(): Booking[] {
  const out: Booking[] = [];
  let n = 0;
  for (let d = -275; d <= 90; d += 1) {
    const day = addDays(TODAY, d);
    if (weekdayOf(day) > 5) continue;
    for (let i = 0; i < 150; i += 1) {
      n += 1;
      const start = localInstant(day, TIMES[i % TIMES.length]!);
      out.push({
        code: codeOf(n), serviceCode: SERVICES[i % SERVICES.length]!, procedureCode: null, day,
        slotStart: start, slotEnd: start + 15 * 60_000, phone: `03${String(n).padStart(8, '0')}`, idHash: `pre${n}`, name: null,
        status: d < 0 ? (i % 7 === 0 ? 'no-show' : 'checked-in') : 'booked', source: { kind: 'web', integration: null, reference: null },
        ticketId: null, createdAt: 0, updatedAt: 0,
      });
    }
  }
  return out;
}
const dataDir = join(tmpdir(), `luot-booking-bench-${process.pid}`);
await mkdir(join(dataDir, 'bookings'), { recursive: true });
const year = yearOfBookings();
await writeFile(join(dataDir, 'bookings', 'bookings.journal'), year.map(lineOf).join(''));
log(`${year.length} bookings pre-filled`);

const config = {
  ...testCenterConfig(),
  bookings: BookingSettingsSchema.parse({ defaults: { capacity: 60, walkInSharePct: 0, daysAhead: 90 }, perPersonPerDay: 2 }),
};
const t0 = performance.now();
const replayed = await readBookings(join(dataDir, 'bookings', 'bookings.journal'));
const openMs = performance.now() - t0;
if (replayed.size !== year.length) throw new Error(`read ${replayed.size} of ${year.length}`);
const server = await startServer({ config, dataDir });
server.clock.t = localInstant(TODAY, '06:00');

// 2. bookings per second over HTTP.
const workingDays = Array.from({ length: 90 }, (_, i) => addDays(TODAY, i + 1)).filter((d) => weekdayOf(d) <= 5 && !config.bookings.holidays.includes(d)).slice(0, 60);
const TOTAL = 3000;
const latencies: number[] = [];
let ok = 0;
let next = 0;
const w0 = performance.now();
async function worker(): Promise<void> {
  for (;;) {
    const i = next++;
    if (i >= TOTAL) return;
    const body = {
      serviceCode: SERVICES[i % SERVICES.length], day: workingDays[i % workingDays.length], time: TIMES[(i * 7) % TIMES.length],
      phone: `09${String(i).padStart(8, '0')}`, cccd: `001090${String(i).padStart(6, '0')}`,
    };
    const s = performance.now();
    const res = await fetch(`${server.url}/api/book`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    latencies.push(performance.now() - s);
    if (res.status === 201) ok += 1;
    else log(`refused: ${JSON.stringify(await res.json())}`);
  }
}
await Promise.all(Array.from({ length: 16 }, worker));
const wallS = (performance.now() - w0) / 1000;
const lat = summarize(latencies);

// 3. the page.
const page = await fetch(`${server.url}/book`);
const html = Buffer.from(await page.arrayBuffer());
const browser = await launchBrowser();
const tab = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
await tab.goto(`${server.url}/book`, { waitUntil: 'load' });
const fcp = await tab.evaluate(() => new Promise<number | null>((resolve) => {
  new PerformanceObserver((list) => {
    const entry = list.getEntriesByName('first-contentful-paint')[0];
    if (entry) resolve(entry.startTime);
  }).observe({ type: 'paint', buffered: true });
  setTimeout(() => resolve(null), 5000);
}));
await browser.close();
await server.close();
await rm(dataDir, { recursive: true, force: true });

const result = {
  preFilled: year.length,
  readYearMs: round(openMs),
  bookings: ok,
  bookingsPerSec: round(ok / wallS),
  latencyMs: { p50: round(lat.p50), p99: round(lat.p99) },
  pageBytes: html.length,
  pageGzipBytes: gzipSync(html).length,
  firstContentfulPaintMs: fcp === null ? null : round(fcp),
};
process.stdout.write(table([['measure', 'value'],
  ['bookings pre-filled (a year)', String(result.preFilled)],
  ['reading them back at start (ms)', String(result.readYearMs)],
  ['bookings acknowledged', String(ok)],
  ['bookings per second (HTTP, 16 at a time)', String(result.bookingsPerSec)],
  ['latency p50 / p99 (ms)', `${result.latencyMs.p50} / ${result.latencyMs.p99}`],
  ['/book page bytes (raw / gzip)', `${result.pageBytes} / ${result.pageGzipBytes}`],
  ['/book first contentful paint, 390×844 (ms)', String(result.firstContentfulPaintMs)],
]) + '\n');
clearTimeout(watchdog);
process.stdout.write(`BENCH_JSON ${JSON.stringify({ bench: 'booking', ...result })}\n`);
process.exit(ok === TOTAL ? 0 : 1);
