// The admin's per-service booking lines (manager/src/admin/booking-lines.ts): each service keeps
// its own working days through a round trip; a line without the column takes the defaults' days;
// a day that is not 1–7 is refused, never saved as something else.
import { describe, expect, it } from 'vitest';
import { SlotRuleSchema } from '@core/booking/settings.ts';
import { parseDays, parseRuleLine, ruleLine } from '../../manager/src/admin/booking-lines.ts';

const defaults = SlotRuleSchema.parse({});

describe('per-service booking lines', () => {
  it('round trip keeps a service’s own working days (Saturday mornings included)', () => {
    const rule = SlotRuleSchema.parse({ slotMin: 20, capacity: 3, workingDays: [1, 2, 3, 4, 5, 6] });
    const line = ruleLine('HOTICH', rule);
    expect(line).toBe('HOTICH | 20 | 3 | 14 | 30 | 50 | bat | 1,2,3,4,5,6');
    expect(parseRuleLine(line, defaults)).toEqual({ code: 'HOTICH', rule });
  });

  it('an older seven-column line takes the defaults’ days; spaces and repeats are fine; 0 or 8 or words are refused', () => {
    const old = parseRuleLine('DATDAI | 15 | 4 | 14 | 30 | 50 | tat', { ...defaults, workingDays: [2, 4] });
    expect(old).toEqual({ code: 'DATDAI', rule: { ...defaults, enabled: false, workingDays: [2, 4] } });
    expect(parseDays('5 1, 3 3')).toEqual([1, 3, 5]);
    for (const bad of ['0', '8', 'T2', '1;2']) expect(parseDays(bad), bad).toBeNull();
    expect(parseRuleLine('DATDAI | 15 | 4 | 14 | 30 | 50 | bat | thu hai', defaults)).toEqual({ problem: 'DATDAI | 15 | 4 | 14 | 30 | 50 | bat | thu hai' });
  });
});
