// Announcements through the real server: the zone's boards get each call's audio (a real
// espeak-ng WAV served over HTTP) in call order, bursts included; other zones get nothing; a
// misconfigured voice falls back to the chime with the reason, and the server keeps running.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { io as connectClient } from 'socket.io-client';
import type { CenterConfig } from '@core/config.ts';
import type { AnnouncementView, DisplaySettings } from '@core/lobby-views.ts';
import { decodeWav } from '../../server/voice/wav.ts';
import type { VoiceStatus } from '../../server/voice/voice-service.ts';
import { must, nextEvent, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { testCenterConfig } from '../helpers/center.ts';

let server: TestServer | null = null;
afterEach(async () => { await server?.close(); server = null; });

function collect(socket: Client): AnnouncementView[] {
  const heard: AnnouncementView[] = [];
  socket.on('announcement:ready', (a) => heard.push(a));
  return heard;
}

async function issue(s: TestServer, n: number, serviceCode = 'DATDAI'): Promise<void> {
  const kiosk = await s.device('kiosk1');
  for (let i = 0; i < n; i++) await must(kiosk, 'ticket:issue', { serviceCode, requestId: `tap-${serviceCode}-${i}-x` });
}

/** Goertzel power of one frequency between two instants (seconds). */
function tonePower(x: Float32Array, rate: number, hz: number, from: number, to: number): number {
  const k = 2 * Math.cos((2 * Math.PI * hz) / rate);
  let s1 = 0;
  let s2 = 0;
  for (let i = Math.round(from * rate); i < Math.round(to * rate); i++) {
    const s0 = x[i]! + k * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - k * s1 * s2;
}

async function status(s: TestServer): Promise<VoiceStatus> {
  const body = (await (await fetch(`${s.url}/audio/status`)).json()) as { data: VoiceStatus };
  return body.data;
}

// Voices start and packs are recorded for real: generous bounds for a crowded machine.
describe('announcements', { timeout: 120_000 }, () => {
  it('a call reaches its zone boards as real audio; other zones hear nothing', async () => {
    server = await startServer();
    const t1 = await server.device('display-T1');
    const t2 = await server.device('display-T2');
    const all = await server.device('display-all');
    const heardT2 = collect(t2);
    await issue(server, 1);
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const heardT1 = collect(t1);
    const onT1 = nextEvent(t1, 'announcement:ready', 10_000);
    const onAll = nextEvent(all, 'announcement:ready', 10_000);
    await must(officer, 'ticket:call-next', {});
    const a = await onT1;
    // Nothing else is called: the second saying follows as its own file when the first ends.
    const again = nextEvent(t1, 'announcement:ready', 30_000);
    expect(a.text).toBe('Xin mời công dân có số thứ tự A-001 đến quầy số 1');
    expect(a.voiced).toBe(true);
    expect(a.call).toMatchObject({ counter: 1, zone: 'T1', recall: false });
    expect(a.audioUrl).toMatch(/^\/audio\/[a-f0-9]{32}\.wav$/);
    expect((await onAll).audioUrl).toBe(a.audioUrl);

    const res = await fetch(server.url + a.audioUrl!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const wav = decodeWav(Buffer.from(await res.arrayBuffer()));
    const seconds = wav.mono.length / wav.sampleRate;
    expect(seconds * 1000).toBeCloseTo(a.durationMs!, -2);
    expect(seconds).toBeGreaterThan(1.5 + 3); // chime, then the phrase
    const second = await again;
    expect(second.calls).toEqual(a.calls);
    expect(second.audioUrl).not.toBe(a.audioUrl);
    const wav2 = decodeWav(Buffer.from(await (await fetch(server.url + second.audioUrl!)).arrayBuffer()));
    // The pause between the sayings, then the same words: no chime, about the first file less its chime.
    const loudest = (from: number, to: number) => wav2.mono.subarray(Math.round(from * wav2.sampleRate), Math.round(to * wav2.sampleRate)).reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    expect(loudest(0, 0.75)).toBeLessThan(0.01);
    expect(loudest(0.8, wav2.mono.length / wav2.sampleRate)).toBeGreaterThan(0.2);
    expect(tonePower(wav2.mono, wav2.sampleRate, 659.25, 0.8, 1.2)).toBeLessThan(tonePower(wav.mono, wav.sampleRate, 659.25, 0.05, 0.4) / 20);
    expect(wav2.mono.length / wav2.sampleRate).toBeLessThan(seconds - 0.5);
    expect(heardT1).toHaveLength(2);
    expect(heardT2).toEqual([]);
    expect((await fetch(`${server.url}/audio/${'0'.repeat(32)}.wav`)).status).toBe(404);
    expect((await fetch(`${server.url}/audio/..%2F..%2Fconfig.json`)).status).toBe(404);
  });

  // Waits for real audio to play out (the pacing is real time): generous on a crowded machine.
  it('a burst while the boards speak: tickets that moved on are dropped, the rest joined, said once with the short opening, no second chime', { timeout: 120_000 }, async () => {
    const base = testCenterConfig();
    // The usual speed: the first saying (~8 s) leaves time to call four times while it plays.
    server = await startServer({ config: { ...base, voice: { ...base.voice, rate: 135, repeat: 2 } } });
    const t1 = await server.device('display-T1');
    const heard: AnnouncementView[] = [];
    const second = new Promise<void>((resolve) => t1.on('announcement:ready', (a) => { heard.push(a); if (heard.length === 2) resolve(); }));
    await issue(server, 5);
    const o1 = await server.officer(1);
    const o2 = await server.officer(2);
    await must(o1, 'counter:open', { counter: 1 });
    await must(o2, 'counter:open', { counter: 2 });
    const first = nextEvent(t1, 'announcement:ready', 30_000);
    await must(o1, 'ticket:call-next', {}); // A-001 at 1: the zone is silent, said at once
    expect((await first).call.ticket.number).toBe('A-001');
    // While A-001 is being said: A-002 at 2; counter 1 marks A-001 absent, calls A-003, marks it
    // absent too and calls A-004. A-003 must not be said; are said as one phrase,
    // in place of A-001's second saying (A-001 has moved on anyway).
    await must(o2, 'ticket:call-next', {});
    await must(o1, 'ticket:no-show', {});
    await must(o1, 'ticket:call-next', {});
    await must(o1, 'ticket:no-show', {});
    await must(o1, 'ticket:call-next', {});
    await second;
    const [a, b] = heard as [AnnouncementView, AnnouncementView];
    expect(a.calls.map((c) => c.ticket.number)).toEqual(['A-001']);
    expect(b.calls.map((c) => `${c.ticket.number}@${c.counter}`)).toEqual(['A-002@2', 'A-004@1']);
    // Right after A-001: the hall is listening, so the short opening, and the numbers the short way.
    expect(b.text).toBe('Mời số A-002 đến quầy số 2, số A-004 đến quầy số 1');
    expect(b.notAfter).toBe(b.calls[0]!.at + 60_000);
    const wavOf = async (x: AnnouncementView) => decodeWav(Buffer.from(await (await fetch(server!.url + x.audioUrl!)).arrayBuffer()));
    const [wa, wb] = [await wavOf(a), await wavOf(b)];
    // The first rings the chime (E5 in its first 0.4 s) and says its phrase; the second does not
    // ring: two calls in less time than one call with its chime.
    const e5 = (w: { sampleRate: number; mono: Float32Array }) => tonePower(w.mono, w.sampleRate, 659.25, 0.05, 0.4);
    expect(e5(wa)).toBeGreaterThan(20 * e5(wb));
    expect(wb.mono.length / wb.sampleRate).toBeLessThan(wa.mono.length / wa.sampleRate);
  });

  it('a board gets its settings on connect: notice, theme, its services, server time', async () => {
    const config = { ...testCenterConfig(), display: { notice: 'Trung tâm nghỉ trưa từ 11h30 đến 13h00', theme: 'light' as const, highlightSec: 10 } };
    server = await startServer({ config });
    const socket: Client = connectClient(server.url, { auth: { deviceToken: server.deviceTokens['display-T2']! }, transports: ['websocket'], autoConnect: false, reconnection: false });
    const settings = new Promise<DisplaySettings>((resolve) => socket.once('display:settings', resolve));
    socket.connect();
    const s = await settings;
    socket.close();
    expect(s).toMatchObject({ zone: 'T2', notice: 'Trung tâm nghỉ trưa từ 11h30 đến 13h00', theme: 'light', highlightSec: 10, now: server.clock.now() });
    expect(s.services.map((x) => x.prefix)).toEqual(['B', 'C', 'W']);
  });

  it('a template with an unknown placeholder: the server starts, says why, and announces with the chime', async () => {
    const base = testCenterConfig();
    const config = { ...base, voice: { ...base.voice, template: 'Mời số {number} đến {quay}' } } as CenterConfig;
    server = await startServer({ config });
    const t1 = await server.device('display-T1');
    expect((await server.app.parts.lobby.settled()).active).toBe('chime-only');
    expect((await status(server)).problems.join(' ')).toContain('{quay}');
    await issue(server, 1);
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const ready = nextEvent(t1, 'announcement:ready', 10_000);
    await must(officer, 'ticket:call-next', {});
    const a = await ready;
    expect(a.voiced).toBe(false);
    expect(a.text).toBe('Xin mời công dân có số thứ tự A-001 đến quầy số 1');
    const wav = decodeWav(Buffer.from(await (await fetch(server.url + a.audioUrl!)).arrayBuffer()));
    expect(wav.mono.length / wav.sampleRate).toBeCloseTo(1.55, 1);
  });

  it('engine "say" on Linux is refused at start with the reason; calls still announce with the chime', async () => {
    const base = testCenterConfig();
    server = await startServer({ config: { ...base, voice: { ...base.voice, engine: 'say' } } });
    expect((await server.app.parts.lobby.settled()).active).toBe('chime-only');
    const s = await status(server);
    expect(s.requested).toBe('say');
    expect(s.problems.join(' ')).toContain('festival');
    const t1 = await server.device('display-T1');
    await issue(server, 1);
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const ready = nextEvent(t1, 'announcement:ready', 10_000);
    await must(officer, 'ticket:call-next', {});
    expect((await ready).voiced).toBe(false);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('a broken clip in a center\'s own voice pack: refused at start, chime fallback', async () => {
    const packDir = join(tmpdir(), `luot-own-pack-${process.pid}`);
    await mkdir(join(packDir, 'words'), { recursive: true });
    await writeFile(join(packDir, 'words', 'một.wav'), 'not audio');
    const base = testCenterConfig();
    server = await startServer({ config: { ...base, voice: { ...base.voice, engine: 'voice-pack', packDir } } });
    expect((await server.app.parts.lobby.settled()).active).toBe('chime-only');
    expect((await status(server)).problems.join(' ')).toContain('words/một.wav');
    await rm(packDir, { recursive: true, force: true });
  });

  it('the default voice pack is generated at first start and speaks calls', async () => {
    const base = testCenterConfig();
    server = await startServer({ config: { ...base, voice: { ...base.voice, engine: 'voice-pack', repeat: 1 } } });
    expect((await server.app.parts.lobby.settled()).active).toBe('voice-pack');
    const t2 = await server.device('display-T2');
    await issue(server, 1, 'HOTICH');
    const officer = await server.officer(3);
    await must(officer, 'counter:open', { counter: 3 });
    const ready = nextEvent(t2, 'announcement:ready', 10_000);
    await must(officer, 'ticket:call-next', {});
    const a = await ready;
    expect(a).toMatchObject({ voiced: true, text: 'Xin mời công dân có số thứ tự B-001 đến quầy số 3' });
    expect(a.durationMs!).toBeGreaterThan(1550 + 2000);
  });
});
