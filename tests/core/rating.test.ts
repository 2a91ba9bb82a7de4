// Pure rules of the rating pad and the console's list helpers, with plain values.
import { describe, expect, it } from 'vitest';
import { RatingPolicySchema } from '@core/config.ts';
import { checkRatingDetails, ratingBackstopMs, ratingSettings, ratingStillAsked } from '@core/rating.ts';
import type { TicketSummary } from '@core/views.ts';
import { callableHere } from '@core/call-rules.ts';
import { clock, splitCodes, withTicket } from '../../counter/src/waiting.ts';
import { actionForKey } from '../../counter/src/keys.ts';

const policy = RatingPolicySchema.parse({});

describe('rating rules', () => {
  it('defaults: 30 s, reasons at 3 or below, five Vietnamese labels from very unsatisfied to very satisfied', () => {
    expect(policy.timeoutSec).toBe(30);
    expect(policy.reasonsAtOrBelow).toBe(3);
    expect(policy.levels.map((l) => l.nameVi)).toEqual(['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng']);
    expect(policy.reasons.map((r) => r.code)).toEqual(['attitude', 'waiting-time', 'guidance', 'complex-dossier', 'processing-time', 'facilities']);
    for (const text of [...policy.levels.map((l) => l.nameVi), ...policy.reasons.map((r) => r.nameVi)]) expect(text).toBe(text.normalize('NFC'));
  });

  it('the server waits for both of the pad\'s steps and half a timeout more', () => {
    expect(ratingBackstopMs(30)).toBe(75_000);
    expect(ratingBackstopMs(1)).toBe(2_500);
    expect(ratingStillAsked(0, 30, 29_999)).toBe(true);
    expect(ratingStillAsked(0, 30, 30_000)).toBe(false);
    expect(ratingSettings(policy, 12).timeoutSec).toBe(12);
  });

  it('accepts configured reasons at a low score and comments with any answer', () => {
    expect(checkRatingDetails(policy, 1, ['attitude', 'guidance'], 'Chờ lâu')).toEqual([]);
    expect(checkRatingDetails(policy, 3, ['waiting-time'], '')).toEqual([]);
    expect(checkRatingDetails(policy, 5, [], 'Cán bộ nhiệt tình')).toEqual([]);
    expect(checkRatingDetails(policy, null, [], '')).toEqual([]);
  });

  it.each([
    [2, ['rude'], '', 'reasons'],
    [2, ['attitude', 'attitude'], '', 'reasons'],
    [4, ['attitude'], '', 'reasons'],
    [null, ['attitude'], '', 'reasons'],
    [null, [], 'hi', 'comment'],
  ] as const)('refuses score %s with reasons %j and comment %j (field %s)', (score, reasons, comment, field) => {
    expect(checkRatingDetails(policy, score, reasons, comment).map((i) => i.path)).toContain(field);
  });
});

const ticket = (over: Partial<TicketSummary>): TicketSummary => ({
  id: 'id-' + (over.number ?? 'x'), seq: 1, number: 'A-001', serviceCode: 'DATDAI', departmentCode: 'STNMT', priority: null, status: 'waiting',
  issuedAt: 0, queuedAt: 0, calledAt: null, startedAt: null, finishedAt: null, counter: null, targetCounter: null, calls: 0, transferred: false,
  ...over,
});

describe('console list helpers', () => {
  const counter = { number: 2, services: [{ serviceCode: 'DATDAI', weight: 1 }, { serviceCode: 'HOTICH', weight: 1 }] };

  it('a counter may call waiting tickets of its services, or sent to it; not ones sent elsewhere', () => {
    expect(callableHere(ticket({}), counter)).toBe(true);
    expect(callableHere(ticket({ serviceCode: 'LLTP' }), counter)).toBe(false);
    expect(callableHere(ticket({ serviceCode: 'LLTP', targetCounter: 2 }), counter)).toBe(true);
    expect(callableHere(ticket({ targetCounter: 3 }), counter)).toBe(false);
    expect(callableHere(ticket({ status: 'called' }), counter)).toBe(false);
  });

  it('keeps the server\'s head, inserts new tickets by arrival, drops ones called elsewhere', () => {
    const head = ticket({ number: 'B-009', serviceCode: 'HOTICH', queuedAt: 50 });
    const a1 = ticket({ number: 'A-001', queuedAt: 10 });
    const a3 = ticket({ number: 'A-003', queuedAt: 30 });
    let list = [head, a1, a3];
    list = withTicket(list, ticket({ number: 'A-002', queuedAt: 20 }), counter);
    expect(list.map((t) => t.number)).toEqual(['B-009', 'A-001', 'A-002', 'A-003']);
    list = withTicket(list, { ...a1, status: 'called', counter: 1 }, counter);
    expect(list.map((t) => t.number)).toEqual(['B-009', 'A-002', 'A-003']);
    list = withTicket(list, ticket({ number: 'C-001', serviceCode: 'LLTP' }), counter);
    expect(list).toHaveLength(3);
    expect(withTicket([], a1, counter)).toEqual([a1]);
  });

  it('formats timers and splits typed dossier codes', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(75)).toBe('1:15');
    expect(clock(3725)).toBe('1:02:05');
    expect(splitCodes(' 000.00.12.h36-261123-0001,000.00.12.H36-261123-0002;\n000.00.12.H36-261123-0001 ')).toEqual([
      '000.00.12.H36-261123-0001', '000.00.12.H36-261123-0002',
    ]);
    expect(splitCodes('   ')).toEqual([]);
  });

  it('keys are physical keys, so a Vietnamese input method does not change them; browser shortcuts are left alone', () => {
    const key = (code: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) =>
      actionForKey({ code, ctrlKey: false, altKey: false, metaKey: false, ...mods });
    expect(key('Space')).toBe('call-next');
    expect(key('KeyF')).toBe('finish');
    expect(key('KeyN')).toBe('no-show');
    expect(key('KeyR', { ctrlKey: true })).toBeNull(); // Ctrl+R reloads, as the officer expects
    expect(key('KeyZ')).toBeNull();
  });
});
