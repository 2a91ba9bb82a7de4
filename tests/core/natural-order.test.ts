// Devices and counters listed as a person counts (issue 17): quầy 1, 2, … 10, not 1, 10, 2.
import { describe, expect, it } from 'vitest';
import { byKindThenName, naturalCompare } from '@core/natural-order.ts';

describe('natural order', () => {
  it('numbers inside names compare as numbers, Vietnamese letters in their order', () => {
    const names = ['Máy đánh giá quầy 10', 'Máy đánh giá quầy 2', 'Máy đánh giá quầy 1', 'Máy đánh giá quầy 21', 'Máy đánh giá quầy 3'];
    expect([...names].sort(naturalCompare)).toEqual(['Máy đánh giá quầy 1', 'Máy đánh giá quầy 2', 'Máy đánh giá quầy 3', 'Máy đánh giá quầy 10', 'Máy đánh giá quầy 21']);
    expect(['Đông', 'Dương', 'Anh'].sort(naturalCompare)).toEqual(['Anh', 'Dương', 'Đông']);
  });

  it('groups by kind first', () => {
    const devices = [
      { kind: 'rating' as const, name: 'Pad 10' }, { kind: 'kiosk' as const, name: 'Kiosk 2' },
      { kind: 'rating' as const, name: 'Pad 9' }, { kind: 'kiosk' as const, name: 'Kiosk 11' },
    ];
    expect(devices.sort(byKindThenName(['kiosk', 'display', 'rating', 'printer'])).map((d) => d.name)).toEqual(['Kiosk 2', 'Kiosk 11', 'Pad 9', 'Pad 10']);
  });
});
