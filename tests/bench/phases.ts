// The measured workloads. Each takes a running server's URL and the clients' credentials, opens
// its own sockets, and closes them before returning.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type { BoardCallView, CallView } from '@core/views.ts';
import type { BenchCredentials } from './seed.ts';
import { SERVICE_CODES } from './seed.ts';
import type { Client } from './clients.ts';
import { closeAll, connect, login, mapLimit, must, send, WAIT_MS } from './clients.ts';
import type { RawClientToServer, RawServerToClient } from './raw-fanout-server.ts';
import type { BoardsPlace } from './boards.ts';
import { watchCpu } from './cpu-use.ts';
import type { CpuUse, CpuWatch } from './cpu-use.ts';
import { BoardsProcess, nowUs } from './boards.ts';

export interface IssueResult {
  ok: number;
  refused: Record<string, number>;
  seconds: number;
  perSecond: number;
  latencies: number[];
  /** Acks ok in each whole second of the run, to show the trend as the day grows. */
  timeline: number[];
}

export interface IssueOptions {
  durationMs: number;
  maxTickets: number;
  inFlight: number;
  warmup: number;
}

let requestSeq = 0;
const requestId = () => `b${(++requestSeq).toString(36)}${randomBytes(6).toString('base64url')}`;

/** 20 kiosks × inFlight concurrent 'ticket:issue' until maxTickets or durationMs. */
export async function issueThroughput(url: string, creds: BenchCredentials, options: IssueOptions): Promise<IssueResult> {
  const kiosks = await mapLimit(creds.kioskTokens, 10, (deviceToken) => connect(url, { deviceToken }));
  try {
    let service = 0;
    const issueOnce = (kiosk: Client) => send(kiosk, 'ticket:issue', {
      serviceCode: SERVICE_CODES[service++ % SERVICE_CODES.length]!, priority: null, requestId: requestId(),
    });
    // warm-up (JIT, socket buffers), not counted
    await mapLimit(Array.from({ length: options.warmup }, (_, i) => kiosks[i % kiosks.length]!), kiosks.length, async (k) => {
      const res = await issueOnce(k);
      if (!res.ok) throw new Error(`warm-up issue refused: ${res.code}`);
    });

    const latencies: number[] = [];
    const refused: Record<string, number> = {};
    const timeline: number[] = [];
    let started = 0;
    let ok = 0;
    const start = performance.now();
    const deadline = start + options.durationMs;
    let last = start;
    const loop = async (kiosk: Client) => {
      while (started < options.maxTickets && performance.now() < deadline) {
        started++;
        const t0 = performance.now();
        const res = await issueOnce(kiosk);
        const t1 = performance.now();
        if (res.ok) {
          ok++;
          latencies.push(t1 - t0);
          const second = Math.floor((t1 - start) / 1000);
          timeline[second] = (timeline[second] ?? 0) + 1;
          last = t1;
        } else {
          refused[res.code] = (refused[res.code] ?? 0) + 1;
        }
      }
    };
    await Promise.all(kiosks.flatMap((k) => Array.from({ length: options.inFlight }, () => loop(k))));
    const seconds = (last - start) / 1000;
    return { ok, refused, seconds, perSecond: ok / seconds, latencies, timeline: Array.from(timeline, (x) => x ?? 0) };
  } finally {
    closeAll(kiosks);
  }
}

export interface FanoutResult {
  /** One sample per display per call: emit → that display's receipt, ms. */
  samples: number[];
  /** Emit → the caller's ack, ms. */
  acks: number[];
  rounds: number;
  skipped: number;
  receivers: number;
  payloadBytes: number;
  sampleCall: BoardCallView | null;
  setupMs: number;
  /** The server's CPU time over the measured rounds (cpu-use.ts), when its pid was given. */
  cpu: CpuUse | null;
}

export interface CallOptions {
  rounds: number;
  warmup: number;
  preIssue: number;
}

/** 100 officers at 100 open counters, 50 displays, 20 kiosks; rounds of call-next → no-show. */
export async function callToDisplay(url: string, creds: BenchCredentials, options: CallOptions, place: BoardsPlace, serverPid?: number): Promise<FanoutResult> {
  const setupStart = performance.now();
  const sockets: Socket[] = [];
  let boards: BoardsProcess | null = null;
  try {
    const tokens = await mapLimit(creds.officers, 8, (o) => login(url, o.username, o.password));
    const officers = await mapLimit(tokens, 20, (sessionToken) => connect(url, { sessionToken }));
    sockets.push(...officers);
    boards = await BoardsProcess.start(url, 'luot', creds.displayTokens, place);
    const kiosks = await mapLimit(creds.kioskTokens, 20, (deviceToken) => connect(url, { deviceToken }));
    sockets.push(...kiosks);
    await mapLimit(officers, 10, (o, i) => must(o, 'counter:open', { counter: creds.officers[i]!.counter }));
    await mapLimit(Array.from({ length: options.preIssue }, (_, i) => i), kiosks.length * 2, (i) =>
      must(kiosks[i % kiosks.length]!, 'ticket:issue', {
        serviceCode: SERVICE_CODES[i % SERVICE_CODES.length]!, priority: i % 13 === 0 ? 'elderly' : null, requestId: requestId(),
      }));
    await new Promise((r) => setTimeout(r, 600)); // let the queue-figures broadcast go out

    const setupMs = performance.now() - setupStart;

    const samples: number[] = [];
    const acks: number[] = [];
    let skipped = 0;
    const total = options.warmup + options.rounds;
    let cpu: CpuWatch | null = null;
    for (let r = 0; r < total; r++) {
      if (r === options.warmup) cpu = watchCpu(serverPid);
      const officer = officers[r % officers.length]!;
      const t0 = nowUs();
      const res = await send(officer, 'ticket:call-next', {});
      const ackMs = (nowUs() - t0) / 1000;
      if (!res.ok) {
        if (res.code !== 'QUEUE_EMPTY') throw new Error(`call-next refused: ${res.code} ${res.message}`);
        skipped++;
        continue;
      }
      const latencies = await boards.collect(res.data.number, t0, `board:called ${res.data.number} on ${creds.displayTokens.length} displays`);
      if (r >= options.warmup) {
        samples.push(...latencies);
        acks.push(ackMs);
      }
      await must(officer, 'ticket:no-show', {});
    }
    const used = cpu?.stop() ?? null;
    const sampleCall = boards.sample as BoardCallView | null;
    const payloadBytes = sampleCall ? Buffer.byteLength(JSON.stringify(sampleCall)) : 0;
    return { samples, acks, rounds: acks.length, skipped, receivers: creds.displayTokens.length, payloadBytes, sampleCall, setupMs, cpu: used };
  } finally {
    closeAll(sockets);
    await boards?.stop();
  }
}

type RawClient = Socket<RawServerToClient, RawClientToServer>;

/** The same shape of load on a bare Socket.IO server: 100 "officers", 50 "displays", 20 "kiosks". */
export async function rawFanout(url: string, payload: BoardCallView, counts: { officers: number; displays: number; kiosks: number }, options: { rounds: number; warmup: number }, place: BoardsPlace, serverPid?: number): Promise<FanoutResult> {
  const setupStart = performance.now();
  const sockets: RawClient[] = [];
  let boards: BoardsProcess | null = null;
  try {
    const roles = [
      ...Array.from({ length: counts.officers }, () => 'officer'),
      ...Array.from({ length: counts.kiosks }, () => 'kiosk'),
    ];
    sockets.push(...(await mapLimit(roles, 20, (role) => connect<RawClient>(url, { role }))));
    const officers = sockets.slice(0, counts.officers);
    boards = await BoardsProcess.start(url, 'raw', counts.displays, place);
    const setupMs = performance.now() - setupStart;

    const samples: number[] = [];
    const acks: number[] = [];
    const total = options.warmup + options.rounds;
    let cpu: CpuWatch | null = null;
    for (let r = 0; r < total; r++) {
      if (r === options.warmup) cpu = watchCpu(serverPid);
      const id = `raw${String(r).padStart(4, '0')}${'x'.repeat(22)}`;
      const message: CallView = { ...payload, ticket: { ...payload.ticket, id }, at: Date.now() };
      const t0 = nowUs();
      const timed = officers[r % officers.length]!.timeout(WAIT_MS);
      await new Promise<void>((resolve, reject) => {
        (timed.emit as (e: 'call', p: unknown, cb: (err: Error | null) => void) => void).call(timed, 'call', message, (err) =>
          (err ? reject(new Error(`raw call: no ack (${err.message})`)) : resolve()));
      });
      const ackMs = (nowUs() - t0) / 1000;
      const latencies = await boards.collect(id, t0, `raw 'called' on ${counts.displays} displays`);
      if (r >= options.warmup) {
        samples.push(...latencies);
        acks.push(ackMs);
      }
    }
    const used = cpu?.stop() ?? null;
    return {
      samples, acks, rounds: acks.length, skipped: 0, receivers: counts.displays,
      payloadBytes: Buffer.byteLength(JSON.stringify(payload)), sampleCall: payload, setupMs, cpu: used,
    };
  } finally {
    closeAll(sockets);
    await boards?.stop();
  }
}
