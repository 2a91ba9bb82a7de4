// The lobby's voice and boards changed live over the real admin REST API, heard on a real board
// socket with real espeak-ng audio: the next call uses the new voice without a reconnect or a
// restart, a call being announced during the change keeps its audio, refusals change nothing.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnnouncementView, DisplaySettings } from '@core/lobby-views.ts';
import type { AuditEntry, VoicePreview, VoiceStatusView } from '@core/protocol.ts';
import type { CenterConfig } from '@core/config.ts';
import { must, startServer } from '../helpers/server.ts';
import { adminApi } from '../helpers/admin-api.ts';
import type { Client, TestServer } from '../helpers/server.ts';

let server: TestServer;
let admin: string;
beforeEach(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterEach(async () => { await server.close(); });

const api = adminApi(() => server.url, () => admin);

const voiceStatus = async () => (await api<VoiceStatusView>('GET', '/voice/status')).body.data;
const live = (): CenterConfig => server.app.parts.config.current;

/** The lobby's voice once the changes made so far are applied and it is ready: an event, not a poll. */
const settled = () => server.app.parts.lobby.settled();

/** The next announcement that says `number` (alone or joined with others). */
function saying(socket: Client, number: string): Promise<AnnouncementView> {
  return new Promise((resolve) => {
    const on = (a: AnnouncementView) => {
      if (!a.calls.some((c) => c.ticket.number === number)) return;
      socket.off('announcement:ready', on);
      resolve(a);
    };
    socket.on('announcement:ready', on);
  });
}

function heard(socket: Client): AnnouncementView[] {
  const list: AnnouncementView[] = [];
  socket.on('announcement:ready', (a) => list.push(a));
  return list;
}

async function issue(n: number): Promise<void> {
  const kiosk = await server.device('kiosk1');
  for (let i = 0; i < n; i++) await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: `lobby-admin-${i}-xx` });
}

/** The audio a board would fetch: a real WAV file. */
async function wavAt(url: string): Promise<Buffer> {
  const res = await fetch(server.url + url);
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
  expect(bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
  return bytes;
}

// Calls wait for the boards to finish what they say (real audio, real time): generous bounds for a crowded machine.
describe('lobby settings, live', { timeout: 120_000 }, () => {
  it('template, engine and chime changes reach the next call on the same connection; each is audited', async () => {
    const board = await server.device('display-T1');
    let reconnects = 0;
    board.io.on('reconnect', () => reconnects++);
    const list = heard(board);
    await issue(3);
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    expect((await settled()).active).toBe('espeak-ng');

    const voice = { ...live().voice, template: 'Mời công dân số {number} tới quầy {counter}', repeat: 1 as const };
    expect((await api('PUT', '/voice', voice)).status).toBe(200);
    let next = saying(board, 'A-001');
    await must(officer, 'ticket:call-next', {});
    await next;
    expect(list[0]).toMatchObject({ text: 'Mời công dân số A-001 tới quầy 1', voiced: true });
    await wavAt(list[0]!.audioUrl!);

    // Engine none with the chime off: the board shows the call and plays nothing (it is sent no
    // announcement: tests/voice/announcer-silent.test.ts).
    expect((await api('PUT', '/voice', { ...voice, engine: 'none', chime: false })).status).toBe(200);
    expect(await settled()).toEqual({ requested: 'none', active: 'silent', problems: [] });
    await must(officer, 'ticket:no-show', {});
    const shown = new Promise<string>((resolve) => board.once('board:called', (c) => resolve(c.ticket.number)));
    await must(officer, 'ticket:call-next', {});
    expect(await shown).toBe('A-002');

    // And back to espeak-ng, south variant.
    expect((await api('PUT', '/voice', { ...voice, engine: 'espeak-ng', variant: 'south' })).status).toBe(200);
    await must(officer, 'ticket:no-show', {});
    next = saying(board, 'A-003');
    await must(officer, 'ticket:call-next', {});
    await next;
    expect(list.map((a) => a.calls.map((c) => c.ticket.number))).toEqual([['A-001'], ['A-003']]);
    expect(list[1]).toMatchObject({ voiced: true });
    // Soon after A-001 the short opening may be said ("Mời số …"); the template's ending is there either way.
    expect(list[1]!.text).toMatch(/^Mời (công dân )?số A-003 tới quầy 1$/);
    await wavAt(list[1]!.audioUrl!);
    expect(await voiceStatus()).toMatchObject({ requested: 'espeak-ng', active: 'espeak-ng' });
    expect(board.connected).toBe(true);
    expect(reconnects).toBe(0);

    const stored = JSON.parse(await readFile(join(server.dataDir, 'config.json'), 'utf8')) as CenterConfig;
    expect(stored.voice).toMatchObject({ engine: 'espeak-ng', variant: 'south', template: 'Mời công dân số {number} tới quầy {counter}' });
    const log = (await api<AuditEntry[]>('GET', '/audit')).body.data.filter((e) => e.action === 'voice:put');
    expect(log).toHaveLength(3);
    expect(log[2]).toMatchObject({ actor: { username: 'admin' }, target: 'voice', before: { template: server.config.voice.template }, after: { template: voice.template } });
  });

  it('a bad template is refused with the reason in Vietnamese and changes nothing', async () => {
    expect((await settled()).active).toBe('espeak-ng');
    const file = await readFile(join(server.dataDir, 'config.json'), 'utf8');
    const res = await api('PUT', '/voice', { ...live().voice, template: 'Mời số {number} đến {so}' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.issues).toEqual([{ path: 'template', message: expect.stringContaining('chỗ trống không hợp lệ {so}') }]);
    expect((await api('PUT', '/voice', { ...live().voice, template: 'Mời quầy {counter}' })).body.issues?.[0]?.message).toContain('phải có {number}');
    expect((await api('PUT', '/voice', { ...live().voice, engine: 'festival' })).status).toBe(400);
    expect(await readFile(join(server.dataDir, 'config.json'), 'utf8')).toBe(file);
    expect(live().voice.template).toBe(server.config.voice.template);
    expect((await api<AuditEntry[]>('GET', '/audit')).body.data).toEqual([]);
    // Not for managers.
    expect((await api('PUT', '/voice', live().voice, await server.login('quanly'))).status).toBe(403);
  });

  it('the notice, theme and highlight reach a connected board; audited as display:put', async () => {
    const board = await server.device('display-T2');
    const settings: DisplaySettings[] = [];
    board.on('display:settings', (s) => settings.push(s));
    const display = { notice: 'Chiều thứ Sáu nghỉ giao ban', theme: 'light', highlightSec: 12 };
    expect((await api('PUT', '/display', display)).status).toBe(200);
    await expect.poll(() => settings.at(-1)).toMatchObject(display);
    expect((await api('PUT', '/display', { ...display, highlightSec: 1 })).status).toBe(400);
    expect((await api('PUT', '/display', { ...display, extra: true })).status).toBe(400);
    const [entry] = (await api<AuditEntry[]>('GET', '/audit')).body.data;
    expect(entry).toMatchObject({ action: 'display:put', target: 'display', after: display });
  });

  it('the preview makes a real WAV with the current voice, served at /audio; a bad body is refused', async () => {
    const res = await api<VoicePreview>('POST', '/voice/preview', { number: 'b-7', counter: 3, recall: true });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ text: 'Xin nhắc lại, xin mời công dân có số thứ tự B-7 đến quầy số 3', voiced: true });
    const wav = await wavAt(res.body.data.audioUrl!);
    expect(wav.length).toBeGreaterThan(44 + 16_000); // chime and two phrases: seconds of samples
    // Without a body: the first service and counter.
    expect((await api<VoicePreview>('POST', '/voice/preview')).body.data.text).toBe('Xin mời công dân có số thứ tự A-025 đến quầy số 1');
    expect((await api('POST', '/voice/preview', { counter: 0 })).status).toBe(400);
    expect((await api('POST', '/voice/preview', { number: 'A-025; rm -rf' })).status).toBe(400);
    // The chime alone when the engine is none.
    expect((await api('PUT', '/voice', { ...live().voice, engine: 'none' })).status).toBe(200);
    const chimeOnly = await api<VoicePreview>('POST', '/voice/preview', {});
    expect(chimeOnly.body.data.voiced).toBe(false);
    await wavAt(chimeOnly.body.data.audioUrl!);
  });

  it('a change while calls are being announced: every call keeps its voiced audio, later calls use the new template', async () => {
    const board = await server.device('display-T1');
    const list = heard(board);
    await issue(6);
    const o1 = await server.officer(1);
    const o2 = await server.officer(2);
    await must(o1, 'counter:open', { counter: 1 });
    await must(o2, 'counter:open', { counter: 2 });
    expect((await settled()).active).toBe('espeak-ng');
    // A call whose audio is being made as the change arrives (nothing awaits its announcement).
    const first = saying(board, 'A-001');
    await must(o1, 'ticket:call-next', {});
    expect((await api('PUT', '/voice', { ...live().voice, template: 'Số {number} mời đến quầy {counter}', rate: 150 })).status).toBe(200);
    // While A-001 is said: A-002 is called and marked absent before its turn, A-003 and A-004 are called.
    await must(o2, 'ticket:call-next', {});
    await must(o2, 'ticket:no-show', {});
    await must(o1, 'ticket:no-show', {});
    const last = saying(board, 'A-004');
    await Promise.all([must(o1, 'ticket:call-next', {}), must(o2, 'ticket:call-next', {})]);
    await Promise.all([first, last]);
    expect(list.every((a) => a.voiced && a.audioUrl !== null)).toBe(true);
    for (const a of list) await wavAt(a.audioUrl!);
    // A-001 kept the old voice's words; A-002 was never said; in the new words,
    // joined into one phrase (the board was still speaking when they came).
    expect(list[0]!.text).toBe('Xin mời công dân có số thứ tự A-001 đến quầy số 1');
    expect(list.flatMap((a) => a.calls.map((c) => c.ticket.number))).toEqual(['A-001', 'A-003', 'A-004']);
    expect(list.at(-1)!.text).toMatch(/^Số A-00[34] mời đến quầy [12], số A-00[34] mời đến quầy [12]$/);
  });
});

describe('rebuilding the voice', { timeout: 120_000 }, () => {
  it('a voice section set aside at start (chime only) speaks again once an admin saves a valid one', async () => {
    const stored = JSON.parse(await readFile(join(server.dataDir, 'config.json'), 'utf8'));
    stored.voice = { template: 'Mời số {so}' };
    await server.restart({ whileDown: () => server.store.writeConfig(stored) });
    admin = await server.login('admin');
    expect((await settled()).active).toBe('chime-only');
    expect((await voiceStatus()).problems.join(' ')).toContain('{so}');
    expect((await api('PUT', '/voice', { ...live().voice, template: 'Mời số {number}' })).status).toBe(200);
    expect(await settled()).toMatchObject({ active: 'espeak-ng', problems: [] });
    expect((await api<VoicePreview>('POST', '/voice/preview', { number: 'A-1' })).body.data).toMatchObject({ text: 'Mời số A-1', voiced: true });
  });

  it('with the default voice pack, a new counter gets its clip without a restart', async () => {
    expect((await api('PUT', '/voice', { ...live().voice, engine: 'voice-pack', repeat: 1 })).status).toBe(200);
    expect((await settled()).active).toBe('voice-pack');
    expect((await api('PUT', '/services/DKKD', { code: 'DKKD', departmentCode: 'STP', nameVi: 'Đăng ký kinh doanh', nameEn: 'Business registration', prefix: 'K' })).status).toBe(200);
    expect((await api('PUT', '/counters/42', { number: 42, nameVi: 'Quầy số 42', nameEn: 'Counter 42', zone: 'T1', services: [{ serviceCode: 'DKKD', weight: 1 }] })).status).toBe(200);
    // The default pack is completed by the rebuilt voice: counter 42 gets its own clip, said as one number.
    expect((await settled()).active).toBe('voice-pack');
    expect((await stat(join(server.dataDir, 'voice', 'pack', 'counters', '42.wav'))).size).toBeGreaterThan(44);
    const preview = await api<VoicePreview>('POST', '/voice/preview', { number: 'K-001', counter: 42 });
    expect(preview.body.data).toMatchObject({ text: 'Xin mời công dân có số thứ tự K-001 đến quầy số 42', voiced: true });
    await wavAt(preview.body.data.audioUrl!);
    expect(await voiceStatus()).toMatchObject({ active: 'voice-pack', problems: [] });
  });
});
