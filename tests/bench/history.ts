// Fixture: a year of finished days written straight into DATA_DIR/days/YYYY-MM-DD.json, one
// file per past working day, each a DayState whose tickets all ended (done, no-show, cancelled
// or expired) with their full history, transfers, ratings, dossier codes and closed counters.
// Plain fs writes (no fsync): this is setup, not the thing measured. Deterministic PRNG.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CenterConfig } from '@core/config.ts';
import { indexConfig } from '@core/config.ts';
import type { CounterState, DayState, Rating, Ticket, TicketStep, Transfer } from '@core/ticket.ts';
import { formatTicketNumber } from '@core/ticket.ts';
import { localDay, localInstant } from '@core/time.ts';
import { mulberry32 } from '../helpers/random.ts';

export interface HistoryOptions {
  days: number;
  ticketsPerDay: number;
  /** Epoch ms of "now": history ends the working day before it. */
  now: number;
  /** counter number → officer id, so tickets name real officers. */
  officerOfCounter: Map<number, string>;
}

export interface HistoryResult {
  days: number;
  tickets: number;
  bytes: number;
  firstDay: string;
  lastDay: string;
  ms: number;
}

const MIN = 60_000;
const DAY_MS = 86_400_000;


/** The `count` working days (Mon–Fri) before the local day of `now`, oldest first. */
export function pastWorkingDays(now: number, count: number): string[] {
  const out: string[] = [];
  const today = localDay(now);
  let t = Date.parse(`${today}T12:00:00Z`);
  while (out.length < count) {
    t -= DAY_MS;
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out.reverse();
}

function makeDay(day: string, config: CenterConfig, n: number, rnd: () => number, officers: Map<number, string>, kiosks: string[]): DayState {
  const index = indexConfig(config);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo));
  const open = localInstant(day, '07:00');
  const offsets = Array.from({ length: n }, () => Math.floor(rnd() * 570 * MIN)).sort((a, b) => a - b);
  const yymmdd = day.slice(2).replaceAll('-', '');
  const state: DayState = { day, sequences: {}, tickets: {}, counters: {}, recentServiceSec: {} };
  const served = new Map<number, number>();
  let lastEvent = open;

  offsets.forEach((offset, i) => {
    // `service` serves it in the end; a transferred ticket was issued (and numbered) for `issuedFor`
    const service = pick(config.services);
    const r = rnd();
    const transferred = r > 0.94;
    const issuedFor = transferred ? pick(config.services.filter((s) => s.code !== service.code)) : service;
    const seq = (state.sequences[issuedFor.prefix] ?? 0) + 1;
    state.sequences[issuedFor.prefix] = seq;
    const issuedAt = open + offset;
    const id = yymmdd + randomBytes(15).toString('base64url');
    const counters = index.countersOfService.get(service.code) ?? [];
    const counter = pick(counters).number;
    const officerId = officers.get(counter) ?? `officer${counter}`;
    const history: TicketStep[] = [{ at: issuedAt, type: 'issued' }];
    const transfers: Transfer[] = [];
    let status: Ticket['status'] = 'done';
    const serviceCode = service.code;
    let calledAt: number | null = null;
    let startedAt: number | null = null;
    let finishedAt: number | null = null;
    let endReason: string | null = null;
    let rating: Rating | null = null;
    let procedureCode: string | null = null;
    let dossierCodes: string[] = [];
    let note: string | null = null;
    let calls = 0;
    let ticketCounter: number | null = null;
    let ticketOfficer: string | null = null;

    if (r < 0.03) {
      status = 'cancelled';
      finishedAt = issuedAt + between(5, 60) * MIN;
      endReason = 'Công dân không có nhu cầu';
      history.push({ at: finishedAt, type: 'cancelled', officerId: 'quanly', note: endReason });
    } else if (r < 0.05) {
      status = 'cancelled';
      finishedAt = localInstant(day, '17:30');
      endReason = 'expired';
      history.push({ at: finishedAt, type: 'expired' });
    } else {
      let queueFrom = issuedAt;
      if (transferred) {
        // first served at a counter of the service it was issued for, then sent on (keeping its wait)
        const from = issuedFor;
        const fromCounter = pick(index.countersOfService.get(from.code) ?? counters).number;
        const fromOfficer = officers.get(fromCounter) ?? `officer${fromCounter}`;
        const firstCall = issuedAt + between(1, 20) * MIN;
        const at = firstCall + between(3, 10) * MIN;
        history.push(
          { at: firstCall, type: 'called', counter: fromCounter, officerId: fromOfficer },
          { at: firstCall + 60_000, type: 'started', counter: fromCounter, officerId: fromOfficer },
          { at, type: 'transferred', counter: fromCounter, officerId: fromOfficer, note: 'Sai lĩnh vực' },
        );
        transfers.push({ at, fromService: from.code, toService: service.code, fromCounter, toCounter: null, officerId: fromOfficer, note: 'Sai lĩnh vực' });
        queueFrom = at;
      }
      calledAt = queueFrom + between(1, 45) * MIN;
      calls = 1;
      ticketCounter = counter;
      ticketOfficer = officerId;
      history.push({ at: calledAt, type: 'called', counter, officerId });
      if (rnd() < 0.1) {
        calls = 2;
        history.push({ at: calledAt + 60_000, type: 'recalled', counter, officerId });
      }
      if (r < 0.14) {
        status = 'no-show';
        finishedAt = calledAt + between(2, 4) * MIN;
        history.push({ at: finishedAt, type: 'no-show', counter, officerId });
      } else {
        startedAt = calledAt + between(30, 150) * 1000;
        history.push({ at: startedAt, type: 'started', counter, officerId });
        const serviceSec = between(120, 1500);
        finishedAt = startedAt + serviceSec * 1000;
        procedureCode = `${service.code}-TT${between(1, 40)}`;
        dossierCodes = rnd() < 0.7 ? [`000.00.12.H${between(10, 99)}-${yymmdd}-${String(seq).padStart(4, '0')}`] : [];
        note = rnd() < 0.15 ? 'Đã hướng dẫn bổ sung giấy tờ' : null;
        history.push({ at: finishedAt, type: 'finished', counter, officerId, ...(note ? { note } : {}) });
        state.recentServiceSec[serviceCode] = [...(state.recentServiceSec[serviceCode] ?? []), serviceSec].slice(-20);
        served.set(counter, (served.get(counter) ?? 0) + 1);
        if (rnd() < 0.6) {
          const score = rnd() < 0.8 ? 5 : between(1, 5);
          rating = { at: finishedAt + 20_000, score, reasons: score < 4 ? ['cho-lau'] : [], comment: '', counter, officerId };
          history.push({ at: rating.at, type: 'rated', counter });
        }
      }
    }
    lastEvent = Math.max(lastEvent, finishedAt ?? issuedAt);
    state.tickets[id] = {
      id, day, seq, number: formatTicketNumber(issuedFor.prefix, seq), serviceCode, departmentCode: service.departmentCode,
      priority: rnd() < 0.08 ? pick(['elderly', 'disabled']) : null, status, issuedAt,
      queuedAt: issuedAt, calledAt, startedAt, finishedAt, counter: ticketCounter, officerId: ticketOfficer,
      targetCounter: null, calls, procedureCode, dossierCodes, note, transfers, history,
      source: { kind: 'kiosk', deviceId: pick(kiosks), requestId: `r${i}${randomBytes(6).toString('base64url')}` },
      rating, endReason,
    };
  });
  for (const [number, count] of served) {
    const c: CounterState = {
      number, status: 'closed', officerId: null, currentTicketId: null, pauseReason: null,
      since: lastEvent, normalsSincePriority: 0, servedToday: count,
    };
    state.counters[String(number)] = c;
  }
  return state;
}

export async function generateHistory(dataDir: string, config: CenterConfig, options: HistoryOptions): Promise<HistoryResult> {
  const started = performance.now();
  const dir = join(dataDir, 'days');
  await mkdir(dir, { recursive: true });
  const rnd = mulberry32(20261125);
  const kiosks = Array.from({ length: 20 }, () => randomBytes(9).toString('base64url'));
  const days = pastWorkingDays(options.now, options.days);
  let tickets = 0;
  let bytes = 0;
  for (const day of days) {
    // ±25 % around the mean: Mondays are busy, Friday afternoons are not
    const n = Math.round(options.ticketsPerDay * (0.75 + rnd() * 0.5));
    const text = JSON.stringify(makeDay(day, config, n, rnd, options.officerOfCounter, kiosks));
    await writeFile(join(dir, `${day}.json`), text);
    tickets += n;
    bytes += Buffer.byteLength(text);
  }
  return { days: days.length, tickets, bytes, firstDay: days[0] ?? '', lastDay: days[days.length - 1] ?? '', ms: performance.now() - started };
}
