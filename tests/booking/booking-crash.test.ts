// kill -9 while bookings are being made: every booking acknowledged before the kill is there after
// a restart (found by code and phone through the API), and no slot holds more than its places.
// The server runs as a real child process (node server/main.ts) on a real data folder.
import { afterAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cccd, phone } from './helpers.ts';
import { killHard, startMain } from '../helpers/main-process.ts';

const children: ChildProcess[] = [];
let dataDir = '';

const startChild = () => startMain(dataDir, children, {});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

type Body = { ok: boolean; code?: string; data: Record<string, unknown> };
async function get(url: string): Promise<Body> {
  return (await (await fetch(url)).json()) as Body;
}
async function post(url: string, body: unknown): Promise<Body> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as Body;
}

describe('bookings across kill -9', () => {
  it('keeps every acknowledged booking', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'luot-book-crash-'));
    const first = await startChild();
    const services = (await get(`${first.url}/api/book/services`)).data.services as { code: string }[];
    const service = services[0]!.code;
    const days = (await get(`${first.url}/api/book/days?service=${service}`)).data.days as { day: string; free: number }[];
    const day = days.find((d) => d.free >= 20)!.day;
    const slots = (await get(`${first.url}/api/book/slots?service=${service}&day=${day}`)).data.slots as { time: string; free: number }[];
    const free = slots.filter((s) => s.free > 0);

    const acked = new Map<string, string>(); // code → phone
    let killed: Promise<void> | null = null;
    const attempt = async (i: number) => {
      const res = await post(`${first.url}/api/book`, { serviceCode: service, day, time: free[i % free.length]!.time, phone: phone(i), cccd: cccd(i) }).catch(() => null);
      if (res?.ok) {
        acked.set(String(res.data.code), phone(i));
        // The kill comes right after the tenth acknowledgement, with the rest still in flight.
        if (acked.size === 10) killed = killHard(first.child);
      }
    };
    await Promise.allSettled(Array.from({ length: 40 }, (_, i) => attempt(i + 1)));
    if (!killed) killed = killHard(first.child);
    await killed;
    expect(acked.size).toBeGreaterThanOrEqual(10);

    const second = await startChild();
    for (const [code, p] of acked) {
      const found = await post(`${second.url}/api/book/find`, { code, phone: p });
      expect(found.ok, `acknowledged booking ${code} lost`).toBe(true);
      expect(found.data).toMatchObject({ code, day, status: 'booked' });
    }
    const after = (await get(`${second.url}/api/book/slots?service=${service}&day=${day}`)).data.slots as { time: string; free: number }[];
    expect(after.every((s) => s.free >= 0)).toBe(true);
    await killHard(second.child);
  });
});
