// The phone status page behind the QR code: plain HTML from the real server, through a
// ticket's whole life (waiting, called, served, missed, cancelled, expired) and bad addresses.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CenterConfigSchema } from '@core/config.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { connect, must, startServer } from '../helpers/server.ts';
import type { Client, TestServer } from '../helpers/server.ts';

let server: TestServer;
let kiosk: Client;
let n = 0;
const tap = () => `page-${String(++n).padStart(8, '0')}`;

beforeEach(async () => {
  server = await startServer();
  kiosk = await server.device('kiosk1');
});
afterEach(async () => { await server.close(); });

async function page(id: string, part = false): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await fetch(`${server.url}/t/${id}${part ? '?part=status' : ''}`);
  return { status: res.status, html: await res.text(), headers: res.headers };
}

const stateOf = (html: string) => /data-state="([^"]+)"/.exec(html)?.[1];

describe('the ticket status page', () => {
  it('shows the number, the service and the people ahead, light and private', async () => {
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    const second = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    const { status, html, headers } = await page(second.ticket.id);
    expect(status).toBe(200);
    expect(stateOf(html)).toBe('waiting');
    expect(html).toContain('A-002');
    expect(html).toContain('Đất đai');
    expect(html).toContain('Số người chờ trước');
    expect(html).toMatch(/<div class="value">1<span/);
    expect(html).toContain('chưa có quầy mở');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('cache-control')).toBe('no-store');
    const nonce = /script-src 'nonce-([^']+)'/.exec(headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(Buffer.byteLength(html)).toBeLessThan(12_000); // a cheap phone on a slow network
  });

  it('keeps the estimate given at issue on the ticket and the later ones the page showed', async () => {
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    const first = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    const second = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    const third = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    expect(third.etaMin).toBeGreaterThan(0);
    expect(server.app.parts.queue.ticket(third.ticket.id)!.estimateMin).toBe(third.etaMin);
    expect(server.app.parts.queue.ticket(first.ticket.id)!.estimateMin).toBe(first.etaMin);
    await page(third.ticket.id, true);
    await page(third.ticket.id, true); // the same figure again: not recorded twice
    await must(officer, 'ticket:call-next', {});
    await page(third.ticket.id, true);
    await page(second.ticket.id, true);
    const lines = (await readFile(join(server.dataDir, 'estimates', '2026-11-23.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { ticketId: string; ahead: number });
    expect(lines.map((l) => [l.ticketId, l.ahead])).toEqual([[third.ticket.id, 2], [third.ticket.id, 1], [second.ticket.id, 0]]);
  });

  it('the live block follows the ticket: called to a counter, then served', async () => {
    const first = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    const second = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    await must(officer, 'ticket:call-next', {});
    let block = (await page(second.ticket.id, true)).html;
    expect(block.startsWith('<main id="status"')).toBe(true);
    expect(stateOf(block)).toBe('waiting');
    expect(block).toMatch(/<div class="value">0<span/);
    // nobody ahead, but the only counter is busy: the wait is the rest of that service, not "now"
    expect(block).toMatch(/khoảng [1-9]\d* phút/);

    await must(officer, 'ticket:start', {});
    await must(officer, 'ticket:finish', {});
    expect(stateOf((await page(first.ticket.id, true)).html)).toBe('done');
    await must(officer, 'ticket:call-next', {});
    block = (await page(second.ticket.id, true)).html;
    expect(stateOf(block)).toBe('called');
    expect(block).toContain('data-counter="1"');
    expect(block).toContain('<div class="counter" data-testid="counter">1</div>');
    expect(block).toContain('QUẦY SỐ');
    await must(officer, 'ticket:start', {});
    block = (await page(second.ticket.id, true)).html;
    expect(stateOf(block)).toBe('serving');
    expect(block).toContain('Đang được tiếp nhận tại quầy số 1');
    await must(officer, 'ticket:finish', {});
    block = (await page(second.ticket.id, true)).html;
    expect(stateOf(block)).toBe('done');
    expect(block).toContain('Đã hoàn thành. Xin cảm ơn Ông/Bà!');
  });

  it('says plainly when a ticket was missed, cancelled or expired', async () => {
    const missed = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    const cancelled = await must(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: tap() });
    const expired = await must(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: tap() });
    const officer = await server.officer(1);
    await must(officer, 'counter:open', { counter: 1 });
    await must(officer, 'ticket:call-next', {});
    await must(officer, 'ticket:no-show', {});
    const boss = await connect(server.url, { sessionToken: await server.login('quanly') });
    await must(boss, 'ticket:cancel', { ticketId: cancelled.ticket.id, reason: 'lấy nhầm' });

    const missedPage = (await page(missed.ticket.id)).html;
    expect(stateOf(missedPage)).toBe('no-show');
    expect(missedPage).toContain('Ông/Bà đã lỡ lượt');
    expect(stateOf((await page(cancelled.ticket.id)).html)).toBe('cancelled');

    server.clock.advance(24 * 3600_000); // Tuesday: the day rolls over on the next command
    await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    const expiredPage = (await page(expired.ticket.id)).html;
    expect(stateOf(expiredPage)).toBe('expired');
    expect(expiredPage).toContain('Phiếu đã hết hiệu lực');
  });

  it('an unknown or malformed id is a plain 404 page, and names from the configuration are escaped', async () => {
    for (const id of ['261123' + 'A'.repeat(20), 'short', '..%2F..%2Fetc', '<script>']) {
      const res = await page(encodeURIComponent(id));
      expect(res.status).toBe(404);
      expect(res.html).toContain('Không tìm thấy phiếu');
    }
    await server.close();
    const config = testCenterConfig();
    const tricky = CenterConfigSchema.parse({ ...config, services: config.services.map((s) => (s.code === 'DATDAI' ? { ...s, nameVi: '<b>Đất</b> & "đai"' } : s)) });
    server = await startServer({ config: tricky });
    kiosk = await server.device('kiosk1');
    const issued = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: tap() });
    const { html } = await page(issued.ticket.id);
    expect(html).toContain('&lt;b&gt;Đất&lt;/b&gt; &amp; &quot;đai&quot;');
    expect(html).not.toContain('<b>Đất');
  });
});
