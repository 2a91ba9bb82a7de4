// Priority by age from the chip ID card (issue 14): the rule with plain dates, then over a real kiosk
// socket: a citizen of 75 or more who checks in by scanning the ID card gets the configured category
// when the rule is on; a younger one, a check-in by booking code, or the rule off: a normal ticket.
// The ID number reaches no ticket, view or board.
import { afterEach, describe, expect, it } from 'vitest';
import { ageOn, priorityByAge } from '@core/age-priority.ts';
import { CenterConfigSchema } from '@core/config.ts';
import type { BookingCheckedIn, KioskIssuedTicket } from '@core/protocol.ts';
import { testCenterConfig } from '../helpers/center.ts';
import { must, send, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { at, book, cccdQr } from '../booking/helpers.ts';
import { demoCenterConfig } from '../../server/seed/demo-center.ts';

describe('priorityByAge', () => {
  const rule = { minAge: 75, category: 'elderly' };
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1951-11-23', '2026-11-23')).toBe(75);
    expect(ageOn('1951-11-24', '2026-11-23')).toBe(74);
    expect(ageOn('1952-02-29', '2027-02-28')).toBe(74);
    expect(ageOn('1952-02-29', '2027-03-01')).toBe(75);
    expect(priorityByAge(rule, '1951-11-23', '2026-11-23')).toBe('elderly');
    expect(priorityByAge(rule, '1951-11-24', '2026-11-23')).toBeNull();
  });
  it('off, or a date that is not one: nothing', () => {
    expect(priorityByAge(null, '1930-01-01', '2026-11-23')).toBeNull();
    expect(priorityByAge(rule, '', '2026-11-23')).toBeNull();
    expect(priorityByAge(rule, '1930-1-1', '2026-11-23')).toBeNull();
  });
  it('is off by default; the demo center gives "elderly" from 75; a rule naming no category is refused', () => {
    expect(testCenterConfig().kiosk.agePriority).toBeNull();
    expect(CenterConfigSchema.parse(demoCenterConfig()).kiosk.agePriority).toEqual(rule);
    const bad = CenterConfigSchema.safeParse({ ...testCenterConfig(), kiosk: { agePriority: { minAge: 75, category: 'old' } } });
    expect(bad.error?.issues[0]).toMatchObject({ path: ['kiosk', 'agePriority', 'category'], message: 'không có đối tượng ưu tiên old' });
  });
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
let seq = 0;
const req = () => `age-${String(++seq).padStart(8, '0')}`;
// Male, born 1945 (digit 0 = male, 1900s; then 45) and born 1990.
const OLD = '001045000777';
const YOUNG = '001090000888';

async function center(on: boolean) {
  const base = testCenterConfig();
  server = await startServer({ config: CenterConfigSchema.parse({ ...base, kiosk: { ...base.kiosk, agePriority: on ? { minAge: 75, category: 'elderly' } : null } }) });
  server.clock.t = at('07:00');
  const old = await book(server, { slot: '09:00', cccd: OLD, n: 1 });
  const young = await book(server, { slot: '09:00', cccd: YOUNG, n: 2 });
  server.clock.t = at('08:50');
  return { kiosk: await server.device('kiosk1'), old, young };
}

describe('age priority at check-in by ID card', () => {
  it('on: 81 years old → elderly; 36 → normal; the number is on no ticket', async () => {
    const { kiosk } = await center(true);
    const a = await must(kiosk, 'booking:check-in', { requestId: req(), cccdQr: cccdQr(OLD, { birth: '02011945' }) }) as BookingCheckedIn;
    expect(a.ticket.priority).toBe('elderly');
    const b = await must(kiosk, 'booking:check-in', { requestId: req(), cccdQr: cccdQr(YOUNG, { birth: '15031990' }) }) as BookingCheckedIn;
    expect(b.ticket.priority).toBeNull();
    const day = JSON.stringify(server!.app.parts.queue.current);
    expect(day).not.toContain(OLD);
    expect(day).not.toContain(YOUNG);
  });

  it('a check-in by booking code carries no card, so no age priority; the rule off gives none either', async () => {
    const { kiosk } = await center(false);
    const byCard = await must(kiosk, 'booking:check-in', { requestId: req(), cccdQr: cccdQr(OLD, { birth: '02011945' }) }) as BookingCheckedIn;
    expect(byCard.ticket.priority).toBeNull();
    await server!.close();
    const on = await center(true);
    const byCode = await must(on.kiosk, 'booking:check-in', { requestId: req(), code: on.old.code }) as BookingCheckedIn;
    expect(byCode.ticket.priority).toBeNull();
  });
});

describe('age priority for a walk-in who scanned the ID card (no booking today)', () => {
  it('on: the scanned card gives the elderly priority to the walk-in ticket; a young card gives none; nothing of the card is kept', async () => {
    const { kiosk } = await center(true);
    const old = await must(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: req(), cccdQr: cccdQr(OLD, { birth: '02011945' }) }) as KioskIssuedTicket;
    expect(old.ticket.priority).toBe('elderly');
    const young = await must(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: req(), cccdQr: cccdQr(YOUNG, { birth: '15031990' }) }) as KioskIssuedTicket;
    expect(young.ticket.priority).toBeNull();
    // A category the citizen chose on the priority screen stays when the card gives none.
    const chose = await must(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: req(), priority: 'elderly', cccdQr: cccdQr(YOUNG, { birth: '15031990' }) }) as KioskIssuedTicket;
    expect(chose.ticket.priority).toBe('elderly');
    const day = JSON.stringify(server!.app.parts.queue.current);
    for (const secret of [OLD, YOUNG, '02011945', '1945-01-02']) expect(day).not.toContain(secret);
    const bad = await send(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: req(), cccdQr: 'khong-phai-the' });
    expect(bad).toMatchObject({ ok: false, code: 'CCCD_QR_INVALID' });
  });

  it('off: the card gives no priority; the catalog tells the kiosk which rule is on', async () => {
    const { kiosk } = await center(false);
    const t = await must(kiosk, 'ticket:issue', { serviceCode: 'HOTICH', requestId: req(), cccdQr: cccdQr(OLD, { birth: '02011945' }) }) as KioskIssuedTicket;
    expect(t.ticket.priority).toBeNull();
    const snap = await must(kiosk, 'snapshot:get', {});
    expect(snap.role === 'kiosk' && snap.catalog.agePriority).toBeNull();
    await server!.close();
    const on = await center(true);
    const snapOn = await must(on.kiosk, 'snapshot:get', {});
    expect(snapOn.role === 'kiosk' && snapOn.catalog.agePriority).toEqual({ minAge: 75, category: 'elderly' });
  });
});
