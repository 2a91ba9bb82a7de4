// The lobby board in Debian's Chromium against the real server: a call made by a counter client
// appears on the board and its audio is fetched and played; a zone board ignores other zones;
// blocked autoplay asks once for a tap; the board comes back by itself after the server drops it
// and clears itself on a new day; and none of it logs a console error.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { must, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { CHROMIUM, launchBrowser } from '../helpers/browser.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { adminApi } from '../helpers/admin-api.ts';
import type { AnnouncementView } from '@core/lobby-views.ts';

let server: TestServer;
/** Launched as a lobby PC would be: kiosk mode lets the board play sound without a tap. */
let kioskBrowser: Browser;
/** Chromium's default policy: sound waits for a gesture. */
let plainBrowser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const base = testCenterConfig();
  // A quick voice said once: a zone's next announcement waits for its boards to finish the last one.
  server = await startServer({ config: {
    ...base, voice: { ...base.voice, rate: 260, repeat: 1 }, display: { ...base.display, notice: 'Công dân vui lòng giữ phiếu và chờ gọi số. Xin cảm ơn!' },
  } });
  kioskBrowser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic', '--autoplay-policy=no-user-gesture-required'],
  });
  plainBrowser = await launchBrowser();
});
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});
afterAll(async () => {
  await kioskBrowser?.close();
  await plainBrowser?.close();
  await server?.close();
});

interface Board {
  page: Page;
  audioRequests: string[];
  problems: string[];
}

const roomSize = (room: string) => server.app.io.sockets.adapter.rooms.get(room)?.size ?? 0;

/**
 * Opens a board and waits until it is connected. `untouched`: wait on the server's side instead of
 * reading the page, because every Playwright evaluation counts as a user gesture and would unlock
 * autoplay.
 */
async function openBoard(device: string, options: { browser?: Browser; query?: string; untouched?: string } = {}): Promise<Board> {
  const context = await (options.browser ?? kioskBrowser).newContext({ viewport: { width: 1920, height: 1080 } });
  contexts.push(context);
  const page = await context.newPage();
  const board: Board = { page, audioRequests: [], problems: [] };
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') board.problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => board.problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/audio/')) board.audioRequests.push(new URL(r.url()).pathname); });
  const before = options.untouched ? roomSize(options.untouched) : 0;
  await page.goto(`${server.url}/display${options.query ?? ''}#device=${server.deviceTokens[device]}`);
  if (options.untouched) await expect.poll(() => roomSize(options.untouched!)).toBe(before + 1);
  else await expect.poll(() => page.getByTestId('status').textContent()).toContain('Đã kết nối');
  return board;
}

let tap = 0;
async function issue(serviceCode: string, n = 1): Promise<void> {
  const kiosk = await server.device('kiosk1');
  for (let i = 0; i < n; i++) await must(kiosk, 'ticket:issue', { serviceCode, requestId: `board-${tap++}-x` });
  kiosk.close();
}

const officers = new Map<number, Client>();
async function officerAt(counter: number): Promise<Client> {
  let o = officers.get(counter);
  if (!o || !o.connected) {
    o = await server.officer(counter);
    officers.set(counter, o);
    const open = await must(o, 'snapshot:get', { view: 'counter' });
    if (open.role === 'counter' && open.counter.counter === null) await must(o, 'counter:open', { counter });
  }
  return o;
}

/** The officer at `counter` ends whatever they had and calls the next one; returns its number. */
async function callNext(counter: number): Promise<string> {
  const o = await officerAt(counter);
  const snap = await must(o, 'snapshot:get', { view: 'counter' });
  if (snap.role === 'counter' && snap.counter.counter?.current) await must(o, 'ticket:no-show', {});
  return (await must(o, 'ticket:call-next', {})).number;
}

const latest = (b: Board) => b.page.getByTestId('latest-number').textContent();

describe('lobby display board', () => {
  it('shows a call made at a counter at once, large, and fetches and plays its announcement', async () => {
    const board = await openBoard('display-T1');
    await expect.poll(() => board.page.getByTestId('notice').textContent()).toContain('Công dân vui lòng giữ phiếu');
    await issue('DATDAI');
    // The board fetches the announcement once the voice has made it (the first one starts the voice).
    const fetched = board.page.waitForRequest((r) => new URL(r.url()).pathname.startsWith('/audio/'), { timeout: 45_000 });
    const number = await callNext(1);
    await expect.poll(() => latest(board)).toBe(number);
    expect(await board.page.getByTestId('latest-counter').textContent()).toBe('1');
    expect(await board.page.getByTestId('counter-1').getByTestId('counter-number').textContent()).toBe(number);
    const fontPx = await board.page.getByTestId('latest-number').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(120); // readable from 10 m on a 1080p TV

    await fetched;
    expect(board.audioRequests[0]).toMatch(/^\/audio\/[a-f0-9]{32}\.wav$/);
    // It really plays: the one <audio> element moves through the file.
    await expect.poll(() => board.page.evaluate(() => document.querySelector('audio')!.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.3);
    expect(await board.page.getByTestId('sound-overlay').count()).toBe(0);
    expect(board.problems).toEqual([]);
  });

  it('a zone board ignores the calls of other zones, on screen and in sound', async () => {
    const t2 = await openBoard('display-T2');
    const t1 = await openBoard('display-T1');
    await issue('DATDAI');
    await issue('HOTICH');
    const inT1 = await callNext(1);
    await expect.poll(() => latest(t1)).toBe(inT1);
    const inT2 = await callNext(3);
    await expect.poll(() => latest(t2)).toBe(inT2);
    await expect.poll(() => t2.audioRequests.length).toBe(1);
    // T1's call came first; T2 heard its own call since, so it would have heard T1's by now.
    const t2Recent = await t2.page.getByTestId('recent-calls').textContent();
    expect(t2Recent).not.toContain(inT1);
    expect(await t2.page.getByTestId('counter-1').count()).toBe(0);
    expect(await t2.page.getByTestId('counter-3').getByTestId('counter-number').textContent()).toBe(inT2);
    expect(t2.problems).toEqual([]);
    expect(t1.problems).toEqual([]);
  });

  it('where the browser blocks autoplay, asks once with "Bật âm thanh", then plays', async () => {
    const board = await openBoard('display-all', { browser: plainBrowser, untouched: 'displays:all' });
    await issue('DATDAI');
    const audio = board.page.waitForRequest((r) => new URL(r.url()).pathname.startsWith('/audio/'));
    const number = await callNext(2);
    await audio; // the board set the source and tried to play in the same moment
    const overlay = board.page.getByTestId('sound-overlay');
    await overlay.waitFor();
    expect(await latest(board)).toBe(number);
    expect(await overlay.textContent()).toContain('Bật âm thanh');
    await overlay.getByRole('button').click();
    await expect.poll(() => overlay.count()).toBe(0);
    await expect.poll(() => board.page.evaluate(() => document.querySelector('audio')!.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.3);
    expect(board.problems).toEqual([]);
  });

  it('a board with ?sound=0 shows calls but fetches no audio; ?theme=light turns it light', async () => {
    const board = await openBoard('display-T1', { query: '?sound=0&theme=light' });
    expect(await board.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await issue('DATDAI');
    const number = await callNext(1);
    await expect.poll(() => latest(board)).toBe(number);
    const other = await openBoard('display-T1');
    const next = (await issue('DATDAI'), await callNext(1));
    // The announcement went out (after the first call's audio, which the quiet board did not play)…
    await expect.poll(() => other.audioRequests.length, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => latest(board)).toBe(next);
    expect(board.audioRequests).toEqual([]); // …and the quiet board did not fetch it
  });

  it('comes back by itself after the server drops it, from a fresh snapshot', async () => {
    const board = await openBoard('display-T1');
    server.app.io.in('zone:T1').disconnectSockets(true);
    await expect.poll(() => board.page.getByTestId('status').textContent()).toContain('Mất kết nối');
    await issue('DATDAI');
    const missed = await callNext(1); // called while the board was away
    await expect.poll(() => board.page.getByTestId('status').textContent(), { timeout: 15_000 }).toContain('Đã kết nối');
    await expect.poll(() => latest(board)).toBe(missed);
    expect(board.problems).toEqual([]);
  });

  it('a burst of calls is heard in order, one file after another; a call whose ticket moved on is never heard', async () => {
    // The center's usual voice (chime, the phrase twice), slowly: the first saying (~10 s) leaves
    // time to call while it plays, so the calls take its second saying's place.
    const token = await server.login('admin');
    const api = adminApi(() => server.url, () => token);
    const fast = server.app.parts.config.current.voice;
    expect((await api('PUT', '/voice', { ...fast, rate: 100, repeat: 2 })).status).toBe(200);
    await server.app.parts.lobby.settled();
    const board = await openBoard('display-T1');
    // Every file the page starts playing, in order, as the page itself reports it.
    await board.page.evaluate(() => {
      const w = window as unknown as { played: string[] };
      w.played = [];
      document.querySelector('audio')!.addEventListener('playing', (e) => w.played.push(new URL((e.target as HTMLAudioElement).src).pathname));
    });
    const watcher = await server.device('display-T1');
    const sent: AnnouncementView[] = [];
    watcher.on('announcement:ready', (a) => sent.push(a));
    await issue('DATDAI', 4);
    // Both officers signed in and at their counters first: the calls below then take a moment.
    await officerAt(1);
    await officerAt(2);
    const first = await callNext(1);
    await expect.poll(() => sent.length, { timeout: 30_000 }).toBe(1);
    // While the first is said: counter 2 calls; counter 1 marks the first absent, calls the next,
    // marks that one absent too and calls again. Each number is on the board at once.
    const second = await callNext(2);
    const gone = await callNext(1);
    await expect.poll(() => latest(board)).toBe(gone);
    const third = await callNext(1);
    await expect.poll(() => latest(board)).toBe(third);
    await board.page.waitForFunction(() => (window as unknown as { played: string[] }).played.length === 2, undefined, { timeout: 45_000 });
    const played = await board.page.evaluate(() => (window as unknown as { played: string[] }).played);
    expect(played[0]).toBe(sent[0]!.audioUrl);
    const said = played.map((url) => sent.find((a) => a.audioUrl === url)!.calls.map((c) => c.ticket.number));
    expect(said).toEqual([[first], [second, third]]);
    expect(sent.flatMap((a) => a.calls.map((c) => c.ticket.number))).not.toContain(gone);
    expect(board.problems).toEqual([]);
    watcher.close();
    expect((await api('PUT', '/voice', fast)).status).toBe(200);
    await server.app.parts.lobby.settled();
  }, 120_000);

  it('a call that could not start within staleAfterSec of being made is never heard; the next one is', async () => {
    const token = await server.login('admin');
    const api = adminApi(() => server.url, () => token);
    const fast = server.app.parts.config.current.voice;
    // Slowly, said once: the first file (~10 s) leaves time to call while it plays.
    expect((await api('PUT', '/voice', { ...fast, rate: 100, repeat: 1 })).status).toBe(200);
    await server.app.parts.lobby.settled();
    const board = await openBoard('display-T1');
    await board.page.evaluate(() => {
      const w = window as unknown as { played: string[] };
      w.played = [];
      document.querySelector('audio')!.addEventListener('playing', (e) => w.played.push(new URL((e.target as HTMLAudioElement).src).pathname));
    });
    const watcher = await server.device('display-T1');
    const sent: AnnouncementView[] = [];
    watcher.on('announcement:ready', (a) => sent.push(a));
    await issue('DATDAI', 3);
    await officerAt(1);
    await officerAt(2);
    const first = await callNext(1);
    await expect.poll(() => sent.length, { timeout: 30_000 }).toBe(1);
    // While the first is said, counter 2 calls; then the hall's clock passes the limit (60 s) before
    // that call's turn comes (a long backlog, compressed): it is never said. Counter 1's next call is.
    const late = await callNext(2);
    server.clock.advance(61_000);
    const fresh = await callNext(1);
    await board.page.waitForFunction(() => (window as unknown as { played: string[] }).played.length === 2, undefined, { timeout: 45_000 });
    const played = await board.page.evaluate(() => (window as unknown as { played: string[] }).played);
    expect(played.map((url) => sent.find((a) => a.audioUrl === url)!.calls.map((c) => c.ticket.number))).toEqual([[first], [fresh]]);
    expect(sent.flatMap((a) => a.calls.map((c) => c.ticket.number))).not.toContain(late);
    // Shown at its counter, though never said.
    expect(await board.page.getByTestId('counter-2').getByTestId('counter-number').textContent()).toBe(late);
    expect(board.problems).toEqual([]);
    watcher.close();
    expect((await api('PUT', '/voice', fast)).status).toBe(200);
    await server.app.parts.lobby.settled();
  }, 120_000);

  it('a new day clears the board (snapshot asked again on day:started)', async () => {
    const board = await openBoard('display-T1');
    await expect.poll(() => latest(board)).not.toBeNull();
    server.clock.advance(24 * 3600_000);
    await server.app.parts.queue.execute({ type: 'rollover' });
    await expect.poll(() => board.page.getByTestId('latest').textContent()).toContain('Chưa có số nào được gọi');
    expect(await board.page.getByTestId('recent-calls').locator('li').count()).toBe(0);
    expect(board.problems).toEqual([]);
  });
});
