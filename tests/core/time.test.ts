import { describe, it, expect } from 'vitest';
import { localDay, localInstant, localTimeOfDay, localWeekday, nextLocalMidnight, VN_OFFSET_MS } from '../../core/time.ts';

const utc = (iso: string) => Date.parse(iso);

describe('localDay', () => {
  it('is the calendar day in UTC+7, not in UTC', () => {
    expect(localDay(utc('2026-11-23T01:00:00Z'))).toBe('2026-11-23');
    // 23:30 UTC on the 22nd is 06:30 local on the 23rd
    expect(localDay(utc('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
    // 17:00 UTC is local midnight
    expect(localDay(utc('2026-11-23T16:59:59.999Z'))).toBe('2026-11-23');
    expect(localDay(utc('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
  });

  it('crosses months and years at local midnight', () => {
    expect(localDay(utc('2026-12-31T16:59:00Z'))).toBe('2026-12-31');
    expect(localDay(utc('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(localDay(utc('2028-02-28T17:00:00Z'))).toBe('2028-02-29');
  });
});

describe('localTimeOfDay', () => {
  it('gives HH:MM in local time', () => {
    expect(localTimeOfDay(utc('2026-11-23T01:00:00Z'))).toBe('08:00');
    expect(localTimeOfDay(utc('2026-11-23T16:59:59Z'))).toBe('23:59');
    expect(localTimeOfDay(utc('2026-11-23T17:00:00Z'))).toBe('00:00');
    expect(localTimeOfDay(utc('2026-11-23T00:05:00Z'))).toBe('07:05');
  });
});

describe('localWeekday', () => {
  it('is ISO (1 = Monday … 7 = Sunday) of the local day', () => {
    expect(localWeekday(utc('2026-11-23T01:00:00Z'))).toBe(1);
    expect(localWeekday(utc('2026-11-29T01:00:00Z'))).toBe(7); // Sunday
    expect(localWeekday(utc('2026-11-28T01:00:00Z'))).toBe(6); // Saturday
    // Sunday 18:00 UTC is already Monday 01:00 local
    expect(localWeekday(utc('2026-11-22T18:00:00Z'))).toBe(1);
    // Saturday 16:59 UTC is still Saturday 23:59 local; 17:00 UTC is Sunday
    expect(localWeekday(utc('2026-11-28T16:59:00Z'))).toBe(6);
    expect(localWeekday(utc('2026-11-28T17:00:00Z'))).toBe(7);
  });
});

describe('nextLocalMidnight', () => {
  it('is 17:00 UTC of the local day', () => {
    expect(nextLocalMidnight(utc('2026-11-23T01:00:00Z'))).toBe(utc('2026-11-23T17:00:00Z'));
    // 06:00 local on the 23rd (23:00 UTC on the 22nd) → midnight ending the 23rd
    expect(nextLocalMidnight(utc('2026-11-22T23:00:00Z'))).toBe(utc('2026-11-23T17:00:00Z'));
  });

  it('is strictly after now, also exactly at midnight', () => {
    const midnight = utc('2026-11-23T17:00:00Z');
    expect(nextLocalMidnight(midnight)).toBe(midnight + 24 * 3600_000);
    expect(nextLocalMidnight(midnight - 1)).toBe(midnight);
  });

  it('lands on a change of localDay', () => {
    for (let t = utc('2026-11-20T00:00:00Z'); t < utc('2026-11-27T00:00:00Z'); t += 37 * 60_000) {
      const m = nextLocalMidnight(t);
      expect(m).toBeGreaterThan(t);
      expect(localDay(m - 1)).toBe(localDay(t));
      expect(localDay(m)).not.toBe(localDay(t));
      expect(localTimeOfDay(m)).toBe('00:00');
    }
  });
});

describe('localInstant', () => {
  it('inverts localDay/localTimeOfDay', () => {
    const t = localInstant('2026-11-23', '08:00');
    expect(t).toBe(utc('2026-11-23T01:00:00Z'));
    expect(localDay(t)).toBe('2026-11-23');
    expect(localTimeOfDay(t)).toBe('08:00');
    expect(localInstant('2026-11-24', '00:00')).toBe(utc('2026-11-23T17:00:00Z'));
  });

  it('treats 24:00 as the last instant of the day', () => {
    const t = localInstant('2026-11-23', '24:00');
    expect(localDay(t)).toBe('2026-11-23');
    expect(t + 1).toBe(localInstant('2026-11-24', '00:00'));
  });

  it('offset is seven hours', () => {
    expect(VN_OFFSET_MS).toBe(7 * 3600_000);
  });
});
