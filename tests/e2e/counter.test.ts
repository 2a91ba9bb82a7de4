// The counter console and the rating pad in Debian's Chromium against the real server: an officer
// signs in and works a citizen from the kiosk to the pad's rating with the keyboard only, a reload
// and a second tab keep the current ticket, and the rating lands in the day file on disk.
// COUNTER_SHOTS_DIR=<dir> also saves screenshots (console at 1366×768, pad at 1280×800).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DayState } from '@core/ticket.ts';
import { must, PASSWORD, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';

const SHOTS = process.env.COUNTER_SHOTS_DIR;
const CONSOLE_VIEW = { width: 1366, height: 768 };
const PAD_VIEW = { width: 1280, height: 800 };

let browser: Browser;
let server: TestServer;
const contexts: BrowserContext[] = [];
let requestSeq = 0;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
  await server?.close();
});

async function newPage(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Today as stored on disk (snapshot + journal), read by a store of its own, not the server's memory. */
async function dayFile(): Promise<DayState> {
  const day = await new LowdbStore(server.dataDir).readDay('2026-11-23');
  if (!day) throw new Error('no day on disk yet');
  return day;
}

function issue(kiosk: Client, serviceCode: string, priority: string | null = null) {
  requestSeq += 1;
  return must(kiosk, 'ticket:issue', { serviceCode, priority, requestId: `e2e-counter-${requestSeq}` });
}

/** Signs in with the keyboard only: the username field has the focus when the form appears. */
async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${server.url}/counter`);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('username');
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
}

const current = (page: Page) => page.getByTestId('current-number').textContent({ timeout: 1000 }).catch(() => null);
const currentStatus = (page: Page) => page.getByTestId('current-status').textContent({ timeout: 1000 }).catch(() => null);
const padNumber = (page: Page) => page.getByTestId('pad-number').textContent({ timeout: 1000 }).catch(() => null);
const waitingNumbers = (page: Page) => page.locator('[data-testid=waiting-list] li').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')));

describe('counter console and rating pad', () => {
  it('serves a kiosk ticket from call to rating with the keyboard only; a reload and a second tab keep the ticket', async () => {
    server = await startServer();
    const kiosk = await server.device('kiosk1');
    const { page, errors } = await newPage(CONSOLE_VIEW);
    const { page: pad, errors: padErrors } = await newPage(PAD_VIEW);
    await pad.goto(`${server.url}/counter/rating#device=${server.deviceTokens.pad1}`);
    await expect.poll(() => pad.getByTestId('pad-counter').textContent()).toBe('Quầy số 1');

    await signIn(page, 'canbo1');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-counter'))).toBe('1');
    await shot(page, 'console-1-choose-counter');
    await page.keyboard.press('Enter'); // open counter 1
    await expect.poll(() => page.getByTestId('counter-name').textContent()).toBe('Quầy số 1');
    await expect.poll(() => pad.getByTestId('pad-officer').textContent()).toBe('Cán bộ 1');
    await shot(pad, 'pad-1-idle');

    // The list is live: tickets issued after the console loaded appear without a reload.
    const first = await issue(kiosk, 'DATDAI');
    server.clock.advance(60_000);
    await issue(kiosk, 'DATDAI');
    await expect.poll(() => waitingNumbers(page)).toEqual(['A-001', 'A-002']);
    expect(await page.locator('[data-action=call-next]').isEnabled()).toBe(true);
    expect(await page.locator('[data-action=start]').isDisabled()).toBe(true);

    await page.keyboard.press('Space'); // call next
    await expect.poll(() => current(page)).toBe('A-001');
    await expect.poll(() => padNumber(pad)).toBe('A-001');
    await expect.poll(() => waitingNumbers(page)).toEqual(['A-002']);
    expect(await page.locator('[data-action=call-next]').isDisabled()).toBe(true);
    await shot(pad, 'pad-2-called');

    await page.keyboard.press('KeyS'); // start service
    await expect.poll(() => currentStatus(page)).toBe('Đang tiếp nhận');
    server.clock.advance(5 * 60_000);

    // A reload in the middle of service: the server restores the counter and the citizen.
    await page.reload();
    await expect.poll(() => current(page)).toBe('A-001');
    expect(await currentStatus(page)).toBe('Đang tiếp nhận');
    await expect.poll(() => waitingNumbers(page)).toEqual(['A-002']);

    // A second tab of the same officer shows the same counter and ticket.
    const second = await page.context().newPage();
    await second.goto(`${server.url}/counter`);
    await expect.poll(() => current(second)).toBe('A-001');
    await second.close();
    await shot(page, 'console-2-serving');

    await page.keyboard.press('KeyF'); // finish: the dossier field has the focus
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('dossier');
    await page.keyboard.type('000.00.12.h36-261123-00O1'); // a typo: letter O for zero
    await expect.poll(() => page.locator('#dossier-help').textContent()).toContain('Mã không đúng định dạng');
    expect(await page.locator('[data-testid=finish-panel] button[type=submit]').isDisabled()).toBe(true);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('01');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1.004227 Đăng ký khai sinh');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Đủ hồ sơ');
    await shot(page, 'console-3-finish-panel');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Đã hoàn thành số A-001');
    expect(await current(page)).toBeNull();

    // The pad asks the citizen, who answers with a touch.
    await pad.locator('button[data-score="4"]').waitFor();
    await shot(pad, 'pad-3-rating');
    await pad.locator('button[data-score="4"]').click();
    await pad.getByTestId('thanks').waitFor();
    await shot(pad, 'pad-4-thanks');

    await expect.poll(async () => (await dayFile()).tickets[first.ticket.id]?.rating?.score ?? null).toBe(4);
    const stored = (await dayFile()).tickets[first.ticket.id]!;
    expect(stored.status).toBe('done');
    expect(stored.dossierCodes).toEqual(['000.00.12.H36-261123-0001']);
    expect(stored.procedureCode).toBe('1.004227 Đăng ký khai sinh');
    expect(stored.note).toBe('Đủ hồ sơ');
    expect(stored.rating).toMatchObject({ score: 4, reasons: [], counter: 1, officerId: stored.officerId });
    expect(stored.officerId).not.toBeNull();
    expect(errors).toEqual([]);
    expect(padErrors).toEqual([]);
  });

  it('transfers, marks a no-show (confirmed), pauses, resumes and closes with the keyboard', async () => {
    server = await startServer();
    const kiosk = await server.device('kiosk1');
    await issue(kiosk, 'DATDAI');
    await issue(kiosk, 'DATDAI', 'elderly');
    const { page, errors } = await newPage(CONSOLE_VIEW);
    await signIn(page, 'canbo2');
    await page.locator('button[data-counter="2"]').waitFor();
    await page.keyboard.press('ArrowDown'); // counter 1 → counter 2
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('counter-name').textContent()).toBe('Quầy số 2');
    // A priority ticket is called first after opening (normal:priority mix), so it heads the list.
    await expect.poll(() => waitingNumbers(page)).toEqual(['A-002', 'A-001']);

    await page.keyboard.press('Space');
    await expect.poll(() => current(page)).toBe('A-002');
    await page.keyboard.press('KeyT');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('target');
    await page.keyboard.press('ArrowDown'); // first target: the first other service (Hộ tịch)
    expect(await page.locator('#transfer-options [aria-selected=true]').getAttribute('data-value')).toBe('s:HOTICH');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Hỏi về khai sinh');
    await shot(page, 'console-4-transfer');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Đã chuyển số A-002');
    // Counter 2 also serves Hộ tịch: the transferred ticket comes back into its own list.
    await expect.poll(() => waitingNumbers(page)).toContain('A-002');

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp'); // select the head again
    await page.keyboard.press('Enter'); // call the selected ticket
    await expect.poll(() => current(page)).not.toBeNull();
    const called = await current(page);
    await page.keyboard.press('KeyN');
    await page.getByTestId('confirm').waitFor();
    await shot(page, 'console-5-confirm-no-show');
    await page.keyboard.press('Escape'); // cancelled: nothing happens
    expect(await current(page)).toBe(called);
    await page.keyboard.press('KeyN');
    await page.getByTestId('confirm').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain(`Đã ghi nhận số ${called} vắng mặt`);

    await page.keyboard.press('KeyP');
    await page.getByTestId('pause-panel').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-action=pause]').textContent()).toContain('Tiếp tục');
    expect(await page.locator('[data-action=call-next]').isDisabled()).toBe(true);
    await shot(page, 'console-6-paused');
    await page.keyboard.press('KeyP');
    await expect.poll(() => page.locator('[data-action=pause]').textContent()).toContain('Tạm dừng');

    await page.keyboard.press('KeyQ');
    await page.getByTestId('confirm').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Chọn quầy làm việc').count()).toBe(1);

    const day = await dayFile();
    expect(day.counters['2']?.status).toBe('closed');
    const tickets = Object.values(day.tickets);
    expect(tickets.find((t) => t.number === 'A-002')?.transfers[0]).toMatchObject({ fromService: 'DATDAI', toService: 'HOTICH', note: 'Hỏi về khai sinh' });
    expect(tickets.find((t) => t.number === called)?.status).toBe('no-show');
    expect(day.tickets && Object.values(day.tickets).flatMap((t) => t.history).some((h) => h.type === 'no-show')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a network drop keeps the current ticket; an action on a ticket another counter took says so clearly', async () => {
    server = await startServer();
    const kiosk = await server.device('kiosk1');
    const { page, errors } = await newPage(CONSOLE_VIEW);
    // The console's WebSocket goes through here, so the test can cut it (a network drop) and hold
    // back its "ticket:called" events (a slow network) to make its list stale.
    let holdCalls = false;
    let cut: (() => Promise<void>) | null = null;
    // The console re-reads its list (queue:get) just after each event; the test counts those answers so
    // that it makes the list stale only after the last re-read, not before one still on its way.
    // Per connection: a read sent just before the network drop is never answered, and must not be
    // waited for on the next connection (socket.io's ack ids go on across reconnects).
    let listReads = new Set<string>();
    let listReadsAnswered = 0;
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      listReads = new Set<string>();
      const upstream = ws.connectToServer();
      ws.onMessage((m) => {
        const read = typeof m === 'string' ? /^42(\d+)\["queue:get"/.exec(m) : null;
        if (read) listReads.add(read[1]!);
        upstream.send(m);
      });
      upstream.onMessage((m) => {
        if (holdCalls && typeof m === 'string' && m.startsWith('42["ticket:called"')) return;
        const answer = typeof m === 'string' ? /^43(\d+)/.exec(m) : null;
        if (answer && listReads.delete(answer[1]!)) listReadsAnswered += 1;
        ws.send(m);
      });
      cut = async () => { await ws.close(); await upstream.close(); };
    });
    await signIn(page, 'canbo1');
    await page.locator('button[data-counter="1"]').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('counter-name').textContent()).toBe('Quầy số 1');
    await issue(kiosk, 'DATDAI');
    await expect.poll(() => waitingNumbers(page)).toEqual(['A-001']);
    await page.keyboard.press('Space');
    await expect.poll(() => current(page)).toBe('A-001');

    await expect.poll(() => cut !== null).toBe(true);
    await cut!();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Đang kết nối…');
    expect(await page.locator('[data-action=start]').isDisabled()).toBe(true); // nothing is sent while offline
    expect(await current(page)).toBe('A-001'); // the citizen stays on screen
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 15_000 }).toBe('Đã kết nối máy chủ');
    expect(await current(page)).toBe('A-001');
    await page.keyboard.press('KeyS');
    await expect.poll(() => currentStatus(page)).toBe('Đang tiếp nhận');
    await page.keyboard.press('KeyF');
    await page.getByTestId('finish-panel').waitFor();
    await page.keyboard.press('Enter'); // no dossier code: still allowed
    await expect.poll(() => current(page)).toBeNull();

    const readsBefore = listReadsAnswered;
    const ticket = await issue(kiosk, 'DATDAI');
    await expect.poll(() => waitingNumbers(page)).toEqual(['A-002']);
    await expect.poll(() => listReadsAnswered > readsBefore && listReads.size === 0).toBe(true);
    holdCalls = true;
    const other = await server.officer(2);
    await must(other, 'counter:open', { counter: 2 });
    await must(other, 'ticket:call', { ticketId: ticket.ticket.id });
    expect(await waitingNumbers(page)).toEqual(['A-002']); // stale on purpose

    await page.keyboard.press('Enter'); // call the selected A-002
    await expect.poll(() => page.getByTestId('notice').getAttribute('data-code')).toBe('TICKET_TAKEN');
    expect(await page.getByTestId('notice').textContent()).toContain('Số A-002 đã được quầy khác gọi');
    // The console then asks the server again and drops the ticket from its list.
    await expect.poll(() => page.getByText('Không có công dân đang chờ').count()).toBe(1);
    expect(await current(page)).toBeNull();
    await shot(page, 'console-7-ticket-taken');
    expect(errors).toEqual([]);
  });

  it('asks for reasons at a low score, and records "not rated" when nobody answers in time', async () => {
    server = await startServer({ ratingTimeoutSec: 3 });
    const kiosk = await server.device('kiosk1');
    const { page: pad, errors } = await newPage(PAD_VIEW);
    await pad.goto(`${server.url}/counter/rating#device=${server.deviceTokens.pad1}`);
    await expect.poll(() => pad.getByTestId('pad-counter').textContent()).toBe('Quầy số 1');
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });

    const a = await issue(kiosk, 'DATDAI');
    await must(officer, 'ticket:call-next', {});
    await must(officer, 'ticket:start', {});
    await must(officer, 'ticket:finish', {});
    await pad.locator('button[data-score="2"]').click();
    await pad.locator('button[data-reason="waiting-time"]').click();
    await pad.locator('button[data-reason="guidance"]').click();
    await pad.locator('textarea').fill('Chờ hơi lâu');
    await shot(pad, 'pad-5-reasons');
    await pad.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await pad.getByTestId('thanks').waitFor();
    await expect.poll(async () => (await dayFile()).tickets[a.ticket.id]?.rating ?? null)
      .toMatchObject({ score: 2, reasons: ['waiting-time', 'guidance'], comment: 'Chờ hơi lâu' });

    const b = await issue(kiosk, 'DATDAI');
    await must(officer, 'ticket:call-next', {});
    await expect.poll(() => padNumber(pad)).toBe('A-002'); // a new call ends the thank-you screen
    await must(officer, 'ticket:finish', {});
    await pad.locator('button[data-score="5"]').waitFor();
    // Nobody touches the pad: after its countdown it records "not rated" and goes back to idle.
    await expect.poll(async () => (await dayFile()).tickets[b.ticket.id]?.rating ?? null, { timeout: 15_000 })
      .toMatchObject({ score: null, reasons: [], comment: '' });
    await expect.poll(() => pad.locator('[data-screen=idle]').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
