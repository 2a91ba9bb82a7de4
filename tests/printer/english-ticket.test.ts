// An English-mode kiosk's ticket (issue 17): the citizen reads English lines beneath the
// Vietnamese ones (which stay for the officer); a Vietnamese-mode ticket is unchanged.
import { describe, expect, it } from 'vitest';
import { indexConfig } from '@core/config.ts';
import { commandSchemas } from '@core/protocol.ts';
import type { IssuedTicket } from '@core/protocol.ts';
import { renderTicket, ticketBlocks } from '../../printer/render.ts';
import { ticketPrintOf } from '../../server/printing/ticket-print.ts';
import { testCenterConfig } from '../helpers/center.ts';

const index = indexConfig(testCenterConfig());
const issued: IssuedTicket = {
  ticket: { id: '261123AbCdEfGhIjKlMnOpQrSt', number: 'A-025', serviceCode: 'DATDAI', priority: 'elderly', status: 'waiting' } as IssuedTicket['ticket'],
  serviceNameVi: 'Đất đai', serviceNameEn: 'Land', departmentNameVi: 'Sở Nông nghiệp và Môi trường', departmentNameEn: 'Department of Agriculture and Environment',
  counters: [1, 2], ahead: 4, etaMin: 16, statusPath: '/t/261123AbCdEfGhIjKlMnOpQrSt', procedureName: null,
};
(issued.ticket as { issuedAt: number }).issuedAt = Date.parse('2026-11-23T02:00:00Z');

const lines = (lang: 'vi' | 'en') => ticketBlocks(ticketPrintOf(index, issued, 'http://192.168.1.10:3000/t/x', lang), 576, 150)
  .flatMap((b) => (b.kind === 'text' ? [b.text] : []));

describe('the printed ticket follows the kiosk’s language', () => {
  it('an English-mode ticket prints the English lines beneath the Vietnamese ones', () => {
    const text = lines('en');
    for (const vi of ['Lĩnh vực: Đất đai', 'ƯU TIÊN: Người cao tuổi', 'Số người chờ trước: 4', 'Thời gian chờ dự kiến: khoảng 16 phút', 'Quầy phục vụ: 1, 2']) {
      expect(text).toContain(vi);
    }
    for (const en of ['Service: Land', 'PRIORITY: Elderly', 'People ahead: 4', 'Estimated wait: about 16 min', 'Counters: 1, 2',
      'Scan to follow your turn', 'Issued at 09:00 on 23/11/2026', 'Department of Agriculture and Environment']) {
      expect(text).toContain(en);
    }
    expect(text.indexOf('Service: Land')).toBe(text.indexOf('Lĩnh vực: Đất đai') + 1);
  });

  it('a Vietnamese-mode ticket has no English line but the title and the closing', () => {
    const text = lines('vi');
    expect(text).toContain('Lĩnh vực: Đất đai');
    expect(text).not.toContain('Service: Land');
    expect(text).not.toContain('People ahead: 4');
    expect(text).toContain('QUEUE TICKET');
  });

  it('the English ticket renders, taller than the Vietnamese one', async () => {
    const vi = await renderTicket(ticketPrintOf(index, issued, 'http://x/t/y', 'vi'), 576);
    const en = await renderTicket(ticketPrintOf(index, issued, 'http://x/t/y', 'en'), 576);
    expect(en.height).toBeGreaterThan(vi.height + 100);
  });

  it('a kiosk says its language with the tap; an older kiosk that does not prints Vietnamese', () => {
    const base = { serviceCode: 'DATDAI', requestId: 'abcdefgh12' };
    expect(commandSchemas['ticket:issue'].parse({ ...base, lang: 'en' }).lang).toBe('en');
    expect(commandSchemas['ticket:issue'].parse(base).lang).toBe('vi');
    expect(commandSchemas['ticket:issue'].safeParse({ ...base, lang: 'fr' }).success).toBe(false);
    expect(commandSchemas['ticket:reprint'].parse({ ticketId: '261123AbCdEfGhIjKlMnOpQrSt', requestId: 'abcdefgh12', lang: 'en' }).lang).toBe('en');
  });
});
