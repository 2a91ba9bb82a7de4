// A booked ticket prints "ĐẶT LỊCH" with its slot, and an early arrival is told it is served from
// the slot's start; a result pick-up prints the dossier code. Walk-in tickets print none of it.
import { describe, expect, it } from 'vitest';
import type { Block } from '../../printer/layout.ts';
import { renderTicket, ticketBlocks } from '../../printer/render.ts';
import { SAMPLE } from './sample.ts';

const texts = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
// SAMPLE is issued at 09:00 local (02:00Z); slots in local time.
const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00Z`) - 7 * 3600_000;

describe('booked and pick-up tickets on paper', () => {
  it('a walk-in ticket has no booking or dossier line', () => {
    const lines = texts(ticketBlocks(SAMPLE, 576, 150));
    expect(lines.some((l) => l.includes('ĐẶT LỊCH') || l.includes('phục vụ từ') || l.startsWith('Mã hồ sơ'))).toBe(false);
  });

  it('an early arrival: the slot, and "served from" its start', () => {
    const blocks = ticketBlocks({ ...SAMPLE, booking: { slotStart: at('09:30'), slotEnd: at('09:45') } }, 576, 150);
    expect(texts(blocks)).toEqual(expect.arrayContaining(['ĐẶT LỊCH · GIỜ HẸN 09:30–09:45', 'Phiếu được phục vụ từ 09:30']));
    expect(blocks.find((b) => b.kind === 'text' && b.text.startsWith('ĐẶT LỊCH'))).toMatchObject({ style: { inverted: true } });
  });

  it('on time: the slot only; in English the English line beneath', () => {
    const booked = { ...SAMPLE, booking: { slotStart: at('08:45'), slotEnd: at('09:00') } };
    expect(texts(ticketBlocks(booked, 576, 150)).filter((l) => /ĐẶT LỊCH|phục vụ từ/.test(l))).toEqual(['ĐẶT LỊCH · GIỜ HẸN 08:45–09:00']);
    const english = { ...booked, english: { centerName: 'C', serviceName: 'Land', departmentName: 'D', priorityName: null } };
    expect(texts(ticketBlocks(english, 576, 150))).toContain('BOOKED · APPOINTMENT 08:45–09:00');
  });

  it('a result pick-up prints the dossier code; the image grows by those lines', async () => {
    const pickup = { ...SAMPLE, dossierCodes: ['000.00.12.H36-261120-0042'] };
    expect(texts(ticketBlocks(pickup, 384, 100))).toContain('Mã hồ sơ: 000.00.12.H36-261120-0042');
    const [plain, withCode] = await Promise.all([renderTicket(SAMPLE, 576), renderTicket(pickup, 576)]);
    expect(withCode.height).toBeGreaterThan(plain.height);
  });
});
